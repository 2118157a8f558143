import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Request, Response } from 'express';

/** Bump when the shape of catalog responses changes, so caches do not keep the old shape. */
const REPRESENTATION_VERSION = '2';

/**
 * A strong ETag for a catalog read: a digest of the synced revision and the normalized
 * query (`catalogCacheKey`). Same revision, same query: same bytes, on every instance
 * behind a load balancer.
 */
export function catalogEtag(revision: string | undefined, key: string): string {
  const hash = createHash('sha256')
    .update(`${REPRESENTATION_VERSION}\n${revision ?? 'none'}\n${key}`)
    .digest('base64url')
    .slice(0, 27);
  return `"${hash}"`;
}

/** True when the request's If-None-Match lists `etag` (weak comparison, `*` matches). */
export function notModified(req: IncomingMessage, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === bare);
}

/** Sends cached JSON bytes with validators, or 304 when the client's copy is current. */
export function sendCatalog(
  req: Request,
  res: Response,
  entry: { etag: string; body: Buffer },
): void {
  res.setHeader('ETag', entry.etag);
  res.setHeader('Cache-Control', 'no-cache');
  if (notModified(req, entry.etag)) {
    res.status(304).end();
    return;
  }
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', entry.body.length);
  res.end(entry.body);
}
