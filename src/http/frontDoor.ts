import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Express } from 'express';
import type { AppDeps } from './AppDeps.js';
import type { CachedResponse } from './CatalogState.js';
import { notModified } from './middleware/conditional.js';
import { beginRequest, requestFinish } from './middleware/requestContext.js';
import { catalogCacheKey } from './routes/serveCatalog.js';

/** A handler that runs before Express; true when it answered the request. */
export type FrontHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * Puts `front` ahead of Express's own request handling. A request it answers never meets
 * Express: not `app.handle`'s per-request setup (it swaps the prototypes of the request and
 * the response, which costs V8 its fast property access on both) nor the router's layers.
 * Everything else goes on to Express unchanged. Installed on the app itself (its `handle`),
 * so every server and test built from `createApp` has it.
 */
export function serveBeforeExpress(app: Express, front: FrontHandler): void {
  type Handle = (req: IncomingMessage, res: ServerResponse, callback?: unknown) => void;
  const inner = app as unknown as { handle: Handle };
  const handle = inner.handle.bind(app);
  inner.handle = (req, res, callback) => {
    if (!front(req, res)) handle(req, res, callback);
  };
}

/** The static part of a cached response's headers, built once per entry and status. */
interface EntryHeads {
  ok: string[];
  notModified: string[];
}

/**
 * Cached catalog reads answered before Express (the hot GET): a GET or HEAD whose URL has no
 * query string and no escaped byte, and whose response the per-revision cache holds
 * (CatalogState), is answered with the same bytes and headers as through the routers
 * (ETag, Cache-Control, nosniff, X-Request-Id, the entry's own headers, 304 for a matching
 * If-None-Match), with its access line and metrics observation. The header list of each
 * entry is built once and written with one `writeHead`. No deadline timer is needed: the
 * answer is written before this returns. A URL with a query (checked against the OpenAPI
 * document and for unstorable text first) or with `%` (its segments decoded and checked)
 * goes through Express, whose own catalogFastPath still serves it from the same cache.
 */
export function catalogFrontDoor(deps: AppDeps): FrontHandler {
  const finish = requestFinish({
    logger: deps.logger,
    write: deps.accessLine,
    onFinish: (info) => deps.metrics.httpRequest(info),
  });
  const heads = new WeakMap<CachedResponse, EntryHeads>();
  const headsOf = (entry: CachedResponse): EntryHeads => {
    let known = heads.get(entry);
    if (!known) {
      const common = ['X-Content-Type-Options', 'nosniff'];
      for (const [name, value] of Object.entries(entry.headers ?? {})) common.push(name, value);
      common.push('ETag', entry.etag, 'Cache-Control', 'no-cache');
      known = {
        notModified: common,
        ok: [
          ...common,
          'Content-Type',
          'application/json; charset=utf-8',
          'Content-Length',
          String(entry.body.length),
        ],
      };
      heads.set(entry, known);
    }
    return known;
  };
  return (req, res) => {
    const method = req.method;
    if (method !== 'GET' && method !== 'HEAD') return false;
    const url = req.url ?? '';
    if (url.includes('?') || url.includes('%')) return false;
    const entry = deps.state.cached(catalogCacheKey(url));
    if (!entry) return false;
    const fresh = notModified(req, entry.etag);
    const route = entry.route ?? 'unmatched';
    const ctx = beginRequest(req, res, finish, () => ({
      method,
      path: url,
      route,
      status: res.statusCode,
      // As through the routers: the Content-Length sent (none on a 304).
      bytes: fresh ? 0 : entry.body.length,
      remoteAddress: req.socket.remoteAddress,
    }));
    const head = headsOf(entry);
    res.writeHead(fresh ? 304 : 200, [
      'X-Request-Id',
      ctx.requestId,
      ...(fresh ? head.notModified : head.ok),
    ]);
    if (fresh) res.end();
    else res.end(entry.body);
    return true;
  };
}
