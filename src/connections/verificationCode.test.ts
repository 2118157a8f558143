import { describe, expect, it } from 'vitest';
import { CODE_ALPHABETS } from '../manifest/types.js';
import { connectionStatus, verificationView } from './connectionStatus.js';
import {
  generateVerificationCode,
  hashVerificationCode,
  normalizeGivenCode,
  verificationCodeMatches,
} from './verificationCode.js';

describe('verification codes', () => {
  it('are drawn from the whole alphabet, at the declared length', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const code = generateVerificationCode({ codeLength: 8, codeAlphabet: 'alphanumeric' });
      expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/);
      for (const char of code) seen.add(char);
    }
    // 1,600 draws from 31 characters: every one appears (a miss has odds below 1e-20).
    expect([...seen].sort().join('')).toBe([...CODE_ALPHABETS.alphanumeric].sort().join(''));
    expect(generateVerificationCode({ codeLength: 6, codeAlphabet: 'digits' })).toMatch(
      /^[0-9]{6}$/,
    );
  });

  it('are stored as a salted hash that only the code matches', async () => {
    const a = await hashVerificationCode('K7QM2XHA');
    const b = await hashVerificationCode('K7QM2XHA');
    expect(a).toMatch(/^s1:[\w-]{22}:[\w-]{43}$/);
    expect(a).not.toBe(b); // the salt differs per row
    expect(a).not.toContain('K7QM2XHA');
    expect(await verificationCodeMatches('K7QM2XHA', a)).toBe(true);
    expect(await verificationCodeMatches('K7QM2XHB', a)).toBe(false);
    expect(await verificationCodeMatches('K7QM2XH', a)).toBe(false);
    expect(await verificationCodeMatches('', a)).toBe(false);
    expect(await verificationCodeMatches('K7QM2XHA', 'v9:x:y')).toBe(false);
    expect(await verificationCodeMatches('K7QM2XHA', a.slice(0, -4))).toBe(false);
  });

  it('are read back without surrounding spaces, alphanumeric ones in upper case', () => {
    expect(normalizeGivenCode({ codeAlphabet: 'alphanumeric' }, ' k7qm2xha\n')).toBe('K7QM2XHA');
    expect(normalizeGivenCode({ codeAlphabet: 'digits' }, ' 012345 ')).toBe('012345');
  });
});

describe('connection status', () => {
  const now = new Date('2026-12-08T10:00:00Z');
  const later = new Date('2026-12-08T10:15:00Z');
  const pending = {
    isActive: false,
    disconnectedAt: null,
    verificationCodeHash: 's1:a:b',
    verificationExpiresAt: later,
    verificationAttemptsLeft: 3,
  };

  it('follows the row and the clock', () => {
    expect(connectionStatus({ ...pending, isActive: true }, now)).toBe('active');
    expect(connectionStatus(pending, now)).toBe('pending');
    expect(connectionStatus(pending, later)).toBe('expired');
    expect(connectionStatus({ ...pending, verificationAttemptsLeft: 0 }, now)).toBe('locked');
    expect(connectionStatus({ ...pending, disconnectedAt: now }, now)).toBe('disconnected');
    // A row written without the confirmation columns (older, or imported) reads as before.
    expect(connectionStatus({ isActive: true, disconnectedAt: null }, now)).toBe('active');
    expect(connectionStatus({ isActive: false, disconnectedAt: null }, now)).toBe('disconnected');
  });

  it('shows the confirmation only while one is outstanding, the code only when given', () => {
    expect(verificationView(pending, 'pending', 'K7QM2XHA')).toEqual({
      expiresAt: later.toISOString(),
      attemptsLeft: 3,
      code: 'K7QM2XHA',
    });
    expect(verificationView(pending, 'locked')).toEqual({
      expiresAt: later.toISOString(),
      attemptsLeft: 3,
    });
    expect(verificationView(pending, 'active')).toBeNull();
    expect(verificationView(pending, 'disconnected')).toBeNull();
  });
});
