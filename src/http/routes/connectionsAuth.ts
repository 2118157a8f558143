import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import { ApiError } from '../ApiError.js';

/** Longest user id accepted from the proxy. */
const MAX_USER_ID = 200;

/**
 * Authenticates the end user from a trusted upstream (docs/configuration.md, "Authentication"):
 * the authenticating reverse proxy sends `X-Regsync-User: <userId>` and proves it is the proxy
 * with `X-Regsync-Proxy-Secret` (REGSYNC_PROXY_SECRET, compared in constant time on SHA-256
 * digests). Without a configured secret every user endpoint is refused: a header anyone can
 * send is never trusted on its own.
 */
export function authenticateUser(proxySecret: string | undefined): RequestHandler {
  const expected = proxySecret ? digest(proxySecret) : undefined;
  return (req, res, next) => {
    if (!expected)
      throw unauthorized('user endpoints are disabled: REGSYNC_PROXY_SECRET is not set');
    const given = req.get('x-regsync-proxy-secret');
    if (!given || !timingSafeEqual(digest(given), expected))
      throw unauthorized(
        'this call must come through the authenticating proxy (X-Regsync-Proxy-Secret)',
      );
    const user = req.get('x-regsync-user')?.trim();
    if (!user || user.length > MAX_USER_ID)
      throw unauthorized('no authenticated user (X-Regsync-User)');
    res.locals.regsyncUser = user;
    next();
  };
}

/** The user `authenticateUser` admitted. */
export function authenticatedUser(res: Response): string {
  const user = res.locals.regsyncUser as unknown;
  if (typeof user !== 'string') throw unauthorized('no authenticated user');
  return user;
}

/**
 * Only the user themselves acts under `/users/:userId`: anyone else gets the same 404 as for a
 * user with nothing stored, so whether a user (or a connection id) exists does not leak.
 */
export const requireSameUser: RequestHandler = (req, res, next) => {
  if (String(req.params.userId) !== authenticatedUser(res))
    throw new ApiError('NOT_FOUND', 'not found');
  next();
};

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

function unauthorized(message: string): ApiError {
  return new ApiError('UNAUTHORIZED', message, {
    headers: { 'WWW-Authenticate': 'RegsyncProxy realm="regsync"' },
  });
}
