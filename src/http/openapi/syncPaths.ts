/**
 * The sync's paths: status, manual runs (admin), run history, manifest states and the GitHub
 * push webhook. Spread `syncPaths()` into the document's `paths`.
 */
import { PAGE_LIMITS } from './pageLimits.js';
import { cursorParam, limitParam, nextLink } from './paging.js';
import { badQuery, json, problem, PUBLIC, query, unexpected, type PathTable } from './pathParts.js';
import { MANIFEST_STATE_KINDS } from '../ports.js';

/** A public read of the sync: JSON answer, 400 for the query, and what else it lists. */
const read = (
  operationId: string,
  summary: string,
  responses: Record<string, object>,
  parameters?: object[],
) => ({
  operationId,
  tags: ['sync'],
  security: PUBLIC,
  summary,
  ...(parameters ? { parameters } : {}),
  responses: { ...responses, default: unexpected },
});

const startSync = () => ({
  operationId: 'startSync',
  tags: ['sync'],
  summary: 'Start a sync (admin)',
  security: [{ adminToken: [] }],
  parameters: [
    query('force', 'true: compare every manifest and lift the deletion guard.', {
      enum: ['true', 'false'],
    }),
  ],
  responses: {
    '202': json('SyncAccepted', 'Started or queued; poll the Location.', {
      Location: { schema: { type: 'string' } },
    }),
    '400': badQuery('The force value, or a query parameter,'),
    '401': problem('Missing or wrong admin token.', {
      'WWW-Authenticate': { schema: { type: 'string' } },
    }),
    default: unexpected,
  },
});

const githubWebhook = () => ({
  operationId: 'receiveGitHubWebhook',
  tags: ['sync'],
  summary: 'GitHub push webhook (X-Hub-Signature-256 over the raw body)',
  security: [{ githubSignature: [] }],
  parameters: [
    { name: 'X-GitHub-Event', in: 'header', required: true, schema: { type: 'string' } },
    { name: 'X-GitHub-Delivery', in: 'header', required: false, schema: { type: 'string' } },
  ],
  requestBody: {
    required: true,
    content: { 'application/json': { schema: { type: 'object' } } },
  },
  responses: {
    '200': json('WebhookAnswer', 'ping answered, or a delivery already handled.'),
    '202': json(
      'WebhookAnswer',
      'A push to the followed branch started a sync (runId), or the event was ignored (reason).',
      { Location: { schema: { type: 'string' } } },
    ),
    '400': problem(
      'Malformed or too deeply nested JSON, a push without ref, or an undocumented query parameter.',
    ),
    '401': problem('Missing or wrong signature.'),
    '404': problem('REGSYNC_WEBHOOK_SECRET is not set on this instance.'),
    '413': problem('Body too large.'),
    '415': problem('Not application/json (set the webhook content type to application/json).'),
    default: unexpected,
  },
});

/** `/api/v1/sync`, its runs, `/api/v1/manifests` and the webhook, in that order. */
export const syncPaths = (): PathTable => ({
  '/api/v1/sync': {
    get: read('getSyncStatus', 'Revision served, last run, next scheduled run', {
      '200': json('SyncStatus', 'Sync status.'),
      '400': badQuery(),
    }),
    post: startSync(),
  },
  '/api/v1/sync/runs': {
    get: read(
      'listSyncRuns',
      'The newest recorded sync runs (newest first), with counts and the findings of invalid manifests',
      { '200': json('SyncRunList', 'Runs.'), '400': badQuery() },
      [limitParam(PAGE_LIMITS.syncRuns)],
    ),
  },
  '/api/v1/sync/runs/{id}': {
    get: read(
      'getSyncRun',
      'One sync run (also a queued one started by this instance)',
      {
        '200': json('SyncRun', 'The run.'),
        '400': badQuery(),
        '404': problem('No such run.'),
      },
      [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
    ),
  },
  '/api/v1/manifests': {
    get: read(
      'listManifests',
      'Every recorded manifest path with its state (active, invalid with findings, removed, never ingested)',
      {
        '200': json('ManifestList', 'Manifest paths in path order; counts of all paths.', {
          ...nextLink,
        }),
        '400': badQuery('The state, q, limit or cursor'),
      },
      [
        query('state', 'Only paths in this state.', { enum: [...MANIFEST_STATE_KINDS] }),
        query('q', 'Only paths containing this text (any case).'),
        limitParam(PAGE_LIMITS.manifests),
        cursorParam('nextCursor'),
      ],
    ),
  },
  '/api/v1/webhooks/github': { post: githubWebhook() },
});
