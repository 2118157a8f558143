/**
 * OpenAPI 3.1 path of the confirmation of a pending connection (issue 16), and the body the
 * route validates with (src/http/routes/confirmConnectionRoute.ts): the same object, so the
 * document and the edge agree.
 */
import { body, json, pathParam, problem, type PathTable } from './pathParts.js';
import { proxy, withBodyProblems } from './userDataParts.js';

/** `POST /users/{userId}/connections/{id}/confirm`. */
export const confirmConnectionBody = {
  type: 'object',
  additionalProperties: false,
  required: ['code'],
  properties: {
    code: {
      type: 'string',
      minLength: 1,
      maxLength: 64,
      description:
        'The code the create answer returned (`verification.code`). Surrounding spaces are ignored; alphanumeric codes are read case-insensitively.',
    },
    config: {
      type: 'object',
      description:
        "Config fields learnt with the code (Telegram: the chat_id of the chat that sent /start <code>), merged over the stored config and checked against the integration's connectionConfig schema (CONFIG_INVALID spends no attempt).",
    },
  },
};

/** The confirm operation, for userDataPaths(). */
export function confirmConnectionPaths(): PathTable {
  return {
    '/api/v1/users/{userId}/connections/{id}/confirm': {
      parameters: [
        pathParam('userId', 'Must equal the authenticated user.'),
        pathParam('id', 'Connection id.'),
      ],
      post: {
        operationId: 'confirmConnection',
        tags: ['connections'],
        summary: 'Confirm a pending connection with its code (it becomes active)',
        security: proxy,
        requestBody: body(confirmConnectionBody),
        responses: {
          '200': json('Connection', 'Confirmed: status active, connectedAt now; secrets masked.'),
          '400': problem(
            'VERIFICATION_CODE_WRONG (one attempt spent; errors says how many are left), CONFIG_INVALID, VALIDATION_FAILED, INVALID_QUERY or INTEGRATION_NOT_FOUND.',
          ),
          '409': problem(
            'CONNECTION_NOT_PENDING (already active), CONNECTION_DISCONNECTED, or VERIFICATION_LOCKED (every attempt spent).',
          ),
          '410': problem('VERIFICATION_EXPIRED: the code is past its expiry.'),
          '503': problem('OPERATOR_SETTINGS_MISSING or SECRET_KEY_MISSING.'),
          ...withBodyProblems,
        },
      },
    },
  };
}
