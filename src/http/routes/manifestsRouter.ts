import { Router } from 'express';
import type { AppDeps } from '../AppDeps.js';
import { validationError, type FieldError } from '../ApiError.js';
import { PAGE_LIMITS } from '../openapi/pageLimits.js';
import { MANIFEST_STATE_KINDS, type ManifestStateEntry } from '../ports.js';
import { manifestStateJson } from '../serialize.js';
import { encodeKeyset, linkNext, readPage } from './keysetCursor.js';
import { parseSearch, single } from './listQuery.js';

/**
 * `GET /manifests`: every manifest path the sync has recorded, with its state (active,
 * invalid with findings, removed, never-ingested with the reason, shadowed), one item per
 * source's copy of a path with the source it comes from and which copy is served, in
 * (path, origin) order, filtered
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
    // The key is (path, origin): with layered registries one path has a copy per source.
    const page = readPage(
      req,
      errors,
      PAGE_LIMITS.manifests,
      2,
      ([path, origin]) => path !== '' && origin !== '',
    );
    const { limit } = page;
    const [path, origin] = page.after ?? [];
    const after = path !== undefined && origin !== undefined ? { path, origin } : undefined;
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
    const items = entries.slice(0, limit);
    const last = items.at(-1);
    const nextCursor =
      entries.length > limit && last ? encodeKeyset([last.path, last.origin]) : null;
    res.setHeader('Cache-Control', 'no-store');
    linkNext(req, res, nextCursor);
    res.json({
      revision: revision ?? null,
      counts,
      items: items.map(manifestStateJson),
      nextCursor,
    });
  });
  return router;
}
