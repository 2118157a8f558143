import { randomUUID } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { Logger } from 'pino';

/** Per-request state kept in `res.locals`: the request id and a logger that carries it. */
export interface RequestContext {
  requestId: string;
  log: Logger;
  startedAt: bigint;
}

/** A caller's id is kept when it is short and plain, so it cannot forge log structure. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The request's context (request id, its logger, start time) set by the access-log middleware;
 * undefined before it ran.
 */
export function requestContext(res: Response): RequestContext | undefined {
  return res.locals.ctx as RequestContext | undefined;
}

/** Options of the access-log middleware: the logger, and a callback per finished request. */
export interface AccessLogOptions {
  logger: Logger;
  /** Called once per finished request with the matched route pattern (for metrics). */
  onFinish?: (info: { method: string; route: string; status: number; seconds: number }) => void;
}

/**
 * Request ids and structured access logs. The id (`X-Request-Id`, kept if sane, else a new
 * UUID) is echoed back and carried by every log line of the request. The access log line
 * holds method, path, matched route, status, duration and size: never bodies, never
 * headers (authorization and signatures stay out of the logs by construction).
 */
export function accessLog(options: AccessLogOptions): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    const requestId = incoming && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const root = options.logger;
    let child: Logger | undefined;
    const ctx: RequestContext = {
      requestId,
      // Made on first use: most requests log one access line and nothing else.
      get log() {
        child ??= root.child({ reqId: requestId });
        return child;
      },
      startedAt: process.hrtime.bigint(),
    };
    res.locals.ctx = ctx;
    res.setHeader('X-Request-Id', requestId);
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - ctx.startedAt) / 1e9;
      const route = matchedRoute(req.baseUrl, req.route as { path?: unknown } | undefined, res);
      options.onFinish?.({ method: req.method, route, status: res.statusCode, seconds });
      const line = {
        reqId: requestId,
        method: req.method,
        path: req.originalUrl.split('?')[0],
        route,
        status: res.statusCode,
        durationMs: Math.round(seconds * 10_000) / 10,
        bytes: Number(res.getHeader('content-length') ?? 0),
        remoteAddress: req.socket.remoteAddress,
      };
      if (res.statusCode >= 500) root.warn(line, 'request');
      else root.info(line, 'request');
    });
    next();
  };
}

/**
 * Remembers where a router is mounted: Express restores `req.baseUrl` when an error leaves
 * the router, so by the time the response finishes the prefix would be lost.
 */
export const markMount: RequestHandler = (req, res, next) => {
  res.locals.mount = req.baseUrl;
  next();
};

/**
 * Like markMount, for a mount whose path has parameters (`/users/:userId/connections`): the
 * pattern, never the actual path, is what labels the request, so labels stay few.
 */
export function markMountPattern(pattern: string): RequestHandler {
  return (_req, res, next) => {
    res.locals.mount = pattern;
    next();
  };
}

/**
 * The route pattern (`/api/v1/integrations/:key`), so metrics labels stay few. A request
 * answered under a known mount before any of its routes matched (a 401 from the mount's
 * authentication) is labelled with the mount; only a 404 there stays `unmatched`.
 */
function matchedRoute(
  baseUrl: string,
  route: { path?: unknown } | undefined,
  res: Response,
): string {
  const label = res.locals.routeLabel as string | undefined;
  if (label) return label;
  const mount = (res.locals.mount as string | undefined) ?? baseUrl;
  if (!route || typeof route.path !== 'string')
    return res.locals.mount && res.statusCode !== 404 ? mount : 'unmatched';
  return route.path === '/' && mount ? mount : `${mount}${route.path}`;
}
