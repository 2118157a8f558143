import type { ErrorRequestHandler } from 'express';
import { describeError } from './describeError.js';
import { loggableError } from '../errors/loggableError.js';
import { problemType, sendProblem } from './problem.js';
import { requestContext } from './middleware/requestContext.js';

/**
 * The app's only error handler: `describeError` classifies (its codes come from the one
 * status table, statusTable.ts), this writes the RFC 9457 body and one log line. A refused
 * request logs at `debug`; an outage or timeout at `warn`; a bug at `error`. Log lines
 * carry `loggableError`, never SQL parameters, bodies or driver detail.
 */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  const ctx = requestContext(res);
  const problem = describeError(error);
  for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
  const log = ctx?.log;
  const { code, detail } = problem;
  if (problem.level === 'warn') log?.warn({ err: loggableError(error), code }, 'request failed');
  else if (problem.level === 'error')
    log?.error({ err: loggableError(error), code }, 'request failed');
  else log?.debug({ code, detail }, 'request refused');
  sendProblem(res, {
    type: problemType(code),
    title: problem.title,
    status: problem.status,
    detail,
    instance: req.originalUrl.split('?')[0] ?? req.originalUrl,
    code,
    ...(ctx ? { requestId: ctx.requestId } : {}),
    ...(problem.errors ? { errors: problem.errors } : {}),
  });
};
