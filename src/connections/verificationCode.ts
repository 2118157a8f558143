import { randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import { CODE_ALPHABETS, type VerificationSpec } from '../manifest/types.js';

/**
 * scrypt cost of a stored code: 2^14 (16 MiB, tens of milliseconds). A code has 27 to 40 bits
 * (8 characters of 10 or 31): a dump of the table must not give it back faster than its short
 * life, and the salt makes every row a separate search.
 */
const COST = { N: 16_384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEY_LENGTH = 32;
const VERSION = 's1';

/**
 * A new code for a pending connection: `codeLength` characters of the manifest's alphabet, each
 * drawn with `crypto.randomInt` (a CSPRNG, uniform over the alphabet: no modulo bias).
 */
export function generateVerificationCode(
  spec: Pick<VerificationSpec, 'codeLength' | 'codeAlphabet'>,
): string {
  const alphabet = CODE_ALPHABETS[spec.codeAlphabet];
  let code = '';
  for (let i = 0; i < spec.codeLength; i++) code += alphabet[randomInt(alphabet.length)];
  return code;
}

/** What the row stores instead of the code: `s1:<salt>:<scrypt(code, salt)>`, base64url parts. */
export async function hashVerificationCode(code: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(code, salt);
  return [VERSION, salt.toString('base64url'), hash.toString('base64url')].join(':');
}

/**
 * True when `code` is the one `stored` was made from. The comparison of the two digests is in
 * constant time (`timingSafeEqual`), and a code of another length costs the same scrypt, so
 * neither the time nor the answer says how close a guess was. A malformed `stored` matches
 * nothing.
 */
export async function verificationCodeMatches(code: string, stored: string): Promise<boolean> {
  const parts = stored.split(':');
  if (parts.length !== 3 || parts[0] !== VERSION) return false;
  const expected = Buffer.from(parts[2] ?? '', 'base64url');
  const given = await derive(code, Buffer.from(parts[1] ?? '', 'base64url'));
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function derive(code: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(code.normalize('NFC'), salt, KEY_LENGTH, COST, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/**
 * A code as typed back, in the form it was generated in: surrounding spaces dropped, and
 * letters upper-cased for the `alphanumeric` alphabet (which has no lower-case letters), so
 * `abcd2345` from a phone keyboard is the code `ABCD2345`.
 */
export function normalizeGivenCode(
  spec: Pick<VerificationSpec, 'codeAlphabet'>,
  code: string,
): string {
  const trimmed = code.trim();
  return spec.codeAlphabet === 'alphanumeric' ? trimmed.toUpperCase() : trimmed;
}
