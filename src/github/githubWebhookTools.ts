import { DeliveryDeduplicator } from './DeliveryDeduplicator.js';
import { parsePushEvent } from './parsePushEvent.js';
import { verifyWebhookSignature } from './verifyWebhookSignature.js';
import type { WebhookTools } from '../http/ports.js';

/** WebhookTools over the GitHub adapters (signature check, push decision, delivery ids). */
export function githubWebhookTools(deduplicator = new DeliveryDeduplicator()): WebhookTools {
  return {
    verify: (secret, rawBody, signature) => verifyWebhookSignature({ secret, rawBody, signature }),
    decide: (input) => parsePushEvent(input),
    firstDelivery: (id) => deduplicator.remember(id) === 'new',
    forgetDelivery: (id) => deduplicator.forget(id),
  };
}
