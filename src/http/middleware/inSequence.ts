import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Runs synchronous middlewares one after another as one Express layer: the same order, the
 * same `next` contract (a handler calls `next()` to go on, `next(error)` or a throw to fail),
 * without a router layer per handler (each costs Express 5 a path match, a parameter step
 * and a try/catch per request). Only for handlers that call `next` before they return and
 * never `next('route')`: an asynchronous handler belongs in its own layer, where Express
 * awaits its promise.
 */
export function inSequence(handlers: readonly RequestHandler[]): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    let at = 0;
    const step: NextFunction = (error?: unknown) => {
      if (error !== undefined && error !== null) return next(error);
      const handler = handlers[at++];
      if (!handler) return next();
      void handler(req, res, step);
    };
    step();
  };
}
