import type { Request } from 'express';
import { validationError, type FieldError } from '../ApiError.js';
import { PAGE_LIMITS } from '../openapi/pageLimits.js';
import type { EntityTypeEntry } from '../ports.js';
import { encodeKeyset, readPage } from './keysetCursor.js';
import { BAD_CURSOR } from './listQuery.js';

/** `limit` and `cursor` of an entity type listing, parsed (a 400 lists each problem). */
export interface EntityTypePageQuery {
  limit: number;
  /** The entry the previous page ended with, as `kind/key/entityType`. */
  after?: string;
}

const idOf = (entry: EntityTypeEntry) =>
  `${entry.definition.kind}/${entry.definition.key}/${entry.entityType.key}`;

/** Reads `limit` (PAGE_LIMITS.entityTypes) and `cursor`; throws 400 INVALID_QUERY. */
export function parseEntityTypePage(req: Request, errors: FieldError[] = []): EntityTypePageQuery {
  const { limit, after: key } = readPage(req, errors, PAGE_LIMITS.entityTypes, 1);
  const after = key?.[0];
  if (errors.length > 0) throw validationError(errors, 'query');
  return after !== undefined ? { limit, after } : { limit };
}

/**
 * One page of entity type entries (in the order given) after the cursor's entry, and the
 * cursor of the next page (null on the last). A cursor whose entry is gone (the catalog
 * changed between pages) is a 400 telling the caller to start again, never a silent skip.
 */
export function pageEntityTypes(
  entries: EntityTypeEntry[],
  query: EntityTypePageQuery,
): { items: EntityTypeEntry[]; next: string | null } {
  let start = 0;
  if (query.after !== undefined) {
    const at = entries.findIndex((e) => idOf(e) === query.after);
    if (at === -1) throw validationError([BAD_CURSOR], 'query');
    start = at + 1;
  }
  const items = entries.slice(start, start + query.limit);
  const last = items.at(-1);
  const next = start + query.limit < entries.length && last ? encodeKeyset([idOf(last)]) : null;
  return { items, next };
}
