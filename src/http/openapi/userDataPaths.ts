/**
 * OpenAPI 3.1 paths of the connection and workspace routes (src/http/routes/connectionsRouter.ts,
 * workspacesRouter.ts), for the document's `paths` (spread `userDataPaths()` into it). Bodies are
 * described in userDataSchemas.ts.
 */
import { ref } from './schemaParts.js';
import { createConnectionBody, updateConnectionBody, workspaceBodies } from './requestBodies.js';
import { PAGE_LIMITS } from './pageLimits.js';
import { nextLink, pageParams } from './paging.js';

const json = (schema: string, description: string, headers?: object) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { 'application/json': { schema: ref(schema) } },
});
/** `limit` and `cursor` of the connection and workspace lists (PAGE_LIMITS.userData). */
const paged = pageParams(PAGE_LIMITS.userData);

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
/** The trusted proxy's two headers, both required (components.securitySchemes). */
const proxy = [{ proxyUser: [], proxySecret: [] }];
const includeDisconnected = {
  name: 'includeDisconnected',
  in: 'query',
  required: false,
  description: 'Also disconnected connections (history).',
  schema: { enum: ['true', 'false'] },
};
const common = {
  '400': problem('A query parameter is invalid, repeated or undocumented (INVALID_QUERY).'),
  '401': problem('No or wrong proxy secret, or no user (code UNAUTHORIZED).'),
  '404': problem("Not found, or not this user's (code NOT_FOUND: existence does not leak)."),
  default: problem('Unexpected error (500) or database unavailable (503).'),
};
/** `common` without its 400, for operations whose 400 also covers the body. */
const { '400': _queryOnly, ...withBodyProblems } = common;
const invalid = problem(
  'An invalid, repeated or undocumented query parameter (INVALID_QUERY), body shape (VALIDATION_FAILED), config (CONFIG_INVALID), unknown integration or template, or a model the manifest rules refuse (MODEL_INVALID); errors carry JSON pointers.',
);
const readonly = problem(
  'READONLY_COPY: the entity type (or attribute) is a readonly copy; KEY_CONFLICT: the key is taken.',
);
const workspaceTag = ['workspaces'];
const connectionTag = ['connections'];
const ws = (operationId: string, summary: string, extra: object = {}) => ({
  operationId,
  tags: workspaceTag,
  summary,
  security: proxy,
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
        operationId: 'createConnection',
        tags: connectionTag,
        summary: "Connect: create one of the user's connections",
        security: proxy,
        requestBody: body(createConnectionBody),
        responses: {
          '201': json('Connection', 'Created; secrets masked.'),
          '400': invalid,
          '503': problem(
            'SECRET_KEY_MISSING: the config holds a secret and REGSYNC_SECRET_KEY is not set.',
          ),
          ...withBodyProblems,
        },
      },
      get: {
        operationId: 'listConnections',
        tags: connectionTag,
        summary: "The user's connections",
        security: proxy,
        parameters: [
          includeDisconnected,
          ...paged,
          {
            name: 'integrationType',
            in: 'query',
            required: false,
            description: 'Only connections of this integration.',
            schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' },
          },
        ],
        responses: {
          '200': json('ConnectionList', 'One page, oldest first.', nextLink),
          ...common,
        },
      },
    },
    '/api/v1/users/{userId}/connections/{id}': {
      parameters: [user, connection],
      get: {
        operationId: 'getConnection',
        tags: connectionTag,
        summary: 'One connection, re-validated against the current schema',
        security: proxy,
        responses: { '200': json('Connection', 'The connection.'), ...common },
      },
      patch: {
        operationId: 'updateConnection',
        tags: connectionTag,
        summary: 'Change label or config (omitted secrets keep their value, null removes one)',
        security: proxy,
        requestBody: body(updateConnectionBody),
        responses: {
          '200': json('Connection', 'Changed.'),
          '400': invalid,
          '409': problem('CONNECTION_DISCONNECTED.'),
          '503': problem('SECRET_KEY_MISSING.'),
          ...withBodyProblems,
        },
      },
      delete: {
        operationId: 'disconnectConnection',
        tags: connectionTag,
        summary: 'Disconnect (soft delete; kept in the history)',
        security: proxy,
        responses: { '200': json('Connection', 'Disconnected.'), ...common },
      },
    },
    '/api/v1/integrations/{key}/connections': {
      get: {
        operationId: 'listIntegrationConnections',
        tags: connectionTag,
        summary: 'Admin: the connections of one integration across users',
        security: [{ adminToken: [] }],
        parameters: [path('key', 'Integration key.'), includeDisconnected, ...paged],
        responses: {
          '200': json('IntegrationConnections', 'One page, by user, then oldest first.', nextLink),
          '400': common['400'],
          '401': problem('Missing or wrong admin token.'),
          default: common.default,
        },
      },
    },
    '/api/v1/workspaces': {
      post: ws('createWorkspace', 'Create a workspace owned by the authenticated user', {
        requestBody: body(workspaceBodies.create),
        responses: { '201': json('Workspace', 'Created.'), '400': invalid, ...withBodyProblems },
      }),
      get: ws('listWorkspaces', "The user's workspaces", {
        parameters: paged,
        responses: {
          '200': json('WorkspaceList', 'One page, oldest first.', nextLink),
          ...common,
        },
      }),
    },
    '/api/v1/workspaces/{id}': {
      parameters: [wsId],
      get: ws('getWorkspace', 'A workspace with its model', {
        responses: { '200': json('Workspace', 'The workspace.'), ...common },
      }),
    },
    '/api/v1/workspaces/{id}/templates': {
      parameters: [wsId],
      post: ws('installTemplate', 'Install a template as editable copies', {
        requestBody: body(workspaceBodies.install),
        responses: {
          '201': json('Workspace', 'Installed.'),
          '400': invalid,
          '409': problem('TEMPLATE_ALREADY_INSTALLED or KEY_CONFLICT.'),
          ...withBodyProblems,
        },
      }),
    },
    '/api/v1/workspaces/{id}/integrations': {
      parameters: [wsId],
      post: ws('addIntegration', "Add an integration's entity types as readonly copies", {
        requestBody: body(workspaceBodies.integration),
        responses: {
          '201': json('Workspace', 'Added.'),
          '400': invalid,
          '409': readonly,
          ...withBodyProblems,
        },
      }),
    },
    '/api/v1/workspaces/{id}/templates/{key}/changes': {
      parameters: [wsId, keyParam],
      get: ws('getTemplateChanges', 'Three-way comparison with the template now in the catalog', {
        responses: {
          '200': json('TemplateChanges', 'Upstream changes and their status.'),
          '400': invalid,
          ...withBodyProblems,
        },
      }),
    },
    '/api/v1/workspaces/{id}/templates/{key}/upgrade': {
      parameters: [wsId, keyParam],
      post: ws(
        'upgradeTemplate',
        'Apply non-conflicting upstream changes; settle chosen conflicts; report the rest',
        {
          requestBody: { ...body(workspaceBodies.upgrade), required: false },
          responses: {
            '200': json('TemplateUpgrade', 'Applied, resolved and remaining conflicts.'),
            '400': invalid,
            ...withBodyProblems,
          },
        },
      ),
    },
    '/api/v1/workspaces/{id}/entity-types': {
      parameters: [wsId],
      post: ws('addEntityType', 'Add an entity type', {
        requestBody: body(workspaceBodies.entityType),
        responses: {
          '201': json('Workspace', 'Added.'),
          '400': invalid,
          '409': readonly,
          ...withBodyProblems,
        },
      }),
    },
    '/api/v1/workspaces/{id}/entity-types/{type}': {
      parameters: [wsId, typeParam],
      patch: ws('updateEntityType', 'Edit or rename an entity type', {
        requestBody: body(workspaceBodies.entityTypePatch),
        responses: {
          '200': json('Workspace', 'Changed.'),
          '400': invalid,
          '409': readonly,
          ...withBodyProblems,
        },
      }),
      delete: ws('removeEntityType', 'Remove an entity type', {
        responses: {
          '200': json('Workspace', 'Removed.'),
          '400': invalid,
          '409': readonly,
          ...withBodyProblems,
        },
      }),
    },
    '/api/v1/workspaces/{id}/entity-types/{type}/attributes': {
      parameters: [wsId, typeParam],
      post: ws('addAttribute', 'Add an attribute', {
        requestBody: body(workspaceBodies.attribute),
        responses: {
          '201': json('Workspace', 'Added.'),
          '400': invalid,
          '409': readonly,
          ...withBodyProblems,
        },
      }),
    },
    '/api/v1/workspaces/{id}/entity-types/{type}/attributes/{attribute}': {
      parameters: [wsId, typeParam, attributeParam],
      patch: ws('updateAttribute', 'Edit, rename or retype an attribute', {
        requestBody: body(workspaceBodies.attributePatch),
        responses: {
          '200': json('Workspace', 'Changed.'),
          '400': invalid,
          '409': readonly,
          ...withBodyProblems,
        },
      }),
      delete: ws('removeAttribute', 'Remove an attribute', {
        responses: {
          '200': json('Workspace', 'Removed.'),
          '400': invalid,
          '409': readonly,
          ...withBodyProblems,
        },
      }),
    },
  };
}
