/**
 * The one HTTP status table: every error code of every error class, with its status and the
 * problem title. `describeError.ts` looks a code up here and nowhere else, so a reader finds
 * where an error becomes a status in one hop (docs/http-api.md, "Errors", lists the same).
 */
import type { ConnectionErrorCode } from '../connections/ConnectionError.js';
import type { DatabaseErrorCode } from '../db/DatabaseError.js';
import type { FeedErrorCode } from '../feed/FeedError.js';
import type { SourceErrorCode } from '../git/SourceError.js';
import type { GitHubErrorCode } from '../github/GitHubError.js';
import type { WorkspaceErrorCode } from '../workspaces/WorkspaceError.js';
import type { ApiErrorCode } from './ApiError.js';

/** Every code an error response can carry: the union of all error classes' codes. */
export type ErrorCode =
  | ApiErrorCode
  | ConnectionErrorCode
  | WorkspaceErrorCode
  | DatabaseErrorCode
  | SourceErrorCode
  | GitHubErrorCode
  | FeedErrorCode
  | 'INTERNAL';

/** Status and title of one code. */
export type StatusEntry = readonly [status: number, title: string];

/**
 * Status and title by code. Typed as a total record, so a code added to any error class
 * without a status here fails the typecheck. `NOT_FOUND` is shared by the catalog, the
 * connections and the workspaces, with one meaning (no such thing, or not yours).
 *
 * `READONLY_ENTITY_TYPE` (405) is a write to an integration's entity types: the method is
 * never allowed on that resource, so the answer carries `Allow: GET, HEAD`. `READONLY_COPY`
 * (409) is an edit of one readonly entity type or attribute inside a workspace, where the
 * same method is allowed on its editable siblings: a conflict with that item's state.
 *
 * Source and GitHub errors are failures of an upstream the service depends on (502); they
 * normally end in a sync run's record, not in a response.
 */
export const STATUS_TABLE = {
  // Request shape (400, 413, 415) and the framework's own refusals.
  BAD_REQUEST: [400, 'Bad request'],
  MALFORMED_JSON: [400, 'Malformed JSON'],
  JSON_TOO_DEEP: [400, 'JSON nested too deeply'],
  VALIDATION_FAILED: [400, 'Invalid request body'],
  INVALID_QUERY: [400, 'Invalid query parameter'],
  PAYLOAD_TOO_LARGE: [413, 'Payload too large'],
  UNSUPPORTED_MEDIA_TYPE: [415, 'Unsupported media type'],
  REQUEST_REFUSED: [400, 'Request refused'],
  // Who may call.
  UNAUTHORIZED: [401, 'Unauthorized'],
  WEBHOOK_SIGNATURE_INVALID: [401, 'Invalid webhook signature'],
  // What exists.
  ROUTE_NOT_FOUND: [404, 'No such route'],
  NOT_FOUND: [404, 'Not found'],
  WEBHOOK_DISABLED: [404, 'Webhook not configured'],
  TEMPLATE_NOT_INSTALLED: [404, 'Template not installed'],
  METHOD_NOT_ALLOWED: [405, 'Method not allowed'],
  READONLY_ENTITY_TYPE: [405, 'Integration entity types are readonly'],
  READONLY_DEFINITION: [405, 'Integration definitions are readonly'],
  // Connections and workspaces.
  CONFIG_INVALID: [400, 'Invalid connection config'],
  INTEGRATION_NOT_FOUND: [400, 'Unknown integration'],
  TEMPLATE_NOT_FOUND: [400, 'Unknown template'],
  MODEL_INVALID: [400, 'Invalid workspace model'],
  RESOLUTION_INVALID: [400, 'Conflict resolution not applicable'],
  CONNECTION_DISCONNECTED: [409, 'Connection disconnected'],
  CONNECTION_PENDING: [409, 'Connection awaiting confirmation'],
  CONNECTION_NOT_PENDING: [409, 'Connection is not awaiting confirmation'],
  VERIFICATION_CODE_WRONG: [400, 'Wrong verification code'],
  VERIFICATION_LOCKED: [409, 'Too many wrong verification codes'],
  VERIFICATION_EXPIRED: [410, 'Verification code expired'],
  TEMPLATE_ALREADY_INSTALLED: [409, 'Template already installed'],
  TEMPLATE_SOURCE_CHANGED: [409, 'Template now served by another source'],
  KEY_CONFLICT: [409, 'Key already used in this workspace'],
  READONLY_COPY: [409, 'Readonly copy'],
  SECRET_KEY_MISSING: [503, 'Secret storage not configured'],
  OPERATOR_SETTINGS_MISSING: [503, 'Integration disabled: operator settings missing'],
  // The change feed.
  FEED_EXPIRED: [410, 'Change feed cursor expired'],
  FEED_STREAMS_EXHAUSTED: [503, 'Too many change feed streams'],
  // Availability: 503 with Retry-After.
  NOT_READY: [503, 'Not ready'],
  REQUEST_TIMEOUT: [503, 'Request timed out'],
  OVERLOADED: [503, 'Too many requests at once'],
  // Refused by Node's HTTP parser before any route (answerClientError.ts); connection closed.
  MALFORMED_REQUEST: [400, 'Malformed HTTP request'],
  HEADERS_TOO_LARGE: [431, 'Request headers too large'],
  CLIENT_TIMEOUT: [408, 'Request timeout'],
  DATABASE_UNAVAILABLE: [503, 'Database unavailable'],
  DATABASE_TIMEOUT: [503, 'Database timed out'],
  DATABASE_IN_USE: [503, 'Database in use'],
  DATABASE_MIGRATION_FAILED: [500, 'Database migration failed'],
  // Upstreams (registry source, GitHub).
  SOURCE_UNREACHABLE: [502, 'Registry source unreachable'],
  AUTH_FAILED: [502, 'Registry source refused the credential'],
  REF_NOT_FOUND: [502, 'Registry ref not found'],
  SUBDIR_NOT_FOUND: [502, 'Registry subfolder not found'],
  UNSAFE_URL: [502, 'Registry URL refused'],
  UNSAFE_REF: [502, 'Registry ref refused'],
  UNSAFE_PATH: [502, 'Registry path refused'],
  LOCAL_IO: [502, 'Registry mirror unreadable'],
  GIT_FAILED: [502, 'Git failed'],
  GITHUB_UNAVAILABLE: [502, 'GitHub unavailable'],
  GITHUB_RATE_LIMITED: [502, 'GitHub rate limit reached'],
  GITHUB_AUTH: [502, 'GitHub refused the token'],
  GITHUB_NOT_FOUND: [502, 'GitHub resource not found'],
  GITHUB_INVALID: [502, 'GitHub refused the request'],
  INTERNAL: [500, 'Internal server error'],
} as const satisfies Record<ErrorCode, StatusEntry>;

/** The status and title of a code. */
export function statusOf(code: ErrorCode): StatusEntry {
  return STATUS_TABLE[code];
}
