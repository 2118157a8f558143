/**
 * Small building blocks of the document's operations (paths, parameters, responses), shared
 * by the path tables in this folder (catalogPaths.ts, syncPaths.ts, operationsPaths.ts,
 * connectionPaths.ts, workspacePaths.ts); the paging parts are in paging.ts. None reads
 * settings.
 */
import { ref } from './schemaParts.js';

/** A path table: template → path item (shared `parameters` and one operation per method). */
export type PathTable = Record<string, Record<string, object>>;

/** A JSON answer with a component schema (and response headers, if any). */
export function json(schema: string, description: string, headers?: Record<string, object>) {
  return {
    description,
    ...(headers ? { headers } : {}),
    content: { 'application/json': { schema: ref(schema) } },
  };
}

/** A problem+json answer. */
export function problem(description: string, headers?: Record<string, object>) {
  return {
    description,
    ...(headers ? { headers } : {}),
    content: { 'application/problem+json': { schema: ref('Problem') } },
  };
}

/** A required JSON request body with this schema. */
export const body = (schema: object) => ({
  required: true,
  content: { 'application/json': { schema } },
});

/** A path parameter (one non-empty segment). */
export const pathParam = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});

/** An optional query parameter (free text up to 200 characters unless `schema` says more). */
export const query = (
  name: string,
  description: string,
  schema: object = { type: 'string', maxLength: 200 },
) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});

/** `security` of an operation anyone may call. */
export const PUBLIC: object[] = [];

/** The `default` answer of every operation that can fail: a 500 or a 503 problem. */
export const unexpected = problem('Unexpected error (500) or database unavailable (503).');

/** Every `/api/v1` operation checks its query against this document (validateQuery). */
export const badQuery = (what = 'A query parameter') =>
  problem(
    `${what} is invalid, repeated or not documented for this operation (INVALID_QUERY, with errors naming each one).`,
  );

/** The conditional-request header of the catalog reads. */
export const ifNoneMatch = {
  name: 'If-None-Match',
  in: 'header',
  required: false,
  schema: { type: 'string' },
};

/** The caching headers every catalog read answers with. */
export const etagHeaders = {
  ETag: {
    description: 'Digest of the synced revision and the request URL.',
    schema: { type: 'string' },
  },
  'Cache-Control': {
    description: 'Always `no-cache`: revalidate with If-None-Match.',
    schema: { type: 'string' },
  },
};

/** The 304 answer of a catalog read whose ETag is current. */
export const notModified = {
  description: 'Not modified: the If-None-Match ETag is current.',
  headers: etagHeaders,
};
