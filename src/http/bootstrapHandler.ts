import type { RequestListener } from 'node:http';
import { problemType, PROBLEM_CONTENT_TYPE } from './problem.js';

/**
 * Answers while the database opens and migrations run, before the app exists: `/healthz`
 * is 200 (the process is up), everything else 503 with a problem body, so probes and
 * clients see a starting instance rather than a refused connection.
 */
export const bootstrapHandler: RequestListener = (req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  res.setHeader('Cache-Control', 'no-store');
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
