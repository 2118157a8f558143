import type { Request, RequestHandler, Response } from 'express';
import type { AppDeps } from '../AppDeps.js';
import { catalogEtag, sendCatalog } from '../middleware/conditional.js';

/** What a catalog route builds for one revision: the JSON body and extra headers (Link). */
export interface CatalogBody {
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * The cache key (and ETag basis) of a catalog URL: its path without a trailing slash and its
 * query parameters sorted by name, so `?tag=a&limit=5` and `?limit=5&tag=a` share one entry.
 * Undocumented parameters never reach a stored entry: validateQuery refuses them first.
 */
export function catalogCacheKey(originalUrl: string): string {
  const mark = originalUrl.indexOf('?');
  // The common read: no query, no trailing slash; the key is the URL as it came.
  if (mark === -1 && originalUrl.charCodeAt(originalUrl.length - 1) !== 47) return originalUrl;
  const rawPath = mark === -1 ? originalUrl : originalUrl.slice(0, mark);
  const path = rawPath.length > 1 ? rawPath.replace(/\/+$/, '') : rawPath;
  // URLSearchParams never throws, whatever the bytes; a stable sort keeps repeats in order.
  const params = new URLSearchParams(mark === -1 ? '' : originalUrl.slice(mark + 1));
  params.sort();
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/**
 * Serves a catalog read: from the per-revision response cache when it holds the URL, else
 * built, serialized once and cached. Either way with an ETag from revision and URL, and 304
 * for a matching If-None-Match. A build that throws (404, 400) is not cached.
 */
export async function serveCatalog(
  deps: AppDeps,
  req: Request,
  res: Response,
  build: (revision: string | undefined) => Promise<CatalogBody>,
): Promise<void> {
  const key = catalogCacheKey(req.originalUrl);
  let entry = deps.state.cached(key);
  if (!entry) {
    const snapshot = await deps.state.snapshot();
    const built = await build(snapshot.revision);
    const pattern = (req.route as { path?: unknown } | undefined)?.path;
    const route =
      typeof pattern === 'string'
        ? `${(res.locals.mount as string | undefined) ?? req.baseUrl}${pattern === '/' ? '' : pattern}`
        : undefined;
    entry = {
      etag: catalogEtag(snapshot.revision, key),
      body: Buffer.from(JSON.stringify(built.body)),
      headers: built.headers,
      route,
    };
    deps.state.store(key, snapshot, entry);
  }
  for (const [name, value] of Object.entries(entry.headers ?? {})) res.setHeader(name, value);
  sendCatalog(req, res, entry);
}

/**
 * Serves a GET or HEAD straight from the response cache, before any routing: a catalog read
 * of a URL already built for the current revision costs a map lookup and a write. Misses
 * (and every other request) go on to the routers.
 */
export function catalogFastPath(deps: AppDeps): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const entry = deps.state.cached(catalogCacheKey(req.originalUrl));
    if (!entry) return next();
    if (entry.route) res.locals.routeLabel = entry.route;
    if (entry.headers)
      for (const [name, value] of Object.entries(entry.headers)) res.setHeader(name, value);
    sendCatalog(req, res, entry);
  };
}
