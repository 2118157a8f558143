/**
 * The OpenAPI parts of every paged list (catalog, manifests, connections, workspaces): the
 * `limit` and `cursor` query parameters and the `Link` header, from one place so that every
 * list documents the same mechanism (src/http/routes/keysetCursor.ts) the same way.
 */
import { MAX_CURSOR_LENGTH, type PageLimit } from './pageLimits.js';

const query = (name: string, description: string, schema: object) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});

/** `limit`: 1..`limits.max`, the default in its description (PAGE_LIMITS). */
export const limitParam = (limits: PageLimit) =>
  query('limit', `Page size, 1..${limits.max} (default ${limits.default}).`, {
    type: 'integer',
    minimum: 1,
    maximum: limits.max,
  });

/** `cursor`: the opaque keyset cursor the previous page gave in its `field`. */
export const cursorParam = (field = 'next') =>
  query('cursor', `The \`${field}\` cursor of the previous page.`, {
    type: 'string',
    maxLength: MAX_CURSOR_LENGTH,
    pattern: '^[A-Za-z0-9_-]+$',
  });

/** `limit` and `cursor` of a list whose page names its next cursor `next`. */
export const pageParams = (limits: PageLimit) => [limitParam(limits), cursorParam()];

/** The response header of a page that has a next one. */
export const nextLink = {
  Link: {
    description: 'rel="next" URL when there is a next page.',
    schema: { type: 'string' },
  },
};
