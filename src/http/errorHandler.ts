import type { ErrorRequestHandler } from 'express';
import { ApiError, type ApiErrorCode } from './ApiError.js';
import { isDatabaseOutage } from './databaseOutage.js';
import { problemType, sendProblem } from './problem.js';
import { requestContext } from './middleware/requestContext.js';

/** Status and title of every code the service answers with. */
const STATUS: Record<
  ApiErrorCode | 'INTERNAL' | 'DATABASE_UNAVAILABLE' | 'SERVICE_UNAVAILABLE',
  [number, string]
> = {
  ROUTE_NOT_FOUND: [404, 'No such route'],
  NOT_FOUND: [404, 'Not found'],
  METHOD_NOT_ALLOWED: [405, 'Method not allowed'],
  READONLY_ENTITY_TYPE: [405, 'Integration entity types are readonly'],
  READONLY_DEFINITION: [405, 'Integration definitions are readonly'],
  MALFORMED_JSON: [400, 'Malformed JSON'],
  JSON_TOO_DEEP: [400, 'JSON nested too deeply'],
  VALIDATION_FAILED: [400, 'Invalid request body'],
  INVALID_QUERY: [400, 'Invalid query parameter'],
  UNAUTHORIZED: [401, 'Unauthorized'],
  WEBHOOK_SIGNATURE_INVALID: [401, 'Invalid webhook signature'],
  WEBHOOK_DISABLED: [404, 'Webhook not configured'],
  PAYLOAD_TOO_LARGE: [413, 'Payload too large'],
  UNSUPPORTED_MEDIA_TYPE: [415, 'Unsupported media type'],
  NOT_READY: [503, 'Not ready'],
  OVERLOADED: [503, 'Too many requests at once'],
  DATABASE_UNAVAILABLE: [503, 'Database unavailable'],
  SERVICE_UNAVAILABLE: [503, 'Service unavailable'],
  INTERNAL: [500, 'Internal server error'],
};

/**
 * The one place that maps errors to statuses. An ApiError keeps its message (written for
 * the caller); a database outage is a 503; anything else is a 500 whose detail says nothing
 * about internals (the log line, found by request id, has the message).
 */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  const ctx = requestContext(res);
  let code: keyof typeof STATUS = 'INTERNAL';
  let detail = 'An unexpected error occurred; the request id leads to the log line.';
  let errors: ApiError['errors'];
  if (error instanceof ApiError) {
    code = error.code;
    detail = error.message;
    errors = error.errors;
    for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  } else if (isDatabaseOutage(error)) {
    code = 'DATABASE_UNAVAILABLE';
    detail = 'The database cannot be reached; retry later.';
    res.setHeader('Retry-After', '5');
  }
  const [status, title] = STATUS[code];
  const log = ctx?.log;
  if (status === 503)
    log?.warn({ err: (error as Error).message, code }, 'request failed: database unavailable');
  else if (status >= 500) log?.error({ err: error, code }, 'request failed');
  else log?.debug({ code, detail }, 'request refused');
  sendProblem(res, {
    type: problemType(code),
    title,
    status,
    detail,
    instance: req.originalUrl.split('?')[0] ?? req.originalUrl,
    code,
    ...(ctx ? { requestId: ctx.requestId } : {}),
    ...(errors ? { errors } : {}),
  });
};
