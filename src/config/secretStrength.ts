/** Fewest distinct byte values a 32-byte key may have (random keys have about 30; fewer than 20 happens with probability below 1e-9). */
const MIN_DISTINCT_BYTES = 20;

/** Shortest REGSYNC_WEBHOOK_SECRET accepted (as the admin token: 16 characters). */
export const MIN_WEBHOOK_SECRET_LENGTH = 16;

/**
 * Why a 32-byte encryption key is too weak to use, or undefined when it is fine: all zeros,
 * or fewer than 20 distinct byte values (a repeated byte or a short repeated pattern, the shapes
 * of placeholder keys such as `AAAA…=` or `0000…`). A key from `openssl rand -base64 32` passes
 * with overwhelming probability. Pure.
 */
export function weakKeyReason(key: Uint8Array): string | undefined {
  if (key.every((b) => b === 0)) return 'it is all zeros';
  const distinct = new Set(key).size;
  if (distinct < MIN_DISTINCT_BYTES)
    return `it has only ${distinct} distinct byte values (a repeated pattern, not a random key)`;
  return undefined;
}

/**
 * The bytes of a key written as 64 hex digits or base64 (standard or url-safe) of exactly 32
 * bytes; undefined for anything else. The one decoding of REGSYNC_SECRET_KEY.
 */
export function decodeKeyText(text: string): Buffer | undefined {
  const trimmed = text.trim();
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) key = Buffer.from(trimmed, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed))
    key = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return key && key.length === 32 ? key : undefined;
}

/**
 * The configuration error of REGSYNC_SECRET_KEY, or undefined: malformed (not 32 bytes of hex
 * or base64) or weak (weakKeyReason). Only the current key is held to strength: a previous key
 * must still decrypt, so that a weak key can be rotated away from.
 */
export function secretKeyProblem(name: string, text: string): string | undefined {
  const key = decodeKeyText(text);
  if (!key)
    return `${name} must be 32 bytes written as 64 hex digits or base64 (openssl rand -base64 32)`;
  const weak = weakKeyReason(key);
  return weak
    ? `${name} is refused: ${weak}; generate one with openssl rand -base64 32`
    : undefined;
}
