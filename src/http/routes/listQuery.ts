import type { Request } from 'express';
import { validationError, type FieldError } from '../ApiError.js';
import { CATEGORIES } from '../../manifest/types.js';
import { PAGE_LIMITS } from '../openapi/pageLimits.js';

/** A validated list query: the page size and cursor, and the optional filters. */
export interface ListQuery {
  limit: number;
  cursor?: string;
  category?: string;
  tag?: string;
  q?: string;
  /** Name of a registry source (checked against the configured ones by the route). */
  source?: string;
}

/** Page size of a definition list when `limit` is not given. */
export const DEFAULT_LIMIT = PAGE_LIMITS.definitions.default;
/** Largest `limit` a definition list accepts; more is a 400. */
export const MAX_LIMIT = PAGE_LIMITS.definitions.max;

/** Reads one query parameter; a repeated one is an error, not a silent pick. */
export function single(req: Request, name: string, errors: FieldError[]): string | undefined {
  const value: unknown = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    errors.push({
      pointer: `/query/${name}`,
      rule: 'single',
      message: `give ${name} at most once`,
    });
    return undefined;
  }
  return value;
}

/** Parses `limit` (1..max, default `fallback`). */
export function parseLimit(
  req: Request,
  errors: FieldError[],
  fallback: number = DEFAULT_LIMIT,
  max: number = MAX_LIMIT,
): number {
  const raw = single(req, 'limit', errors);
  if (raw === undefined) return fallback;
  if (!/^\d{1,6}$/.test(raw) || Number(raw) < 1 || Number(raw) > max) {
    errors.push({
      pointer: '/query/limit',
      rule: 'range',
      message: `limit must be a whole number from 1 to ${max}`,
    });
    return fallback;
  }
  return Number(raw);
}

/** The field error of a cursor this service did not issue. */
export const BAD_CURSOR: FieldError = {
  pointer: '/query/cursor',
  rule: 'cursor',
  message: 'cursor is not one this service issued; start again without it',
};

/** The error of a cursor this service did not issue (the adapter throws it). */
export function badCursor() {
  return validationError([BAD_CURSOR], 'query');
}

/** Parses `q`: trimmed, at most 200 characters; empty is absent. */
export function parseSearch(req: Request, errors: FieldError[]): string | undefined {
  const trimmed = single(req, 'q', errors)?.trim();
  if (trimmed === undefined || trimmed === '') return undefined;
  if (trimmed.length > 200) {
    errors.push({
      pointer: '/query/q',
      rule: 'maxLength',
      message: 'q must be at most 200 characters',
    });
    return undefined;
  }
  return trimmed;
}

/** The pattern of a source name (schemas/registry-sources.schema.json). */
export const SOURCE_NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** Parses `source`: a source name's shape (whether such a source exists is the route's check). */
export function parseSource(req: Request, errors: FieldError[]): string | undefined {
  const source = single(req, 'source', errors);
  if (source === undefined) return undefined;
  if (!SOURCE_NAME.test(source)) {
    errors.push({
      pointer: '/query/source',
      rule: 'pattern',
      message: 'source must be a source name: lowercase letters, digits and dashes, at most 40',
    });
    return undefined;
  }
  return source;
}

/**
 * Refuses a `source` that names no registry source (400 INVALID_QUERY listing the known
 * ones): a misspelt source would otherwise answer an empty list that reads as "nothing there".
 */
export function checkSourceKnown(source: string | undefined, known: readonly string[]): void {
  if (source === undefined || known.includes(source)) return;
  throw validationError(
    [
      {
        pointer: '/query/source',
        rule: 'enum',
        message: `no registry source is named ${JSON.stringify(source)}; known: ${known.length > 0 ? known.join(', ') : 'none yet'}`,
      },
    ],
    'query',
  );
}

/** Parses the listing parameters of `/integrations` and `/templates`; throws a 400 listing every problem. */
export function parseListQuery(req: Request, options: { withCategory: boolean }): ListQuery {
  const errors: FieldError[] = [];
  const limit = parseLimit(req, errors);
  const query: ListQuery = { limit };
  const cursor = single(req, 'cursor', errors);
  if (cursor !== undefined) {
    if (cursor.length > 400 || !/^[A-Za-z0-9_-]+$/.test(cursor)) errors.push(BAD_CURSOR);
    else query.cursor = cursor;
  }
  if (options.withCategory) {
    const category = single(req, 'category', errors);
    if (category !== undefined) {
      if (!(CATEGORIES as readonly string[]).includes(category)) {
        errors.push({
          pointer: '/query/category',
          rule: 'enum',
          message: `category must be one of ${CATEGORIES.join(', ')}`,
        });
      } else query.category = category;
    }
  }
  const tag = single(req, 'tag', errors);
  if (tag !== undefined) {
    if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(tag))
      errors.push({
        pointer: '/query/tag',
        rule: 'pattern',
        message: 'tag must be lowercase letters, digits and dashes',
      });
    else query.tag = tag;
  }
  const q = parseSearch(req, errors);
  if (q !== undefined) query.q = q;
  const source = parseSource(req, errors);
  if (source !== undefined) query.source = source;
  if (errors.length > 0) throw validationError(errors, 'query');
  return query;
}

/** The URL of the next page: the same query with the new cursor. */
export function nextPageUrl(req: Request, cursor: string): string {
  const url = new URL(req.originalUrl, 'http://placeholder');
  url.searchParams.set('cursor', cursor);
  return `${url.pathname}${url.search}`;
}
