/**
 * What an error thrown while answering a request means for the caller: the code, status,
 * title and detail of the problem body, the headers it needs, and how loud its log line is.
 * Pure (no response, no logger), so the whole classification is tested without a server.
 */
import { RegsyncError } from '../errors/RegsyncError.js';
import type { FieldError } from '../errors/FieldError.js';
import { ApiError } from './ApiError.js';
import { isDatabaseOutage, isDatabaseTimeout } from './databaseOutage.js';
import { STATUS_TABLE, type ErrorCode } from './statusTable.js';

/** Seconds a caller should wait after a 503 the service expects to pass by itself. */
export const RETRY_AFTER_SECONDS = '5';

/** How an error becomes a response and a log line. */
export interface ErrorDescription {
  code: ErrorCode;
  status: number;
  title: string;
  detail: string;
  headers: Record<string, string>;
  errors?: FieldError[];
  /** `debug` for a refused request, `warn` for an outage or timeout, `error` for a bug. */
  level: 'debug' | 'warn' | 'error';
}

const INTERNAL_DETAIL = 'An unexpected error occurred; the request id leads to the log line.';

/** The codes a framework's own 4xx status becomes; any other 4xx is `REQUEST_REFUSED`. */
const FRAMEWORK_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'BAD_REQUEST',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/**
 * Classifies in this order: our own errors by their code (one table); a 4xx that Express,
 * the router or body-parser put on the error (`status`/`statusCode`, as http-errors does:
 * undecodable percent-encoding is a 400); a database timeout or outage (503, Retry-After);
 * anything else a 500 whose detail says nothing about internals.
 */
export function describeError(error: unknown): ErrorDescription {
  if (error instanceof RegsyncError) return fromCode(error);
  const framework = frameworkStatus(error);
  if (framework !== undefined) {
    const code = FRAMEWORK_CODES[framework] ?? 'REQUEST_REFUSED';
    const message = (error as { message?: unknown }).message;
    const detail = typeof message === 'string' && message ? message.slice(0, 300) : '';
    return {
      ...entry(code, framework),
      detail: detail || STATUS_TABLE[code][1],
      headers: {},
      level: 'debug',
    };
  }
  if (isDatabaseTimeout(error)) {
    return {
      ...entry('DATABASE_TIMEOUT'),
      detail: 'The database did not answer in time (statement or lock timeout); retry later.',
      headers: { 'Retry-After': RETRY_AFTER_SECONDS },
      level: 'warn',
    };
  }
  if (isDatabaseOutage(error)) {
    return {
      ...entry('DATABASE_UNAVAILABLE'),
      detail: 'The database cannot be reached; retry later.',
      headers: { 'Retry-After': RETRY_AFTER_SECONDS },
      level: 'warn',
    };
  }
  return { ...entry('INTERNAL'), detail: INTERNAL_DETAIL, headers: {}, level: 'error' };
}

function fromCode(error: RegsyncError): ErrorDescription {
  const code = error.code as ErrorCode;
  if (!(code in STATUS_TABLE)) {
    return { ...entry('INTERNAL'), detail: INTERNAL_DETAIL, headers: {}, level: 'error' };
  }
  const override =
    error instanceof ApiError && code === 'REQUEST_REFUSED' ? error.status : undefined;
  const base = entry(code, override);
  const headers = error instanceof ApiError ? { ...error.headers } : {};
  if (base.status === 503 && error.policy === 'transient')
    headers['Retry-After'] ??= RETRY_AFTER_SECONDS;
  const errors = (error as { errors?: FieldError[] }).errors;
  // Database errors may carry driver text; the caller gets the table's wording only.
  const detail = code.startsWith('DATABASE_') ? `${base.title}; retry later.` : error.message;
  return {
    ...base,
    detail,
    headers,
    ...(errors ? { errors } : {}),
    level: base.status >= 500 ? (error.policy === 'transient' ? 'warn' : 'error') : 'debug',
  };
}

function entry(
  code: ErrorCode,
  status?: number,
): { code: ErrorCode; status: number; title: string } {
  const [tableStatus, title] = STATUS_TABLE[code];
  return { code, status: status ?? tableStatus, title };
}

/** The 4xx status a framework error carries (`status` or `statusCode`, as http-errors sets). */
export function frameworkStatus(error: unknown): number | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const { status, statusCode } = error as { status?: unknown; statusCode?: unknown };
  const value = typeof status === 'number' ? status : statusCode;
  return typeof value === 'number' && Number.isInteger(value) && value >= 400 && value < 500
    ? value
    : undefined;
}
