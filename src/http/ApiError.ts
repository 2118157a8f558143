/**
 * Operational errors of the HTTP layer. Routes and middleware throw these; only
 * `statusTable.ts` turns a code into a status (and `errorHandler.ts` into an RFC 9457 body).
 */
import { RegsyncError, type ErrorPolicy } from '../errors/RegsyncError.js';
import type { FieldError } from '../errors/FieldError.js';

export type { FieldError } from '../errors/FieldError.js';

/**
 * Every code of the HTTP layer with its policy, each documented in docs/http-api.md
 * ("Errors"). A refused request stalls (the caller must change it); only "not ready yet"
 * and "the request ran out of time" pass by themselves.
 */
export const API_ERROR_POLICY = {
  ROUTE_NOT_FOUND: 'stalling',
  NOT_FOUND: 'stalling',
  METHOD_NOT_ALLOWED: 'stalling',
  READONLY_ENTITY_TYPE: 'stalling',
  READONLY_DEFINITION: 'stalling',
  /** A request the framework refused (undecodable percent-encoding, a bad header). */
  BAD_REQUEST: 'stalling',
  MALFORMED_JSON: 'stalling',
  JSON_TOO_DEEP: 'stalling',
  VALIDATION_FAILED: 'stalling',
  INVALID_QUERY: 'stalling',
  UNAUTHORIZED: 'stalling',
  WEBHOOK_SIGNATURE_INVALID: 'stalling',
  WEBHOOK_DISABLED: 'stalling',
  PAYLOAD_TOO_LARGE: 'stalling',
  UNSUPPORTED_MEDIA_TYPE: 'stalling',
  /** Another 4xx the framework chose (its status is kept: 408, 411, 414, 416, 431...). */
  REQUEST_REFUSED: 'stalling',
  NOT_READY: 'transient',
  /** The request passed REGSYNC_REQUEST_TIMEOUT_MS before it could answer. */
  REQUEST_TIMEOUT: 'transient',
  /** Node's HTTP parser refused the request before any route saw it (src/http/answerClientError.ts). */
  MALFORMED_REQUEST: 'stalling',
  /** Request headers past Node's limit (16 KiB). */
  HEADERS_TOO_LARGE: 'stalling',
  /** The request did not arrive within Node's request timeout; the connection is closed. */
  CLIENT_TIMEOUT: 'transient',
  /** REGSYNC_MAP_CONCURRENCY + REGSYNC_MAP_QUEUE map requests are in flight: retry later. */
  OVERLOADED: 'transient',
} as const satisfies Record<string, ErrorPolicy>;

/** Stable error codes of the HTTP layer. */
export type ApiErrorCode = keyof typeof API_ERROR_POLICY;

/** Options of an ApiError. */
export interface ApiErrorOptions {
  errors?: FieldError[];
  /** Headers the response must carry (`WWW-Authenticate`, `Allow`, `Retry-After`). */
  headers?: Record<string, string>;
  /** The status, only for `REQUEST_REFUSED` (a framework's own 4xx); others take the table's. */
  status?: number;
  cause?: unknown;
}

/** An error of the HTTP layer: a code, a message written for the caller, field errors, headers. */
export class ApiError extends RegsyncError<ApiErrorCode> {
  override readonly name = 'ApiError';
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;
  readonly status: number | undefined;

  constructor(code: ApiErrorCode, message: string, options: ApiErrorOptions = {}) {
    super(code, message, API_ERROR_POLICY[code], options);
    this.errors = options.errors;
    this.headers = options.headers ?? {};
    this.status = options.status;
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
