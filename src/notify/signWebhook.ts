import { createHmac } from 'node:crypto';

/**
 * The Standard Webhooks signature (https://www.standardwebhooks.com, "Signature scheme"):
 * `v1,` and the base64 HMAC-SHA256, keyed with the base64-decoded part of the `whsec_`
 * secret, of `<webhook-id>.<webhook-timestamp>.<body>`. Verified in the tests with the
 * spec's reference library (`standardwebhooks`' `Webhook.verify`).
 */
export function signWebhook(options: {
  secret: string;
  id: string;
  timestamp: number;
  body: string;
}): string {
  const key = Buffer.from(options.secret.replace(/^whsec_/, ''), 'base64');
  const mac = createHmac('sha256', key)
    .update(`${options.id}.${options.timestamp}.${options.body}`)
    .digest('base64');
  return `v1,${mac}`;
}
