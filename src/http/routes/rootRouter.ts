import { Router } from 'express';
import type { AppDeps } from '../AppDeps.js';
import { servedDocument } from '../openapi/document.js';
import { checkReadiness } from './readiness.js';

/**
 * `GET /healthz` (the process answers), `GET /readyz` (the database answers and a sync has
 * succeeded, each within its deadline: 503 with reasons otherwise; see readiness.ts), `GET /metrics` (Prometheus text) and
 * `GET /openapi.json`.
 */
export function rootRouter(deps: AppDeps): Router {
  const router = Router();
  // Built on the first request for it, not at start (time to ready: docs/performance.md).
  let openapi: Buffer | undefined;

  router.get('/healthz', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    const readiness = await checkReadiness(deps);
    res.setHeader('Cache-Control', 'no-store');
    res.status(readiness.status === 'ready' ? 200 : 503).json(readiness);
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
    openapi ??= Buffer.from(JSON.stringify(servedDocument(deps.settings)));
    res.end(openapi);
  });
  return router;
}
