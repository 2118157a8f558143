/**
 * The hand-written OpenAPI 3.1 document served at `/openapi.json`. Every route of createApp
 * is here with the schema of every response, problem bodies included; the integration
 * tests validate real responses against it with ajv (draft 2020-12).
 */
import { componentSchemas } from './schemas.js';
import { userDataPaths } from './userDataPaths.js';
import { userDataSchemas } from './userDataSchemas.js';
import { MANIFEST_STATE_KINDS } from '../ports.js';
import { CATEGORIES } from '../../manifest/types.js';
import { PAGE_LIMITS } from './pageLimits.js';
import { cursorParam, limitParam, nextLink, pageParams } from './paging.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function json(schema: string, description: string, headers?: Record<string, object>) {
  return {
    description,
    ...(headers ? { headers } : {}),
    content: { 'application/json': { schema: ref(schema) } },
  };
}

function problem(description: string, headers?: Record<string, object>) {
  return {
    description,
    ...(headers ? { headers } : {}),
    content: { 'application/problem+json': { schema: ref('Problem') } },
  };
}

const etagHeaders = {
  ETag: {
    description: 'Digest of the synced revision and the request URL.',
    schema: { type: 'string' },
  },
  'Cache-Control': {
    description: 'Always `no-cache`: revalidate with If-None-Match.',
    schema: { type: 'string' },
  },
};
const notModified = {
  description: 'Not modified: the If-None-Match ETag is current.',
  headers: etagHeaders,
};
const unexpected = problem('Unexpected error (500) or database unavailable (503).');
/** Every `/api/v1` operation checks its query against this document (validateQuery). */
const badQuery = (what = 'A query parameter') =>
  problem(
    `${what} is invalid, repeated or not documented for this operation (INVALID_QUERY, with errors naming each one).`,
  );
/** `security` of an operation anyone may call. */
const PUBLIC: object[] = [];
const ifNoneMatch = {
  name: 'If-None-Match',
  in: 'header',
  required: false,
  schema: { type: 'string' },
};
const keyParam = (what: string) => ({
  name: 'key',
  in: 'path',
  required: true,
  description: `Key of the ${what}.`,
  schema: { type: 'string' },
});
const typeParam = {
  name: 'type',
  in: 'path',
  required: true,
  description: 'Key of the entity type.',
  schema: { type: 'string' },
};
const query = (
  name: string,
  description: string,
  schema: object = { type: 'string', maxLength: 200 },
) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});
const listParams = [
  ...pageParams(PAGE_LIMITS.definitions),
  query('tag', 'Only definitions with this tag.', {
    type: 'string',
    pattern: '^[a-z0-9][a-z0-9-]{0,63}$',
  }),
  query('q', 'Free text, matched case-insensitively against key, name and description.'),
  ifNoneMatch,
];
const readonlyRefusal = (what: string, operationId: string) => ({
  operationId,
  tags: ['catalog'],
  security: PUBLIC,
  summary: `Refused: ${what} are readonly (templates are the editable path)`,
  responses: {
    '400': badQuery(),
    '405': problem('Readonly: change the registry with a Git commit, or customise a template.', {
      Allow: { schema: { type: 'string' } },
    }),
    default: unexpected,
  },
});

function definitionPaths(kind: 'integration' | 'template') {
  const plural = kind === 'integration' ? 'integrations' : 'templates';
  const Name = kind === 'integration' ? 'Integration' : 'Template';
  const base = `/api/v1/${plural}`;
  const paths: Record<string, Record<string, object>> = {
    [base]: {
      get: {
        operationId: `list${Name}s`,
        tags: ['catalog'],
        security: PUBLIC,
        summary: `List ${plural}`,
        parameters:
          kind === 'integration'
            ? [query('category', 'Only this category.', { enum: [...CATEGORIES] }), ...listParams]
            : listParams,
        responses: {
          '200': json(`${Name}Page`, `A page of ${plural}, ordered by key.`, {
            ...etagHeaders,
            ...nextLink,
          }),
          '304': notModified,
          '400': badQuery(),
          default: unexpected,
        },
      },
    },
    [`${base}/{key}`]: {
      parameters: [keyParam(kind)],
      get: {
        operationId: `get${Name}`,
        tags: ['catalog'],
        security: PUBLIC,
        summary: `One ${kind} with entity types, attributes, relationships, semantic metadata${kind === 'integration' ? ', mappings' : ''}, revision and checksum`,
        parameters: [ifNoneMatch],
        responses: {
          '200': json(`${Name}Detail`, `The ${kind}.`, etagHeaders),
          '304': notModified,
          '400': badQuery(),
          '404': problem(`No such ${kind}.`),
          default: unexpected,
        },
      },
    },
    [`${base}/{key}/entity-types`]: {
      parameters: [keyParam(kind)],
      get: {
        operationId: `list${Name}EntityTypes`,
        tags: ['catalog'],
        security: PUBLIC,
        summary: `Entity types of one ${kind}, in manifest order`,
        parameters: [...pageParams(PAGE_LIMITS.entityTypes), ifNoneMatch],
        responses: {
          '200': json('EntityTypeList', 'A page of its entity types.', {
            ...etagHeaders,
            ...nextLink,
          }),
          '304': notModified,
          '400': badQuery(),
          '404': problem(`No such ${kind}.`),
          default: unexpected,
        },
      },
    },
    [`${base}/{key}/entity-types/{type}`]: {
      parameters: [keyParam(kind), typeParam],
      get: {
        operationId: `get${Name}EntityType`,
        tags: ['catalog'],
        security: PUBLIC,
        summary: `One entity type of one ${kind}`,
        parameters: [ifNoneMatch],
        responses: {
          '200': json('EntityTypeEntry', 'The entity type.', etagHeaders),
          '304': notModified,
          '400': badQuery(),
          '404': problem('No such definition or entity type.'),
          default: unexpected,
        },
      },
    },
  };
  if (kind === 'integration') {
    const refusal = (operationId: string) =>
      readonlyRefusal('integration entity types', operationId);
    Object.assign(paths[`${base}/{key}`] as object, {
      put: readonlyRefusal('integrations', 'replaceIntegration'),
      patch: readonlyRefusal('integrations', 'updateIntegration'),
      delete: readonlyRefusal('integrations', 'deleteIntegration'),
    });
    Object.assign(paths[`${base}/{key}/entity-types`] as object, {
      post: refusal('createIntegrationEntityType'),
    });
    Object.assign(paths[`${base}/{key}/entity-types/{type}`] as object, {
      put: refusal('replaceIntegrationEntityType'),
      patch: refusal('updateIntegrationEntityType'),
      delete: refusal('deleteIntegrationEntityType'),
    });
    paths[`${base}/{key}/models/{model}/map`] = {
      post: {
        operationId: 'mapRecords',
        tags: ['mapping'],
        security: PUBLIC,
        summary: 'Map a batch of raw vendor records with the integration mapping of one model',
        parameters: [
          keyParam(kind),
          { name: 'model', in: 'path', required: true, schema: { type: 'string' } },
        ],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: ref('MapRequest') } },
        },
        responses: {
          '200': json('MapResponse', 'One result per record, in order, with findings as data.'),
          '400': problem(
            'Malformed JSON (MALFORMED_JSON), too deep (JSON_TOO_DEEP), not the documented shape (VALIDATION_FAILED, with errors), or an undocumented query parameter (INVALID_QUERY).',
          ),
          '404': problem('No such integration, model or mapping.'),
          '413': problem('The body is larger than REGSYNC_BODY_LIMIT_BYTES.'),
          '415': problem('The body is not application/json.'),
          default: unexpected,
        },
      },
    };
  }
  return paths;
}

/**
 * The version of the HTTP contract (`info.version`), not of the package. Raise the minor
 * version for a compatible change and the patch for a wording one; a breaking change needs
 * a new major version under a new path prefix (docs/http-api.md, "The contract").
 */
export const API_VERSION = '1.1.0';

/** Builds the document (a fresh object each call). */
export function openApiDocument(options: { maxMapRecords?: number } = {}) {
  const unauthorized = problem('Missing or wrong admin token.', {
    'WWW-Authenticate': { schema: { type: 'string' } },
  });
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Regsync',
      // The version of this contract, not of the package: it moves by semantic versioning when
      // the document changes (the snapshot check in CI says which kind of change it is).
      version: API_VERSION,
      summary:
        'Git-driven registry of integration definitions: catalog, mapping, sync status and webhooks.',
      description:
        '`info.version` is the version of this HTTP contract (`/api/v1`), not of the regsync package: a compatible addition raises the minor version, a breaking change needs a new major version under a new path prefix (`/api/v2`). The committed snapshot (openapi/openapi.json) and `regsync api-diff` keep it honest (docs/http-api.md).',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: '/' }],
    tags: [
      {
        name: 'catalog',
        description:
          'Integrations, templates and entity types, as synced from Git. Reads carry an ETag.',
      },
      { name: 'mapping', description: 'Map raw vendor payloads to entity type attributes.' },
      { name: 'sync', description: 'Sync status, history, manual runs and the GitHub webhook.' },
      { name: 'operations', description: 'Probes, metrics and this document.' },
      {
        name: 'connections',
        description:
          "Users' connections to integrations: one table, configs validated per integration, secrets encrypted (docs/connections.md).",
      },
      {
        name: 'workspaces',
        description:
          'Workspaces and the templates installed into them as editable copies (docs/workspaces.md).',
      },
    ],
    paths: {
      ...userDataPaths(),
      '/healthz': {
        get: {
          operationId: 'getHealth',
          tags: ['operations'],
          security: PUBLIC,
          summary: 'Liveness: the process answers',
          responses: { '200': json('Health', 'Up.') },
        },
      },
      '/readyz': {
        get: {
          operationId: 'getReadiness',
          tags: ['operations'],
          security: PUBLIC,
          summary: 'Readiness: the database answers and a sync has succeeded',
          responses: {
            '200': json('Readiness', 'Ready.'),
            '503': json('Readiness', 'Not ready, with reasons.'),
          },
        },
      },
      '/metrics': {
        get: {
          operationId: 'getMetrics',
          tags: ['operations'],
          security: PUBLIC,
          summary: 'Prometheus metrics (text exposition format)',
          responses: {
            '200': {
              description: 'Metrics.',
              content: { 'text/plain': { schema: { type: 'string' } } },
            },
          },
        },
      },
      '/openapi.json': {
        get: {
          operationId: 'getOpenApiDocument',
          tags: ['operations'],
          security: PUBLIC,
          summary: 'This document',
          responses: {
            '200': {
              description: 'OpenAPI 3.1.',
              content: { 'application/json': { schema: { type: 'object' } } },
            },
          },
        },
      },
      ...definitionPaths('integration'),
      ...definitionPaths('template'),
      '/api/v1/entity-types': {
        get: {
          operationId: 'listEntityTypes',
          tags: ['catalog'],
          security: PUBLIC,
          summary: 'Entity types of every definition, or of one integration or template',
          parameters: [
            query('integration', 'Key of an integration.'),
            query('template', 'Key of a template.'),
            ...pageParams(PAGE_LIMITS.entityTypes),
            ifNoneMatch,
          ],
          responses: {
            '200': json(
              'EntityTypeList',
              'A page of entity types (integrations first, then templates, each by key, then in manifest order), with the definition each belongs to.',
              { ...etagHeaders, ...nextLink },
            ),
            '304': notModified,
            '400': badQuery('Both filters given, or a query parameter'),
            '404': problem('No such integration or template.'),
            default: unexpected,
          },
        },
      },
      '/api/v1/sync': {
        get: {
          operationId: 'getSyncStatus',
          tags: ['sync'],
          security: PUBLIC,
          summary: 'Revision served, last run, next scheduled run',
          responses: {
            '200': json('SyncStatus', 'Sync status.'),
            '400': badQuery(),
            default: unexpected,
          },
        },
        post: {
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
            '401': unauthorized,
            default: unexpected,
          },
        },
      },
      '/api/v1/sync/runs': {
        get: {
          operationId: 'listSyncRuns',
          tags: ['sync'],
          security: PUBLIC,
          summary:
            'The newest recorded sync runs (newest first), with counts and the findings of invalid manifests',
          parameters: [limitParam(PAGE_LIMITS.syncRuns)],
          responses: {
            '200': json('SyncRunList', 'Runs.'),
            '400': badQuery(),
            default: unexpected,
          },
        },
      },
      '/api/v1/sync/runs/{id}': {
        get: {
          operationId: 'getSyncRun',
          tags: ['sync'],
          security: PUBLIC,
          summary: 'One sync run (also a queued one started by this instance)',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          ],
          responses: {
            '200': json('SyncRun', 'The run.'),
            '400': badQuery(),
            '404': problem('No such run.'),
            default: unexpected,
          },
        },
      },
      '/api/v1/manifests': {
        get: {
          operationId: 'listManifests',
          tags: ['sync'],
          security: PUBLIC,
          summary:
            'Every recorded manifest path with its state (active, invalid with findings, removed, never ingested)',
          parameters: [
            query('state', 'Only paths in this state.', { enum: [...MANIFEST_STATE_KINDS] }),
            query('q', 'Only paths containing this text (any case).'),
            limitParam(PAGE_LIMITS.manifests),
            cursorParam('nextCursor'),
          ],
          responses: {
            '200': json('ManifestList', 'Manifest paths in path order; counts of all paths.', {
              ...nextLink,
            }),
            '400': badQuery('The state, q, limit or cursor'),
            default: unexpected,
          },
        },
      },
      '/api/v1/webhooks/github': {
        post: {
          operationId: 'receiveGitHubWebhook',
          tags: ['sync'],
          summary: 'GitHub push webhook (X-Hub-Signature-256 over the raw body)',
          security: [{ githubSignature: [] }],
          parameters: [
            { name: 'X-GitHub-Event', in: 'header', required: true, schema: { type: 'string' } },
            {
              name: 'X-GitHub-Delivery',
              in: 'header',
              required: false,
              schema: { type: 'string' },
            },
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
            '415': problem(
              'Not application/json (set the webhook content type to application/json).',
            ),
            default: unexpected,
          },
        },
      },
    },
    components: {
      schemas: { ...componentSchemas(options.maxMapRecords), ...userDataSchemas },
      securitySchemes: {
        adminToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'REGSYNC_ADMIN_TOKEN, as `Authorization: Bearer <token>`.',
        },
        proxyUser: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Regsync-User',
          description:
            'The authenticated user, set by the authenticating proxy (docs/connections.md). Only trusted together with proxySecret.',
        },
        proxySecret: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Regsync-Proxy-Secret',
          description: 'REGSYNC_PROXY_SECRET: proves the request came through the proxy.',
        },
        githubSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Hub-Signature-256',
          description:
            '`sha256=` and the HMAC-SHA256 of the raw body under REGSYNC_WEBHOOK_SECRET (a signature per delivery, not a fixed key).',
        },
      },
    },
  };
}

/**
 * The document this instance serves and checks requests against: built with its settings
 * (the map request's record limit), so that what `/openapi.json` says is what is enforced.
 * With the default settings it equals the committed snapshot.
 */
export function servedDocument(settings: { maxMapRecords?: number | undefined }) {
  return openApiDocument(
    settings.maxMapRecords !== undefined ? { maxMapRecords: settings.maxMapRecords } : {},
  );
}
