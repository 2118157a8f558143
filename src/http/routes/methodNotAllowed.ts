import type { RequestHandler } from 'express';
import { ApiError } from '../ApiError.js';
import { openApiDocument } from '../openapi/document.js';

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

/**
 * The last handler before the error handler: a request that no route took is a 405 when
 * its path is a documented one (with `Allow` listing the documented methods), else a 404.
 * The table comes from the OpenAPI document, so the two cannot disagree.
 */
export function unmatchedRequest(): RequestHandler {
  const table = Object.entries(openApiDocument().paths).map(([template, operations]) => {
    const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
    const allowed = Object.keys(operations)
      .filter((m) => METHODS.includes(m))
      .map((m) => m.toUpperCase());
    if (allowed.includes('GET')) allowed.push('HEAD');
    return { regex: new RegExp(`^${pattern}/?$`), allowed };
  });
  return (req) => {
    const entry = table.find((t) => t.regex.test(req.path));
    if (entry) {
      throw new ApiError(
        'METHOD_NOT_ALLOWED',
        `${req.method} is not allowed on ${req.path.slice(0, 200)}; allowed: ${entry.allowed.join(', ')}`,
        {
          headers: { Allow: entry.allowed.join(', ') },
        },
      );
    }
    throw new ApiError(
      'ROUTE_NOT_FOUND',
      `no route ${req.method} ${req.path.slice(0, 200)}; see /openapi.json`,
    );
  };
}
