import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { AccessLineWriter } from '../ports.js';

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
  /**
   * Writes the access line to `logger` (src/logging/accessLine.ts, serialized by hand);
   * unset, the line goes through `logger.info` / `logger.warn`.
   */
  write?: AccessLineWriter;
  /** Called once per finished request with the matched route pattern (for metrics). */
  onFinish?: (info: { method: string; route: string; status: number; seconds: number }) => void;
}

/** What one request's access line and metrics observation need when it finishes. */
export interface FinishedRequest {
  method: string;
  /** The path without its query string. */
  path: string;
  route: string;
  status: number;
  bytes: number;
  remoteAddress: string | undefined;
}

/**
 * Starts a request's context on the bare Node objects (no Express decoration needed, so the
 * front door, frontDoor.ts, uses it as the access-log middleware does): the request id
 * (`X-Request-Id`, kept if sane, else a new UUID), the start time, a logger that carries the
 * id (made on first use: most requests log their access line and nothing else), and one
 * 'finish' listener that observes the metrics and writes the access line from `describe()`.
 * The caller sends the id back (`X-Request-Id`): the front door writes its headers at once.
 */
export function beginRequest(
  req: IncomingMessage,
  res: ServerResponse,
  finish: RequestFinish,
  describe: () => FinishedRequest,
): RequestContext {
  const incoming = req.headers['x-request-id'];
  const requestId =
    typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  const root = finish.logger;
  let child: Logger | undefined;
  const ctx: RequestContext = {
    requestId,
    get log() {
      child ??= root.child({ reqId: requestId });
      return child;
    },
    startedAt: process.hrtime.bigint(),
  };
  res.once('finish', () => {
    const seconds = Number(process.hrtime.bigint() - ctx.startedAt) / 1e9;
    const done = describe();
    finish.onFinish?.({ method: done.method, route: done.route, status: done.status, seconds });
    finish.write({
      reqId: requestId,
      method: done.method,
      path: done.path,
      route: done.route,
      status: done.status,
      durationMs: Math.round(seconds * 10_000) / 10,
      bytes: done.bytes,
      remoteAddress: done.remoteAddress,
    });
  });
  return ctx;
}

/** The access log's logger, its line writer and the metrics callback, built once per app. */
export interface RequestFinish extends AccessLogOptions {
  write: AccessLineWriter;
}

/** Builds the per-app part of the access log: the given line writer, or pino's own call. */
export function requestFinish(options: AccessLogOptions): RequestFinish {
  const { logger } = options;
  return {
    ...options,
    write:
      options.write ??
      ((fields) => {
        if (fields.status >= 500) logger.warn(fields, 'request');
        else logger.info(fields, 'request');
      }),
  };
}

/**
 * Request ids and structured access logs. The id (`X-Request-Id`, kept if sane, else a new
 * UUID) is echoed back and carried by every log line of the request. The access log line
 * holds method, path, matched route, status, duration and size: never bodies, never
 * headers, never the query string (authorization, signatures and tokens in a query stay out
 * of the logs by construction; accessLine.ts writes the line).
 */
export function accessLog(options: AccessLogOptions): RequestHandler {
  const finish = requestFinish(options);
  return (req, res, next) => {
    const ctx = beginRequest(req, res, finish, () => ({
      method: req.method,
      path: req.originalUrl.split('?')[0] ?? '',
      route: matchedRoute(req.baseUrl, req.route as { path?: unknown } | undefined, res),
      status: res.statusCode,
      bytes: Number(res.getHeader('content-length') ?? 0),
      remoteAddress: req.socket.remoteAddress,
    }));
    res.locals.ctx = ctx;
    res.setHeader('X-Request-Id', ctx.requestId);
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
