import { Router } from 'express';
import type { AppDeps } from '../AppDeps.js';
import { servedDocument } from '../openapi/document.js';

/**
 * `GET /healthz` (the process answers), `GET /readyz` (the database answers and a sync has
 * succeeded: 503 with reasons otherwise), `GET /metrics` (Prometheus text) and
 * `GET /openapi.json`.
 */
export function rootRouter(deps: AppDeps): Router {
  const router = Router();
  const openapi = Buffer.from(JSON.stringify(servedDocument(deps.settings)));

  router.get('/healthz', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    const checks: Record<string, { ok: boolean; detail: string }> = {};
    try {
      await deps.catalog.ping();
      checks.database = { ok: true, detail: 'reachable' };
    } catch (error) {
      checks.database = {
        ok: false,
        detail: `unreachable: ${(error as Error).message.slice(0, 200)}`,
      };
    }
    let revision: string | undefined;
    if (checks.database.ok) {
      revision = await deps.state.refresh().catch(() => undefined);
    }
    checks.sync = revision
      ? { ok: true, detail: `serving ${revision}` }
      : {
          ok: false,
          detail: deps.sync.running ? 'the first sync is running' : describeNoSync(deps),
        };
    const ready = Object.values(checks).every((c) => c.ok);
    res.setHeader('Cache-Control', 'no-store');
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'not-ready',
      checks,
      reasons: Object.entries(checks)
        .filter(([, c]) => !c.ok)
        .map(([name, c]) => `${name}: ${c.detail}`),
    });
  });

  router.get('/metrics', async (_req, res) => {
    const text = await deps.metrics.registry.metrics();
    res.setHeader('Content-Type', deps.metrics.registry.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.end(text);
  });

  router.get('/openapi.json', (_req, res) => {
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache');
    res.end(openapi);
  });
  return router;
}

function describeNoSync(deps: AppDeps): string {
  const last = deps.sync.lastResult;
  if (!last) return 'no sync has succeeded yet';
  return `no sync has succeeded yet; the last run ended ${last.status} (${last.reason})${last.message ? `: ${last.message.slice(0, 200)}` : ''}`;
}
