import type { RequestHandler } from 'express';

/**
 * `X-Content-Type-Options: nosniff` on every response of the app (API, problems, probes,
 * metrics, the web page): a browser never guesses a type other than the one sent, so a JSON
 * body with HTML in it is never rendered as a page. Set before any route runs, so errors carry
 * it too.
 */
export const noSniff: RequestHandler = (_req, res, next) => {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  next();
};
