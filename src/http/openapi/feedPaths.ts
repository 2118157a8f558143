/**
 * OpenAPI 3.1 paths and schemas of the change feed (`GET /events`, src/http/routes/
 * eventsRouter.ts) and the webhook delivery log (`GET /notifications/deliveries`), spread
 * into the document's `paths` and `components.schemas`.
 */
import { ref } from './schemaParts.js';
import { PAGE_LIMITS } from './pageLimits.js';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});
const idQuery = (name: string, description: string) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema: { type: 'string', pattern: '^[0-9]{1,15}$' },
});
const limit = {
  name: 'limit',
  in: 'query',
  required: false,
  description: `Page size, 1..${PAGE_LIMITS.events.max} (default ${PAGE_LIMITS.events.default}).`,
  schema: { type: 'integer', minimum: 1, maximum: PAGE_LIMITS.events.max },
};
const checksum = { type: ['string', 'null'], pattern: '^sha256:[0-9a-f]{64}$' };

/** Component schemas of the feed and the delivery log. */
export const feedSchemas = {
  DefinitionChange: {
    type: 'object',
    required: ['kind', 'key', 'change', 'oldChecksum', 'newChecksum'],
    additionalProperties: false,
    properties: {
      kind: { enum: ['integration', 'template'] },
      key: { type: 'string' },
      change: { enum: ['added', 'updated', 'removed'] },
      oldChecksum: { ...checksum, description: 'Served before; null when added.' },
      newChecksum: { ...checksum, description: 'Served now; null when removed.' },
    },
  },
  ChangeEvent: {
    type: 'object',
    description:
      'What one sync run changed in the served catalog; the SSE `data` of an `event: change` and the CloudEvent `data` of a webhook.',
    required: ['id', 'revision', 'previousRevision', 'recordedAt', 'counts', 'changes'],
    additionalProperties: false,
    properties: {
      id: { type: 'integer', minimum: 1, description: 'Monotonic; the SSE id and the cursor.' },
      revision: { type: 'string', description: 'Catalog revision after the change.' },
      previousRevision: { type: ['string', 'null'], description: 'Catalog revision before it.' },
      recordedAt: { type: 'string', format: 'date-time' },
      counts: {
        type: 'object',
        required: ['added', 'updated', 'removed'],
        additionalProperties: false,
        properties: {
          added: { type: 'integer', minimum: 0 },
          updated: { type: 'integer', minimum: 0 },
          removed: { type: 'integer', minimum: 0 },
        },
      },
      changes: { type: 'array', items: ref('DefinitionChange') },
    },
  },
  ChangeEventPage: {
    type: 'object',
    required: ['items', 'next', 'latestId'],
    additionalProperties: false,
    properties: {
      items: { type: 'array', items: ref('ChangeEvent') },
      next: {
        type: 'integer',
        minimum: 0,
        description: 'The `after` of the next request (the last id of this page).',
      },
      latestId: { type: 'integer', minimum: 0, description: 'Newest recorded id (0: none).' },
    },
  },
};

const attempt = {
  type: 'object',
  required: ['attempt', 'at', 'durationMs', 'outcome', 'httpStatus', 'error', 'instance'],
  additionalProperties: false,
  properties: {
    attempt: { type: 'integer', minimum: 1 },
    at: { type: 'string', format: 'date-time' },
    durationMs: { type: 'integer', minimum: 0 },
    outcome: { enum: ['delivered', 'retry', 'failed', 'refused'] },
    httpStatus: { type: ['integer', 'null'] },
    error: { type: ['string', 'null'] },
    instance: { type: 'string', description: 'host:pid of the instance that sent it.' },
  },
};

/** Component schemas of the delivery log. */
export const deliverySchemas = {
  Delivery: {
    type: 'object',
    required: [
      'id',
      'eventId',
      'receiver',
      'status',
      'attemptCount',
      'nextAttemptAt',
      'attempts',
      'createdAt',
      'updatedAt',
    ],
    additionalProperties: false,
    properties: {
      id: { type: 'string', format: 'uuid' },
      eventId: { type: 'integer', minimum: 1 },
      receiver: { type: 'string', description: 'The receiver URL.' },
      status: { enum: ['pending', 'delivered', 'failed', 'refused'] },
      attemptCount: { type: 'integer', minimum: 0 },
      nextAttemptAt: { type: ['string', 'null'], format: 'date-time' },
      attempts: { type: 'array', items: attempt },
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
    },
  },
  DeliveryPage: {
    type: 'object',
    required: ['items', 'nextCursor'],
    additionalProperties: false,
    properties: {
      items: { type: 'array', items: ref('Delivery') },
      nextCursor: { type: ['string', 'null'] },
    },
  },
};

/** The feed's paths. */
export function feedPaths() {
  return {
    '/api/v1/events': {
      get: {
        operationId: 'listEvents',
        tags: ['feed'],
        security: [],
        summary:
          'The change feed: Server-Sent Events with Accept: text/event-stream, else the events after a cursor as JSON',
        description:
          'With `Accept: text/event-stream`: a stream of `event: change` frames (`id:` is the event id, `data:` a ChangeEvent), heartbeat comments, and on reconnect with `Last-Event-ID` (or `after`) every missed event first; a cursor older than the retention gets one `event: expired` frame and the stream ends. Otherwise a JSON page of the events after `after` (all retained events without it), oldest first; a cursor older than the retention is a 410.',
        parameters: [
          idQuery('after', 'Only events with a greater id (the last id the client saw).'),
          limit,
          {
            name: 'Last-Event-ID',
            in: 'header',
            required: false,
            description: 'SSE reconnect: the id of the last event received (wins over `after`).',
            schema: { type: 'string' },
          },
        ],
        responses: {
          '200': {
            description: 'A JSON page, or the SSE stream.',
            content: {
              'application/json': { schema: ref('ChangeEventPage') },
              'text/event-stream': {
                schema: {
                  type: 'string',
                  description: 'Server-Sent Events: `id`, `event: change`, `data: <ChangeEvent>`.',
                },
              },
            },
          },
          '400': problem('A cursor or limit is invalid, repeated or undocumented (INVALID_QUERY).'),
          '404': problem('This instance serves no change feed.'),
          '410': problem(
            'FEED_EXPIRED: events after the cursor are no longer retained; resync the catalog.',
          ),
          '503': problem('FEED_STREAMS_EXHAUSTED: REGSYNC_FEED_MAX_STREAMS streams are open.'),
          default: problem('Unexpected error (500) or database unavailable (503).'),
        },
      },
    },
    '/api/v1/notifications/deliveries': {
      get: {
        operationId: 'listWebhookDeliveries',
        tags: ['feed'],
        security: [{ adminToken: [] }],
        summary:
          'The outbound webhook delivery log (admin): one row per event and receiver, with every attempt',
        parameters: [
          limit,
          {
            name: 'status',
            in: 'query',
            required: false,
            description: 'Only deliveries in this status.',
            schema: { enum: ['pending', 'delivered', 'failed', 'refused'] },
          },
          {
            name: 'cursor',
            in: 'query',
            required: false,
            description: 'The `nextCursor` of the previous page.',
            schema: { type: 'string', maxLength: 2800, pattern: '^[A-Za-z0-9_-]+$' },
          },
        ],
        responses: {
          '200': {
            description: 'Deliveries, oldest event first.',
            content: { 'application/json': { schema: ref('DeliveryPage') } },
          },
          '400': problem('A limit, status or cursor is invalid (INVALID_QUERY).'),
          '401': problem('Missing or wrong admin token.'),
          default: problem('Unexpected error (500) or database unavailable (503).'),
        },
      },
    },
  };
}
