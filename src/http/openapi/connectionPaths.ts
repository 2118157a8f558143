/**
 * OpenAPI 3.1 paths of the connection routes (src/http/routes/connectionsRouter.ts). Bodies
 * are the objects the routes validate with (requestBodies.ts).
 */
import { body, json, pathParam, problem, type PathTable } from './pathParts.js';
import { PAGE_LIMITS } from './pageLimits.js';
import { nextLink, pageParams } from './paging.js';
import { createConnectionBody, updateConnectionBody } from './requestBodies.js';
import { common, invalid, proxy, withBodyProblems } from './userDataParts.js';

const includeDisconnected = {
  name: 'includeDisconnected',
  in: 'query',
  required: false,
  description:
    'Also the connections that are not active: pending, expired or locked ones awaiting or past their confirmation code, and disconnected ones (history).',
  schema: { enum: ['true', 'false'] },
};
const tags = ['connections'];
/** `limit` and `cursor` of the connection lists (PAGE_LIMITS.userData). */
const paged = () => pageParams(PAGE_LIMITS.userData);
/** A user's operation on their connections, behind the proxy. */
const own = (operationId: string, summary: string, rest: object) => ({
  operationId,
  tags,
  summary,
  security: proxy,
  ...rest,
});

/** `/users/{userId}/connections`, one connection, and the admin view of an integration's. */
export function connectionPaths(): PathTable {
  const user = pathParam('userId', 'Must equal the authenticated user.');
  return {
    '/api/v1/users/{userId}/connections': {
      parameters: [user],
      post: own('createConnection', "Connect: create one of the user's connections", {
        requestBody: body(createConnectionBody),
        responses: {
          '201': json('Connection', 'Created; secrets masked.'),
          '400': invalid,
          '503': problem(
            'SECRET_KEY_MISSING: the config holds a secret and REGSYNC_SECRET_KEY is not set.',
          ),
          ...withBodyProblems,
        },
      }),
      get: own('listConnections', "The user's connections", {
        parameters: [
          includeDisconnected,
          ...paged(),
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
      }),
    },
    '/api/v1/users/{userId}/connections/{id}': {
      parameters: [user, pathParam('id', 'Connection id.')],
      get: own('getConnection', 'One connection, re-validated against the current schema', {
        responses: { '200': json('Connection', 'The connection.'), ...common },
      }),
      patch: own(
        'updateConnection',
        'Change label or config (omitted secrets keep their value, null removes one)',
        {
          requestBody: body(updateConnectionBody),
          responses: {
            '200': json('Connection', 'Changed.'),
            '400': invalid,
            '409': problem('CONNECTION_DISCONNECTED.'),
            '503': problem('SECRET_KEY_MISSING.'),
            ...withBodyProblems,
          },
        },
      ),
      delete: own('disconnectConnection', 'Disconnect (soft delete; kept in the history)', {
        responses: { '200': json('Connection', 'Disconnected.'), ...common },
      }),
    },
    '/api/v1/integrations/{key}/connections': {
      get: {
        operationId: 'listIntegrationConnections',
        tags,
        summary: 'Admin: the connections of one integration across users',
        security: [{ adminToken: [] }],
        parameters: [pathParam('key', 'Integration key.'), includeDisconnected, ...paged()],
        responses: {
          '200': json('IntegrationConnections', 'One page, by user, then oldest first.', nextLink),
          '400': common['400'],
          '401': problem('Missing or wrong admin token.'),
          default: common.default,
        },
      },
    },
  };
}
