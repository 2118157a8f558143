import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ApiError } from '../ApiError.js';

const CHALLENGE = 'Bearer realm="regsync"';

/**
 * Admin calls need `Authorization: Bearer <REGSYNC_ADMIN_TOKEN>`. Both sides are hashed to a
 * fixed length before a constant-time compare, so neither the content nor the length of the
 * token leaks through timing. No token configured: every admin call is refused.
 */
export function requireAdmin(adminToken: string | undefined): RequestHandler {
  const expected = adminToken ? digest(adminToken) : undefined;
  return (req, _res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(header);
    if (!expected) {
      throw unauthorized(
        'admin calls are disabled: REGSYNC_ADMIN_TOKEN is not set',
        'invalid_token',
      );
    }
    if (!match?.[1])
      throw unauthorized('this call needs an admin bearer token (Authorization: Bearer <token>)');
    if (!timingSafeEqual(digest(match[1]), expected))
      throw unauthorized('the admin token is wrong', 'invalid_token');
    next();
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

function unauthorized(message: string, error?: string): ApiError {
  return new ApiError('UNAUTHORIZED', message, {
    headers: { 'WWW-Authenticate': error ? `${CHALLENGE}, error="${error}"` : CHALLENGE },
  });
}
