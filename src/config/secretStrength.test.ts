import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeKeyText, secretKeyProblem, weakKeyReason } from './secretStrength.js';

describe('secret key strength', () => {
  it('refuses an all-zero key in either notation', () => {
    expect(secretKeyProblem('K', '0'.repeat(64))).toBe(
      'K is refused: it is all zeros; generate one with openssl rand -base64 32',
    );
    expect(secretKeyProblem('K', Buffer.alloc(32).toString('base64'))).toContain('all zeros');
  });

  it('refuses a repeated byte or a short repeated pattern', () => {
    expect(weakKeyReason(Buffer.alloc(32, 7))).toBe(
      'it has only 1 distinct byte values (a repeated pattern, not a random key)',
    );
    expect(weakKeyReason(Buffer.from('0123456789abcdef'.repeat(2)))).toContain('16 distinct');
    expect(secretKeyProblem('K', 'ab'.repeat(32))).toContain('1 distinct');
  });

  it('accepts random keys (10,000 of them, hex and base64)', () => {
    for (let i = 0; i < 10_000; i++) {
      const key = randomBytes(32);
      expect(weakKeyReason(key)).toBeUndefined();
      expect(secretKeyProblem('K', i % 2 ? key.toString('hex') : key.toString('base64'))).toBe(
        undefined,
      );
    }
  });

  it('names the format for a malformed key', () => {
    expect(secretKeyProblem('K', 'too-short')).toBe(
      'K must be 32 bytes written as 64 hex digits or base64 (openssl rand -base64 32)',
    );
    expect(decodeKeyText(randomBytes(32).toString('base64url'))).toHaveLength(32);
  });
});
