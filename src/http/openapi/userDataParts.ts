/**
 * Parts shared by the connection and workspace paths (connectionPaths.ts, workspacePaths.ts):
 * the proxy's security requirement and the problem answers every user-data operation has.
 */
import { problem } from './pathParts.js';

/** The trusted proxy's two headers, both required (components.securitySchemes). */
export const proxy = [{ proxyUser: [], proxySecret: [] }];

/** The problems every user-data operation can answer (query, credentials, not found, failure). */
export const common = {
  '400': problem('A query parameter is invalid, repeated or undocumented (INVALID_QUERY).'),
  '401': problem('No or wrong proxy secret, or no user (code UNAUTHORIZED).'),
  '404': problem("Not found, or not this user's (code NOT_FOUND: existence does not leak)."),
  default: problem('Unexpected error (500) or database unavailable (503).'),
};

const { '400': _queryOnly, ...bodyProblems } = common;
/** `common` without its 400, for operations whose 400 also covers the body (`invalid`). */
export const withBodyProblems = bodyProblems;

/** The 400 of an operation that validates a body, a config or a model as well as its query. */
export const invalid = problem(
  'An invalid, repeated or undocumented query parameter (INVALID_QUERY), body shape (VALIDATION_FAILED), config (CONFIG_INVALID), unknown integration or template, or a model the manifest rules refuse (MODEL_INVALID); errors carry JSON pointers.',
);
