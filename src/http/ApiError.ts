/**
 * Operational errors of the HTTP layer. Routes and middleware throw these; only
 * `errorHandler.ts` turns a code into a status and an RFC 9457 problem body.
 */

/** Stable error codes, each documented in docs/http-api.md ("Errors"). */
export type ApiErrorCode =
  | 'ROUTE_NOT_FOUND'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'READONLY_ENTITY_TYPE'
  | 'READONLY_DEFINITION'
  | 'MALFORMED_JSON'
  | 'JSON_TOO_DEEP'
  | 'VALIDATION_FAILED'
  | 'INVALID_QUERY'
  | 'UNAUTHORIZED'
  | 'WEBHOOK_SIGNATURE_INVALID'
  | 'WEBHOOK_DISABLED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'NOT_READY'
  | 'OVERLOADED';

/** One problem in a request's body or query: where, which rule, what to do. */
export interface FieldError {
  /** RFC 6901 pointer into the body (`/records/2`), or `/query/<name>` for a query parameter. */
  pointer: string;
  rule: string;
  message: string;
}

export interface ApiErrorOptions {
  errors?: FieldError[];
  /** Headers the response must carry (`WWW-Authenticate`, `Allow`). */
  headers?: Record<string, string>;
  cause?: unknown;
}

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(code: ApiErrorCode, message: string, options: ApiErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'ApiError';
    this.code = code;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }
}

/** A 400 for a body or query that breaks the documented schema. */
export function validationError(errors: FieldError[], where: 'body' | 'query' = 'body'): ApiError {
  const first = errors[0];
  const summary = first ? `${first.pointer || '/'}: ${first.message}` : 'invalid request';
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return new ApiError(
    where === 'body' ? 'VALIDATION_FAILED' : 'INVALID_QUERY',
    `${summary}${more}`,
    { errors },
  );
}
