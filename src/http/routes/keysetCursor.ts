/**
 * The opaque keyset cursors of every paged list under /api/v1 (catalog entity types,
 * manifests, connections, workspaces): the sort key of the last item of a page, as the
 * base64url of a JSON array of strings. The next page is what sorts after that key, so a
 * row added or removed between pages neither repeats nor hides another (no offsets).
 */
import type { Request, Response } from 'express';
import type { FieldError } from '../ApiError.js';
import { MAX_CURSOR_LENGTH, type PageLimit } from '../openapi/pageLimits.js';
import { BAD_CURSOR, nextPageUrl, parseLimit, single } from './listQuery.js';

/** The cursor naming the key `parts` (the last item's sort key, in sort order). */
export function encodeKeyset(parts: readonly string[]): string {
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

/**
 * The key a cursor names, or undefined when `cursor` is not one encodeKeyset made of `arity`
 * strings (the text must re-encode to itself, so no two cursors name one key).
 */
export function decodeKeyset(cursor: string, arity: number): string[] | undefined {
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || value.length !== arity) return undefined;
  if (!value.every((part): part is string => typeof part === 'string')) return undefined;
  return encodeKeyset(value) === cursor ? value : undefined;
}

/** `limit` and the decoded `cursor` of a paged list request. */
export interface PageRequest {
  limit: number;
  /** The key of the previous page's last item; absent for the first page. */
  after?: string[];
}

/**
 * Reads `limit` (1..`limits.max`, default `limits.default`) and `cursor` (a key of `arity`
 * parts that `accept` takes, when given: e.g. a timestamp and a uuid). Problems are pushed
 * on `errors` (pointers `/query/limit`, `/query/cursor`); the caller throws them with its own.
 */
export function readPage(
  req: Request,
  errors: FieldError[],
  limits: PageLimit,
  arity: number,
  accept: (parts: string[]) => boolean = () => true,
): PageRequest {
  const limit = parseLimit(req, errors, limits.default, limits.max);
  const cursor = single(req, 'cursor', errors);
  if (cursor === undefined) return { limit };
  const after = decodeKeyset(cursor, arity);
  if (after === undefined || !accept(after)) {
    errors.push(BAD_CURSOR);
    return { limit };
  }
  return { limit, after };
}

/**
 * Sends the `Link: <…>; rel="next"` header of a page whose next cursor is `next` (none on the
 * last page): the same URL with the cursor replaced, so filters carry over.
 */
export function linkNext(req: Request, res: Response, next: string | null): void {
  if (next) res.setHeader('Link', `<${nextPageUrl(req, next)}>; rel="next"`);
}
