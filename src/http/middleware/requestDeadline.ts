import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { ApiError } from '../ApiError.js';
import { RETRY_AFTER_SECONDS } from '../describeError.js';

/** Marks a response that the deadline answered, so a late handler's write is dropped quietly. */
export function timedOut(res: Response): boolean {
  return res.locals.timedOut === true;
}

/**
 * A deadline per request: when the handler has not started its answer within `ms`, the
 * request is answered 503 REQUEST_TIMEOUT with Retry-After (through `answer`, the app's
 * error handler, so the body is the usual problem). A database stalled behind a lock, or
 * PGlite busy with one long statement, then costs the caller `ms`, not the whole stall. The
 * work goes on in the background (a PostgreSQL statement ends at its own statement or lock
 * timeout); what it writes later is dropped (see `afterDeadline`).
 */
export function requestDeadline(ms: number, answer: ErrorRequestHandler): RequestHandler {
  return (req, res, next) => {
    const timer = setTimeout(() => {
      if (res.headersSent || res.writableEnded) return;
      res.locals.timedOut = true;
      // A late `res.end(body)` on the answered response emits 'error' (write after end);
      // unheard, that event would throw and take the process down.
      res.on('error', () => undefined);
      const error = new ApiError(
        'REQUEST_TIMEOUT',
        `the request was not answered within ${ms} ms (REGSYNC_REQUEST_TIMEOUT_MS); retry later`,
        { headers: { 'Retry-After': RETRY_AFTER_SECONDS } },
      );
      answer(error, req, res, () => undefined);
    }, ms);
    timer.unref();
    // One listener: a response emits 'close' after 'finish' as well as when the client goes
    // away. The timer itself is cheap: Node keeps every timer of one duration in one list.
    res.once('close', () => clearTimeout(timer));
    next();
  };
}

/**
 * Placed before the error handler: an error raised by a handler that lost the race with the
 * deadline (it tried to answer a request already answered) is dropped instead of reaching
 * Express's final handler, which would print its stack and reset the connection.
 */
export const afterDeadline: ErrorRequestHandler = (error, _req, res, next) => {
  if (timedOut(res)) {
    res.locals.ctx?.log?.debug(
      { code: 'REQUEST_TIMEOUT' },
      'late answer dropped after the deadline',
    );
    return;
  }
  next(error);
};
