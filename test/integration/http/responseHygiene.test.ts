/**
 * Small ones, against the real server: `X-Content-Type-Options: nosniff` on every kind of
 * response (probes, API, problems, 404, the web page, metrics), and access-log lines that
 * report the real `bytes` of problem responses and the matched route of a 401 on a known
 * route (so the request metrics are labelled by route, not `unmatched`).
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUserDataService, type UserDataHarness } from '../connections/userDataService.js';

describe('response hygiene', () => {
  let h: UserDataHarness;
  beforeAll(async () => {
    h = await startUserDataService('pglite');
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('sends nosniff on every response, not only on /', async () => {
    const requests: Array<[string, RequestInit?]> = [
      ['/'],
      ['/healthz'],
      ['/readyz'],
      ['/metrics'],
      ['/openapi.json'],
      ['/api/v1/integrations?limit=1'],
      ['/api/v1/integrations/%ZZ'],
      ['/api/v1/integrations/no-such-thing'],
      ['/no/such/route'],
      ['/api/v1/sync', { method: 'POST' }],
      ['/api/v1/webhooks/github', { method: 'POST', body: '{}' }],
      ['/api/v1/users/alice/connections'],
    ];
    for (const [path, init] of requests) {
      const res = await fetch(`${h.url}${path}`, init);
      await res.arrayBuffer();
      expect({ path, nosniff: res.headers.get('x-content-type-options') }).toEqual({
        path,
        nosniff: 'nosniff',
      });
    }
  });

  it('answers headers past 16 KiB on every probe with the documented 431 problem', async () => {
    const doc = (await (await fetch(`${h.url}/openapi.json`)).json()) as {
      paths: Record<string, { get?: { responses: Record<string, unknown> } }>;
    };
    for (const path of ['/healthz', '/readyz', '/metrics', '/openapi.json']) {
      expect(Object.keys(doc.paths[path]!.get!.responses)).toContain('431');
      const answer = await new Promise<{ status: number; type: string; body: string }>(
        (resolve, reject) => {
          const req = request(`${h.url}${path}`, { headers: { 'x-big': 'a'.repeat(20_000) } });
          req.on('response', (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (body += chunk));
            res.on('end', () =>
              resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body }),
            );
          });
          req.on('error', reject);
          req.end();
        },
      );
      expect({ path, status: answer.status, type: answer.type }).toEqual({
        path,
        status: 431,
        type: expect.stringContaining('application/problem+json'),
      });
      expect(JSON.parse(answer.body)).toMatchObject({ code: 'HEADERS_TOO_LARGE' });
    }
  });

  const accessLine = (path: string, status: number) => {
    const lines = h.service.logs.filter(
      (l) => l.msg === 'request' && l.path === path && l.status === status,
    );
    expect(lines.length).toBeGreaterThan(0);
    return lines[lines.length - 1]!;
  };

  it('logs the real bytes of a problem response and the route of a 401 on a known route', async () => {
    const cases: Array<{ path: string; init?: RequestInit; status: number; route: string }> = [
      {
        path: '/api/v1/users/alice/connections',
        status: 401,
        route: '/api/v1/users/:userId/connections',
      },
      {
        path: '/api/v1/workspaces',
        status: 401,
        route: '/api/v1/workspaces',
      },
      {
        path: '/api/v1/integrations/threema/connections',
        status: 401,
        route: '/api/v1/integrations/:key/connections',
      },
      {
        path: '/api/v1/sync',
        init: { method: 'POST', headers: { Authorization: 'Bearer wrong' } },
        status: 401,
        route: '/api/v1/sync',
      },
      {
        path: '/api/v1/integrations/no-such-thing',
        status: 404,
        route: '/api/v1/integrations/:key',
      },
    ];
    for (const c of cases) {
      const res = await fetch(`${h.url}${c.path}`, c.init);
      const text = await res.text();
      expect({ path: c.path, status: res.status }).toEqual({ path: c.path, status: c.status });
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      // The access line is written on 'finish', right after the body went out.
      await new Promise((r) => setTimeout(r, 20));
      expect(accessLine(c.path, c.status)).toMatchObject({
        route: c.route,
        bytes: Buffer.byteLength(text),
      });
    }
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toMatch(
      /regsync_http_request_duration_seconds_count\{[^}]*route="\/api\/v1\/users\/:userId\/connections"[^}]*status="401"/,
    );
  });
});
