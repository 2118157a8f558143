import { describe, expect, it } from 'vitest';
import { CODE_ALPHABETS } from '../manifest/types.js';
import { connectionStatus, verificationView } from './connectionStatus.js';
import { createHash, createHmac } from 'node:crypto';
import { parseSecretKey } from '../config/userDataSettings.js';
import { SecretBox } from './SecretBox.js';
import { codeDigestAad, generateVerificationCode, normalizeGivenCode } from './verificationCode.js';

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

  it('are stored as a keyed digest bound to the connection, matched only by the code', () => {
    const key = parseSecretKey(createHash('sha256').update('unit key').digest('hex'))!;
    const next = parseSecretKey(createHash('sha256').update('next key').digest('hex'))!;
    const box = new SecretBox({ current: key });
    const aad = codeDigestAad('6c1d0000-0000-4000-8000-000000000001');
    const stored = box.digest('K7QM2XHA', aad);
    expect(stored).toMatch(new RegExp(`^m1:${key.id}:[\\w-]{43}$`));
    expect(stored).not.toContain('K7QM2XHA');
    expect(box.digestMatches('K7QM2XHA', aad, stored)).toBe(true);
    expect(box.digestMatches('K7QM2XHB', aad, stored)).toBe(false);
    expect(box.digestMatches('K7QM2XH', aad, stored)).toBe(false);
    expect(box.digestMatches('', aad, stored)).toBe(false);
    // Copied onto another connection, it matches nothing.
    expect(box.digestMatches('K7QM2XHA', codeDigestAad('other'), stored)).toBe(false);
    expect(box.digestMatches('K7QM2XHA', aad, 'v9:x:y')).toBe(false);
    expect(box.digestMatches('K7QM2XHA', aad, stored.slice(0, -4))).toBe(false);
    // After a rotation the previous key still checks it; without that key nothing matches.
    expect(
      new SecretBox({ current: next, previous: [key] }).digestMatches('K7QM2XHA', aad, stored),
    ).toBe(true);
    expect(new SecretBox({ current: next }).digestMatches('K7QM2XHA', aad, stored)).toBe(false);
    // The digest key is derived, not the encryption key: a plain HMAC under the key differs.
    const plain = createHmac('sha256', key.key)
      .update(`${aad.length}:${aad}:K7QM2XHA`)
      .digest('base64url');
    expect(stored.endsWith(plain)).toBe(false);
    expect(() => new SecretBox({}).digest('K7QM2XHA', aad)).toThrow(/REGSYNC_SECRET_KEY/);
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
