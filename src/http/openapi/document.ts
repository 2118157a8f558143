/**
 * The hand-written OpenAPI 3.1 document served at `/openapi.json`. Every route of createApp
 * is here with the schema of every response, problem bodies included; the integration
 * tests validate real responses against it with ajv (draft 2020-12).
 */
import { componentSchemas } from './schemas.js';
import { userDataPaths } from './userDataPaths.js';
import { userDataSchemas } from './userDataSchemas.js';
import { MANIFEST_STATE_KINDS } from '../ports.js';

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
const query = (name: string, description: string, schema: object = { type: 'string' }) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});
const listParams = [
  query('limit', 'Page size, 1..100 (default 20).', { type: 'integer', minimum: 1, maximum: 100 }),
  query('cursor', 'The `next` cursor of the previous page.'),
  query('tag', 'Only definitions with this tag.'),
  query('q', 'Free text, matched case-insensitively against key, name and description.'),
  ifNoneMatch,
];
const readonlyRefusal = (what: string) => ({
  tags: ['catalog'],
  summary: `Refused: ${what} are readonly (templates are the editable path)`,
  responses: {
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
        tags: ['catalog'],
        summary: `List ${plural}`,
        parameters:
          kind === 'integration'
            ? [query('category', 'data-source or notification-channel.'), ...listParams]
            : listParams,
        responses: {
          '200': json(`${Name}Page`, `A page of ${plural}, ordered by key.`, {
            ...etagHeaders,
            Link: {
              description: 'rel="next" URL when there is a next page.',
              schema: { type: 'string' },
            },
          }),
          '304': notModified,
          '400': problem('A query parameter is invalid (code INVALID_QUERY, with errors).'),
          default: unexpected,
        },
      },
    },
    [`${base}/{key}`]: {
      get: {
        tags: ['catalog'],
        summary: `One ${kind} with entity types, attributes, relationships, semantic metadata${kind === 'integration' ? ', mappings' : ''}, revision and checksum`,
        parameters: [keyParam(kind), ifNoneMatch],
        responses: {
          '200': json(`${Name}Detail`, `The ${kind}.`, etagHeaders),
          '304': notModified,
          '404': problem(`No such ${kind}.`),
          default: unexpected,
        },
      },
    },
    [`${base}/{key}/entity-types`]: {
      get: {
        tags: ['catalog'],
        summary: `Entity types of one ${kind}`,
        parameters: [keyParam(kind), ifNoneMatch],
        responses: {
          '200': json('EntityTypeList', 'Its entity types.', etagHeaders),
          '304': notModified,
          '404': problem(`No such ${kind}.`),
          default: unexpected,
        },
      },
    },
    [`${base}/{key}/entity-types/{type}`]: {
      get: {
        tags: ['catalog'],
        summary: `One entity type of one ${kind}`,
        parameters: [keyParam(kind), typeParam, ifNoneMatch],
        responses: {
          '200': json('EntityTypeEntry', 'The entity type.', etagHeaders),
          '304': notModified,
          '404': problem('No such definition or entity type.'),
          default: unexpected,
        },
      },
    },
  };
  if (kind === 'integration') {
    const refusal = readonlyRefusal('integration entity types');
    Object.assign(paths[`${base}/{key}`] as object, {
      put: readonlyRefusal('integrations'),
      patch: readonlyRefusal('integrations'),
      delete: readonlyRefusal('integrations'),
    });
    Object.assign(paths[`${base}/{key}/entity-types`] as object, { post: refusal });
    Object.assign(paths[`${base}/{key}/entity-types/{type}`] as object, {
      put: refusal,
      patch: refusal,
      delete: refusal,
    });
    paths[`${base}/{key}/models/{model}/map`] = {
      post: {
        tags: ['mapping'],
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
            'Malformed JSON (MALFORMED_JSON), too deep (JSON_TOO_DEEP) or not the documented shape (VALIDATION_FAILED, with errors).',
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
      version: '1.0.0',
      summary:
        'Git-driven registry of integration definitions: catalog, mapping, sync status and webhooks.',
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
          tags: ['operations'],
          summary: 'Liveness: the process answers',
          responses: { '200': json('Health', 'Up.') },
        },
      },
      '/readyz': {
        get: {
          tags: ['operations'],
          summary: 'Readiness: the database answers and a sync has succeeded',
          responses: {
            '200': json('Readiness', 'Ready.'),
            '503': json('Readiness', 'Not ready, with reasons.'),
          },
        },
      },
      '/metrics': {
        get: {
          tags: ['operations'],
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
          tags: ['operations'],
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
          tags: ['catalog'],
          summary: 'Entity types of every definition, or of one integration or template',
          parameters: [
            query('integration', 'Key of an integration.'),
            query('template', 'Key of a template.'),
            ifNoneMatch,
          ],
          responses: {
            '200': json(
              'EntityTypeList',
              'Entity types, with the definition each belongs to.',
              etagHeaders,
            ),
            '304': notModified,
            '400': problem('Both filters given, or one given twice.'),
            '404': problem('No such integration or template.'),
            default: unexpected,
          },
        },
      },
      '/api/v1/sync': {
        get: {
          tags: ['sync'],
          summary: 'Revision served, last run, next scheduled run',
          responses: { '200': json('SyncStatus', 'Sync status.'), default: unexpected },
        },
        post: {
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
            '400': problem('Invalid force value.'),
            '401': unauthorized,
            default: unexpected,
          },
        },
      },
      '/api/v1/sync/runs': {
        get: {
          tags: ['sync'],
          summary:
            'Recorded sync runs, newest first, with counts and the findings of invalid manifests',
          parameters: [
            query('limit', '1..100 (default 20).', { type: 'integer', minimum: 1, maximum: 100 }),
          ],
          responses: {
            '200': json('SyncRunList', 'Runs.'),
            '400': problem('Invalid limit.'),
            default: unexpected,
          },
        },
      },
      '/api/v1/sync/runs/{id}': {
        get: {
          tags: ['sync'],
          summary: 'One sync run (also a queued one started by this instance)',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          ],
          responses: {
            '200': json('SyncRun', 'The run.'),
            '404': problem('No such run.'),
            default: unexpected,
          },
        },
      },
      '/api/v1/manifests': {
        get: {
          tags: ['sync'],
          summary:
            'Every recorded manifest path with its state (active, invalid with findings, removed, never ingested)',
          parameters: [
            query('state', 'Only paths in this state.', { enum: [...MANIFEST_STATE_KINDS] }),
            query('q', 'Only paths containing this text (any case).'),
            query('limit', 'Page size, 1..1000 (default 500).', {
              type: 'integer',
              minimum: 1,
              maximum: 1000,
            }),
            query('cursor', 'The `nextCursor` of the previous page.'),
          ],
          responses: {
            '200': json('ManifestList', 'Manifest paths in path order; counts of all paths.'),
            '400': problem('Invalid state, q, limit or cursor.'),
            default: unexpected,
          },
        },
      },
      '/api/v1/webhooks/github': {
        post: {
          tags: ['sync'],
          summary: 'GitHub push webhook (X-Hub-Signature-256 over the raw body)',
          parameters: [
            { name: 'X-GitHub-Event', in: 'header', required: true, schema: { type: 'string' } },
            {
              name: 'X-GitHub-Delivery',
              in: 'header',
              required: false,
              schema: { type: 'string' },
            },
            {
              name: 'X-Hub-Signature-256',
              in: 'header',
              required: true,
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
            '400': problem('Malformed or too deeply nested JSON, or a push without ref.'),
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
        adminToken: { type: 'http', scheme: 'bearer', description: 'REGSYNC_ADMIN_TOKEN' },
      },
    },
  };
}
