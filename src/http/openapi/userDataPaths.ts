/**
 * OpenAPI 3.1 paths of the connection and workspace routes (src/http/routes/connectionsRouter.ts,
 * workspacesRouter.ts), for the document's `paths` (spread `userDataPaths()` into it). Bodies are
 * described in userDataSchemas.ts.
 */
import { ref } from './schemaParts.js';

const json = (schema: string, description: string) => ({
  description,
  content: { 'application/json': { schema: ref(schema) } },
});
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});
const body = (schema: object) => ({ required: true, content: { 'application/json': { schema } } });
const path = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});
const proxy = [
  {
    name: 'X-Regsync-User',
    in: 'header',
    required: true,
    description: 'The authenticated user, set by the authenticating proxy.',
    schema: { type: 'string' },
  },
  {
    name: 'X-Regsync-Proxy-Secret',
    in: 'header',
    required: true,
    description: 'REGSYNC_PROXY_SECRET: proves the request came through the proxy.',
    schema: { type: 'string' },
  },
];
const includeDisconnected = {
  name: 'includeDisconnected',
  in: 'query',
  required: false,
  description: 'Also disconnected connections (history).',
  schema: { enum: ['true', 'false'] },
};
const common = {
  '401': problem('No or wrong proxy secret, or no user (code UNAUTHORIZED).'),
  '404': problem("Not found, or not this user's (code NOT_FOUND: existence does not leak)."),
  default: problem('Unexpected error (500) or database unavailable (503).'),
};
const invalid = problem(
  'Body shape (VALIDATION_FAILED), config (CONFIG_INVALID), unknown integration or template, or a model the manifest rules refuse (MODEL_INVALID); errors carry JSON pointers.',
);
const readonly = problem(
  'READONLY_COPY: the entity type (or attribute) is a readonly copy; KEY_CONFLICT: the key is taken.',
);
const connectionBody = {
  type: 'object',
  required: ['integrationType', 'config'],
  properties: {
    integrationType: { type: 'string' },
    label: { type: ['string', 'null'] },
    config: { type: 'object' },
  },
};
const workspaceTag = ['workspaces'];
const connectionTag = ['connections'];
const ws = (summary: string, extra: object = {}) => ({
  tags: workspaceTag,
  summary,
  parameters: proxy,
  ...extra,
});
const wsId = path('id', 'Workspace id.');
const typeParam = path('type', 'Entity type key.');
const attributeParam = path('attribute', 'Attribute key.');
const keyParam = path('key', 'Template key.');

export function userDataPaths(): Record<string, Record<string, object>> {
  const connection = path('id', 'Connection id.');
  const user = path('userId', 'Must equal the authenticated user.');
  return {
    '/api/v1/users/{userId}/connections': {
      parameters: [user],
      post: {
        tags: connectionTag,
        summary: "Connect: create one of the user's connections",
        parameters: proxy,
        requestBody: body(connectionBody),
        responses: {
          '201': json('Connection', 'Created; secrets masked.'),
          '400': invalid,
          '503': problem(
            'SECRET_KEY_MISSING: the config holds a secret and REGSYNC_SECRET_KEY is not set.',
          ),
          ...common,
        },
      },
      get: {
        tags: connectionTag,
        summary: "The user's connections",
        parameters: [
          ...proxy,
          includeDisconnected,
          {
            name: 'integrationType',
            in: 'query',
            required: false,
            description: 'Only connections of this integration.',
            schema: { type: 'string' },
          },
        ],
        responses: {
          '200': json('ConnectionList', 'Oldest first.'),
          '400': problem('A query parameter is invalid (INVALID_QUERY).'),
          ...common,
        },
      },
    },
    '/api/v1/users/{userId}/connections/{id}': {
      parameters: [user, connection],
      get: {
        tags: connectionTag,
        summary: 'One connection, re-validated against the current schema',
        parameters: proxy,
        responses: { '200': json('Connection', 'The connection.'), ...common },
      },
      patch: {
        tags: connectionTag,
        summary: 'Change label or config (omitted secrets keep their value, null removes one)',
        parameters: proxy,
        requestBody: body({
          type: 'object',
          minProperties: 1,
          properties: { label: { type: ['string', 'null'] }, config: { type: 'object' } },
        }),
        responses: {
          '200': json('Connection', 'Changed.'),
          '400': invalid,
          '409': problem('CONNECTION_DISCONNECTED.'),
          '503': problem('SECRET_KEY_MISSING.'),
          ...common,
        },
      },
      delete: {
        tags: connectionTag,
        summary: 'Disconnect (soft delete; kept in the history)',
        parameters: proxy,
        responses: { '200': json('Connection', 'Disconnected.'), ...common },
      },
    },
    '/api/v1/integrations/{key}/connections': {
      get: {
        tags: connectionTag,
        summary: 'Admin: the connections of one integration across users',
        security: [{ adminToken: [] }],
        parameters: [path('key', 'Integration key.'), includeDisconnected],
        responses: {
          '200': json('IntegrationConnections', 'By user.'),
          '401': problem('Missing or wrong admin token.'),
          default: common.default,
        },
      },
    },
    '/api/v1/workspaces': {
      post: ws('Create a workspace owned by the authenticated user', {
        requestBody: body({
          type: 'object',
          required: ['name'],
          properties: { name: { type: 'string' } },
        }),
        responses: { '201': json('Workspace', 'Created.'), '400': invalid, ...common },
      }),
      get: ws("The user's workspaces", {
        responses: { '200': json('WorkspaceList', 'Oldest first.'), ...common },
      }),
    },
    '/api/v1/workspaces/{id}': {
      parameters: [wsId],
      get: ws('A workspace with its model', {
        responses: { '200': json('Workspace', 'The workspace.'), ...common },
      }),
    },
    '/api/v1/workspaces/{id}/templates': {
      parameters: [wsId],
      post: ws('Install a template as editable copies', {
        requestBody: body({
          type: 'object',
          required: ['template'],
          properties: { template: { type: 'string' } },
        }),
        responses: {
          '201': json('Workspace', 'Installed.'),
          '400': invalid,
          '409': problem('TEMPLATE_ALREADY_INSTALLED or KEY_CONFLICT.'),
          ...common,
        },
      }),
    },
    '/api/v1/workspaces/{id}/integrations': {
      parameters: [wsId],
      post: ws("Add an integration's entity types as readonly copies", {
        requestBody: body({
          type: 'object',
          required: ['integration'],
          properties: { integration: { type: 'string' } },
        }),
        responses: {
          '201': json('Workspace', 'Added.'),
          '400': invalid,
          '409': readonly,
          ...common,
        },
      }),
    },
    '/api/v1/workspaces/{id}/templates/{key}/changes': {
      parameters: [wsId, keyParam],
      get: ws('Three-way comparison with the template now in the catalog', {
        responses: {
          '200': json('TemplateChanges', 'Upstream changes and their status.'),
          '400': invalid,
          ...common,
        },
      }),
    },
    '/api/v1/workspaces/{id}/templates/{key}/upgrade': {
      parameters: [wsId, keyParam],
      post: ws('Apply non-conflicting upstream changes; settle chosen conflicts; report the rest', {
        requestBody: {
          ...body({
            type: 'object',
            additionalProperties: false,
            properties: {
              resolve: {
                type: 'array',
                maxItems: 1000,
                description:
                  "Conflicts to settle: keep the workspace's version (ours) or take upstream's (theirs, attributes and relationships).",
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['element', 'key', 'take'],
                  properties: {
                    element: { enum: ['entityType', 'attribute', 'relationship'] },
                    entityType: { type: 'string' },
                    key: { type: 'string' },
                    take: { enum: ['ours', 'theirs'] },
                  },
                },
              },
            },
          }),
          required: false,
        },
        responses: {
          '200': json('TemplateUpgrade', 'Applied, resolved and remaining conflicts.'),
          '400': invalid,
          ...common,
        },
      }),
    },
    '/api/v1/workspaces/{id}/entity-types': {
      parameters: [wsId],
      post: ws('Add an entity type', {
        requestBody: body(ref('EntityType')),
        responses: {
          '201': json('Workspace', 'Added.'),
          '400': invalid,
          '409': readonly,
          ...common,
        },
      }),
    },
    '/api/v1/workspaces/{id}/entity-types/{type}': {
      parameters: [wsId, typeParam],
      patch: ws('Edit or rename an entity type', {
        requestBody: body({ type: 'object', minProperties: 1 }),
        responses: {
          '200': json('Workspace', 'Changed.'),
          '400': invalid,
          '409': readonly,
          ...common,
        },
      }),
      delete: ws('Remove an entity type', {
        responses: {
          '200': json('Workspace', 'Removed.'),
          '400': invalid,
          '409': readonly,
          ...common,
        },
      }),
    },
    '/api/v1/workspaces/{id}/entity-types/{type}/attributes': {
      parameters: [wsId, typeParam],
      post: ws('Add an attribute', {
        requestBody: body(ref('Attribute')),
        responses: {
          '201': json('Workspace', 'Added.'),
          '400': invalid,
          '409': readonly,
          ...common,
        },
      }),
    },
    '/api/v1/workspaces/{id}/entity-types/{type}/attributes/{attribute}': {
      parameters: [wsId, typeParam, attributeParam],
      patch: ws('Edit, rename or retype an attribute', {
        requestBody: body({ type: 'object', minProperties: 1 }),
        responses: {
          '200': json('Workspace', 'Changed.'),
          '400': invalid,
          '409': readonly,
          ...common,
        },
      }),
      delete: ws('Remove an attribute', {
        responses: {
          '200': json('Workspace', 'Removed.'),
          '400': invalid,
          '409': readonly,
          ...common,
        },
      }),
    },
  };
}
