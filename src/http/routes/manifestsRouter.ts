import { Router } from 'express';
import type { AppDeps } from '../AppDeps.js';
import { validationError, type FieldError } from '../ApiError.js';
import { MANIFEST_STATE_KINDS } from '../ports.js';
import { manifestStateJson } from '../serialize.js';
import { single } from './listQuery.js';

/**
 * `GET /manifests`: every manifest path the sync has recorded, with its state (active,
 * invalid with findings, removed), optionally filtered by `state`. Paths that exist in the
 * registry but were never ingested are not listed: the sync records every manifest it reads,
 * so such a path only exists between a commit and the next sync (see docs/http-api.md).
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
    if (errors.length > 0) throw validationError(errors, 'query');
    const [revision, entries] = await Promise.all([
      deps.state.refresh(),
      deps.catalog.listManifestStates(),
    ]);
    const items = entries
      .filter((e) => state === undefined || e.state === state)
      .map(manifestStateJson);
    const counts: Record<(typeof MANIFEST_STATE_KINDS)[number], number> = {
      active: 0,
      invalid: 0,
      removed: 0,
      'never-ingested': 0,
    };
    for (const e of entries) counts[e.state]++;
    res.setHeader('Cache-Control', 'no-store');
    res.json({ revision: revision ?? null, counts, items });
  });
  return router;
}
