import { randomInt } from 'node:crypto';
import { CODE_ALPHABETS, type VerificationSpec } from '../manifest/types.js';

/**
 * A new code for a pending connection: `codeLength` characters of the manifest's alphabet, each
 * drawn with `crypto.randomInt` (a CSPRNG, uniform over the alphabet: no modulo bias). The row
 * keeps only its keyed digest (`SecretDigest` in SecretBox.ts), never the code.
 */
export function generateVerificationCode(
  spec: Pick<VerificationSpec, 'codeLength' | 'codeAlphabet'>,
): string {
  const alphabet = CODE_ALPHABETS[spec.codeAlphabet];
  let code = '';
  for (let i = 0; i < spec.codeLength; i++) code += alphabet[randomInt(alphabet.length)];
  return code;
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

/** The additional data a connection's code digest is bound to: a digest copied to another row matches nothing. */
export function codeDigestAad(connectionId: string): string {
  return `integration_connection:${connectionId}:verification_code`;
}
