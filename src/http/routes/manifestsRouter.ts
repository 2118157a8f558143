import { Router } from 'express';
import type { AppDeps } from '../AppDeps.js';
import { validationError, type FieldError } from '../ApiError.js';
import { PAGE_LIMITS } from '../openapi/pageLimits.js';
import { MANIFEST_STATE_KINDS, type ManifestStateEntry } from '../ports.js';
import { manifestStateJson } from '../serialize.js';
import { BAD_CURSOR, nextPageUrl, parseLimit, parseSearch, single } from './listQuery.js';

const { default: DEFAULT_PAGE, max: MAX_PAGE } = PAGE_LIMITS.manifests;

/**
 * `GET /manifests`: every manifest path the sync has recorded, with its state (active,
 * invalid with findings, removed, never-ingested with the reason), in path order, filtered
 * by `state` and by `q` (part of the path), in pages of `limit` (cursor and a Link header,
 * as the catalog lists). `counts` are of all paths, whatever the filter. A path that exists
 * in the registry but was never seen by a run is not listed (see docs/http-api.md).
 */
export function manifestsRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const errors: FieldError[] = [];
    const state = single(req, 'state', errors);
    if (state !== undefined && !(MANIFEST_STATE_KINDS as readonly string[]).includes(state)) {
      errors.push({
        pointer: '/query/state',
        rule: 'enum',
        message: `state must be one of ${MANIFEST_STATE_KINDS.join(', ')}`,
      });
    }
    const q = parseSearch(req, errors);
    const limit = parseLimit(req, errors, DEFAULT_PAGE, MAX_PAGE);
    const cursor = single(req, 'cursor', errors);
    const after = cursor === undefined ? undefined : decodePathCursor(cursor);
    if (cursor !== undefined && after === undefined) errors.push(BAD_CURSOR);
    if (errors.length > 0) throw validationError(errors, 'query');

    const [revision, counts, entries] = await Promise.all([
      deps.state.refresh(),
      deps.catalog.countManifestStates(),
      // One more than the page, to know whether there is a next one.
      deps.catalog.listManifestStates({
        ...(state !== undefined ? { state: state as ManifestStateEntry['state'] } : {}),
        ...(q !== undefined ? { q } : {}),
        ...(after !== undefined ? { after } : {}),
        limit: limit + 1,
      }),
    ]);
    const page = entries.slice(0, limit);
    const last = page.at(-1);
    const nextCursor = entries.length > limit && last ? encodePathCursor(last.path) : null;
    res.setHeader('Cache-Control', 'no-store');
    if (nextCursor) res.setHeader('Link', `<${nextPageUrl(req, nextCursor)}>; rel="next"`);
    res.json({
      revision: revision ?? null,
      counts,
      items: page.map(manifestStateJson),
      nextCursor,
    });
  });
  return router;
}

function encodePathCursor(path: string): string {
  return Buffer.from(path, 'utf8').toString('base64url');
}

/** The path a cursor names, or undefined when it is not one encodePathCursor made. */
function decodePathCursor(cursor: string): string | undefined {
  if (cursor.length > 1400 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  const path = Buffer.from(cursor, 'base64url').toString('utf8');
  return path.length > 0 && encodePathCursor(path) === cursor ? path : undefined;
}
