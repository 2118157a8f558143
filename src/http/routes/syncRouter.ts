import { Router } from 'express';
import type { AppDeps } from '../AppDeps.js';
import { ApiError, validationError, type FieldError } from '../ApiError.js';
import { PAGE_LIMITS } from '../openapi/pageLimits.js';
import { requireAdmin } from '../middleware/requireAdmin.js';
import { runJson } from '../serialize.js';
import type { SyncRunRecord } from '../syncTypes.js';
import { parseLimit, single } from './listQuery.js';
import { isUuid } from '../../manifest/uuid.js';
import { sourceStatuses, sourceStatusJson } from './sourceStatus.js';

/** Sync status reads are never cached: they describe the moment. */
function noStore(res: { setHeader(name: string, value: string): unknown }): void {
  res.setHeader('Cache-Control', 'no-store');
}

/**
 * `GET /sync` (revision served, last run, next scheduled run, and every registry source with
 * its revision, state, last run and last error), `GET /sync/runs` (history,
 * newest first), `GET /sync/runs/:id`, and `POST /sync` (admin: start a run, 202 with its id
 * and a Location to poll).
 */
export function syncRouter(deps: AppDeps): Router {
  const router = Router();

  router.get('/', async (_req, res) => {
    const [revision, recorded, states] = await Promise.all([
      deps.state.refresh(),
      deps.catalog.listSyncRuns(1),
      deps.catalog.listSourceStates(),
    ]);
    const live = deps.sync.lastResult;
    const newest = [recorded[0], live]
      .filter((r): r is SyncRunRecord => r !== undefined)
      .sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime())[0];
    noStore(res);
    res.json({
      revision: revision ?? null,
      source: deps.sync.source,
      running: deps.sync.running,
      lastRun: newest ? runJson(newest) : null,
      nextRunAt: deps.sync.nextRunAt()?.toISOString() ?? null,
      sources: sourceStatuses(deps.sync, states).map(sourceStatusJson),
    });
  });

  router.get('/runs', async (req, res) => {
    const errors: FieldError[] = [];
    const limit = parseLimit(req, errors, PAGE_LIMITS.syncRuns.default, PAGE_LIMITS.syncRuns.max);
    if (errors.length > 0) throw validationError(errors, 'query');
    const runs = await deps.catalog.listSyncRuns(limit);
    noStore(res);
    res.json({ items: runs.map(runJson) });
  });

  router.get('/runs/:id', async (req, res) => {
    const id = String(req.params.id);
    if (!isUuid(id)) throw new ApiError('NOT_FOUND', 'no sync run with that id');
    const run =
      (await deps.catalog.getSyncRun(id.toLowerCase())) ?? deps.sync.pendingRun(id.toLowerCase());
    if (!run) throw new ApiError('NOT_FOUND', `no sync run ${id}`);
    if (run.status === 'succeeded') await deps.state.refresh();
    noStore(res);
    res.json(runJson(run));
  });

  router.post('/', requireAdmin(deps.settings.adminToken), (req, res) => {
    const errors: FieldError[] = [];
    const force = single(req, 'force', errors);
    if (force !== undefined && force !== 'true' && force !== 'false') {
      errors.push({
        pointer: '/query/force',
        rule: 'enum',
        message: 'force must be true or false',
      });
    }
    if (errors.length > 0) throw validationError(errors, 'query');
    const wasRunning = deps.sync.running;
    const started = deps.sync.start({ trigger: 'manual', force: force === 'true' });
    const location = `${req.baseUrl}/runs/${started.id}`;
    res.status(202).setHeader('Location', location);
    noStore(res);
    res.json({
      runId: started.id,
      status: wasRunning ? 'queued' : 'started',
      force: force === 'true',
      location,
    });
  });

  return router;
}
