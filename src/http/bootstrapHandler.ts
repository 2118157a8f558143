import type { RequestListener } from 'node:http';
import { problemType, PROBLEM_CONTENT_TYPE } from './problem.js';
import { handleStartupWebhook, type StartupWebhookOptions } from './startupWebhook.js';

/**
 * The bootstrap handler, and with `webhook` (REGSYNC_WEBHOOK_SECRET set) `POST
 * /api/v1/webhooks/github` verified and accepted during startup instead of 503 (`startupWebhook.ts`).
 */
export function createBootstrapHandler(
  options: { webhook?: StartupWebhookOptions } = {},
): RequestListener {
  const { webhook } = options;
  if (!webhook) return bootstrapHandler;
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'POST' && path === '/api/v1/webhooks/github') {
      res.setHeader('X-Content-Type-Options', 'nosniff');
      handleStartupWebhook(req, res, webhook).catch(() => {
        if (!res.headersSent) res.writeHead(400).end();
        else res.end();
      });
      return;
    }
    bootstrapHandler(req, res);
  };
}

/**
 * Answers while the database opens and migrations run, before the app exists: `/healthz`
 * is 200 (the process is up), everything else 503 with a problem body, so probes and
 * clients see a starting instance rather than a refused connection.
 */
export const bootstrapHandler: RequestListener = (req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (path === '/healthz') {
    res
      .writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' })
      .end(JSON.stringify({ status: 'ok' }));
    return;
  }
  if (path === '/readyz') {
    const body = {
      status: 'not-ready',
      checks: { database: { ok: false, detail: 'opening' } },
      reasons: ['database: opening'],
      disabledIntegrations: [],
    };
    res
      .writeHead(503, { 'Content-Type': 'application/json; charset=utf-8' })
      .end(JSON.stringify(body));
    return;
  }
  res
    .writeHead(503, {
      'Content-Type': `${PROBLEM_CONTENT_TYPE}; charset=utf-8`,
      'Retry-After': '2',
    })
    .end(
      JSON.stringify({
        type: problemType('NOT_READY'),
        title: 'Not ready',
        status: 503,
        detail: 'the service is starting (opening the database); retry shortly',
        instance: path,
        code: 'NOT_READY',
      }),
    );
};
