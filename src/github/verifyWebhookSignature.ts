import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a webhook request carries, and the secret it was signed with. */
export interface WebhookSignatureInput {
  /** REGSYNC_WEBHOOK_SECRET; an empty secret verifies nothing (always false). */
  secret: string;
  /** The body exactly as received, before any JSON parsing: a re-serialised body will not match. */
  rawBody: Uint8Array;
  /** The `X-Hub-Signature-256` header value (`sha256=<64 hex>`), as the HTTP layer gives it. */
  signature: string | readonly string[] | undefined;
}

const HEADER = /^sha256=([0-9a-fA-F]{64})$/;

/**
 * True when `signature` is GitHub's HMAC-SHA256 of `rawBody` under `secret`. Compares in
 * constant time (`crypto.timingSafeEqual`, after a length check it needs). A missing, repeated
 * or malformed header, or an empty secret, is `false`: this function never throws. Pure.
 * The legacy SHA-1 header (`X-Hub-Signature`) is not accepted.
 */
export function verifyWebhookSignature(input: WebhookSignatureInput): boolean {
  if (typeof input.secret !== 'string' || input.secret.length === 0) return false;
  if (typeof input.signature !== 'string' || !(input.rawBody instanceof Uint8Array)) return false;
  const match = HEADER.exec(input.signature.trim());
  if (!match?.[1]) return false;
  const received = Buffer.from(match[1], 'hex');
  const expected = createHmac('sha256', input.secret).update(input.rawBody).digest();
  if (received.length !== expected.length) return false;
  return timingSafeEqual(received, expected);
}
