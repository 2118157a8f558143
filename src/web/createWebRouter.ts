import { Router, type Request, type Response } from 'express';
import { defaultStaticDir, loadWebAssets, type WebAsset, type WebAssets } from './loadWebAssets.js';

/** Options of {@link createWebRouter}. */
export interface WebRouterOptions {
  /** Folder holding index.html and app/ (default: src/web/static). */
  staticDir?: string;
}

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Assets by folder: every app made in one process (tests make many) shares one read. */
const loaded = new Map<string, WebAssets>();

function send(req: Request, res: Response, file: WebAsset, cacheControl: string): void {
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Cache-Control', cacheControl);
  res.setHeader('ETag', file.etag);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Vary', 'Accept-Encoding');
  if (req.get('if-none-match') === file.etag) {
    res.status(304).end();
    return;
  }
  // The accepted encoding first: the gzipped copy is made on the first request that wants it.
  const gzip = /\bgzip\b/.test(req.get('accept-encoding') ?? '') ? file.gzip : undefined;
  const body = gzip ?? file.body;
  if (gzip) res.setHeader('Content-Encoding', 'gzip');
  res.setHeader('Content-Length', String(body.length));
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * The catalog web page: `GET /` serves index.html (`Cache-Control: no-cache`, a strict
 * CSP whose only inline allowance is the hash of the import map), `/ui/app/<hash>/...` our
 * ES modules and stylesheet, `/ui/vendor/<name>@<version>/<file>` preact, preact/hooks,
 * htm and Pico CSS from node_modules. Hashed and versioned URLs are cached as immutable.
 * Files are read into memory once per process (restart to pick up edits); anything else falls through to the next handler
 * (the app's 404), so mounting this router changes no other route.
 */
export function createWebRouter(options: WebRouterOptions = {}): Router {
  const dir = options.staticDir ?? defaultStaticDir();
  const assets = loaded.get(dir) ?? loadWebAssets(dir);
  loaded.set(dir, assets);
  const router = Router();

  router.get('/', (req, res) => {
    res.setHeader('Content-Security-Policy', assets.csp);
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    send(req, res, assets.index, 'no-cache');
  });

  router.get('/ui/app/:hash/*path', (req, res, next) => {
    const path = (req.params.path as unknown as string[]).join('/');
    const file = req.params.hash === assets.appHash ? assets.app.get(path) : undefined;
    if (!file) return next();
    send(req, res, file, IMMUTABLE);
  });

  router.get('/ui/vendor/:pkg/:file', (req, res, next) => {
    const file = assets.vendor.get(`${req.params.pkg}/${req.params.file}`);
    if (!file) return next();
    send(req, res, file, IMMUTABLE);
  });

  return router;
}
