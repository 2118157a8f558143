import { DeliveryDeduplicator } from '../../github/DeliveryDeduplicator.js';
import { parsePushEvent } from '../../github/parsePushEvent.js';
import { verifyWebhookSignature } from '../../github/verifyWebhookSignature.js';
import type { WebhookTools } from '../ports.js';

/** WebhookTools over the GitHub adapters (signature check, push decision, delivery ids). */
export function githubWebhookTools(deduplicator = new DeliveryDeduplicator()): WebhookTools {
  return {
    verify: (secret, rawBody, signature) => verifyWebhookSignature({ secret, rawBody, signature }),
    decide: (input) => parsePushEvent(input),
    firstDelivery: (id) => deduplicator.remember(id) === 'new',
    forgetDelivery: (id) => deduplicator.forget(id),
  };
}
