/**
 * Hostile input at the edge, on the real server over loopback, on PGlite and PostgreSQL:
 * undecodable percent-encoding anywhere in a path is the router's 400 (never a 500 with an
 * error-level log line), and text PostgreSQL cannot hold (NUL, lone surrogates) is refused
 * with a 400 naming the query parameter or JSON pointer before any query runs. Beneath the
 * edge, a real protocol-level refusal from each database is not taken for an outage, and
 * its log form carries neither the statement's parameters nor the driver's detail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS } from '../../helpers/databases.js';
import { describeError } from '../../../src/http/describeError.js';
import { isDatabaseOutage } from '../../../src/http/databaseOutage.js';
import { loggableError } from '../../../src/errors/loggableError.js';
import { startUserDataService, type UserDataHarness } from '../connections/userDataService.js';

interface ProblemBody {
  status: number;
  code: string;
  detail: string;
  requestId: string;
  errors?: Array<{ pointer: string; rule: string; message: string }>;
}

async function problem(res: Response, status: number, code: string): Promise<ProblemBody> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
  const body = JSON.parse(text) as ProblemBody;
  expect(body).toMatchObject({ status, code });
  expect(body.requestId).toBe(res.headers.get('x-request-id'));
  return body;
}

/** Pino's numeric levels: 30 info, 40 warn, 50 error. */
const levelsOf = (h: UserDataHarness, requestId: string) =>
  h.service.logs.filter((l) => l.reqId === requestId).map((l) => l.level as number);

const UNDECODABLE = [
  '/api/v1/integrations/%ZZ',
  '/api/v1/integrations/%E0%A4%A',
  '/api/v1/users/%ff/connections',
  '/ui/app/%zz/main.js',
  '/api/v1/sync/runs/%C0%AE',
];

describe.each(DRIVERS)('hostile input on %s', (driver) => {
  let h: UserDataHarness;
  beforeAll(async () => {
    h = await startUserDataService(driver);
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it.each(UNDECODABLE)(
    '%s: 400 BAD_REQUEST as problem+json, logged at most at info',
    async (path) => {
      const res = await h.service.fetch(path);
      const body = await problem(res, 400, 'BAD_REQUEST');
      expect(body.detail).toMatch(/Failed to decode param/);
      const levels = levelsOf(h, body.requestId);
      expect(levels.length).toBeGreaterThan(0); // the access line at least
      expect(Math.max(...levels)).toBeLessThanOrEqual(30);
    },
  );

  it.each(['/api/v1/integrations', '/api/v1/templates', '/api/v1/manifests'])(
    'a NUL in ?q= on %s: 400 INVALID_QUERY at /query/q, no outage',
    async (path) => {
      const body = await problem(await h.service.fetch(`${path}?q=ab%00cd`), 400, 'INVALID_QUERY');
      expect(body.errors).toEqual([
        {
          pointer: '/query/q',
          rule: 'storable-text',
          message: expect.stringMatching(/NUL character \(U\+0000\) at offset 2/),
        },
      ]);
      expect(Math.max(...levelsOf(h, body.requestId))).toBeLessThanOrEqual(30);
    },
  );

  it('a NUL or a lone surrogate in a connection label: 400 at /label, nothing stored', async () => {
    const config = {
      subdomain: 'acme',
      email: 'ops@example.com',
      apiToken: 'S3cretValue0123456789abcdefghijklmn',
    };
    for (const label of ['wo\u0000rk', 'wo\ud800rk', '\udc00']) {
      const body = await problem(
        await h.as('mallory', '/api/v1/users/mallory/connections', {
          method: 'POST',
          body: { integrationType: 'zendesk', label, config },
        }),
        400,
        'VALIDATION_FAILED',
      );
      expect(body.errors?.map((e) => [e.pointer, e.rule])).toEqual([['/label', 'storable-text']]);
      expect(JSON.stringify(h.service.logs)).not.toContain('S3cretValue0123456789');
    }
    const list = await h.as('mallory', '/api/v1/users/mallory/connections');
    expect(list.status).toBe(200);
    expect(((await list.json()) as { items: unknown[] }).items).toEqual([]);

    const created = await h.as('mallory', '/api/v1/users/mallory/connections', {
      method: 'POST',
      body: { integrationType: 'zendesk', label: 'fine', config },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const patched = await problem(
      await h.as('mallory', `/api/v1/users/mallory/connections/${id}`, {
        method: 'PATCH',
        body: { config: { ...config, ['gate\u0000way']: 'x' } },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(patched.errors?.[0]?.pointer).toBe('/config/gate\u0000way');
    const kept = await h.as('mallory', `/api/v1/users/mallory/connections/${id}`);
    expect(((await kept.json()) as { label: string }).label).toBe('fine');
  });

  it('a NUL or a lone surrogate in a workspace name: 400 at /name', async () => {
    for (const name of ['team\u0000a', 'team\ud83d']) {
      const body = await problem(
        await h.as('mallory', '/api/v1/workspaces', { method: 'POST', body: { name } }),
        400,
        'VALIDATION_FAILED',
      );
      expect(body.errors?.[0]).toMatchObject({ pointer: '/name', rule: 'storable-text' });
    }
    // A well-formed astral character (a surrogate pair) is text like any other.
    const ok = await h.as('mallory', '/api/v1/workspaces', {
      method: 'POST',
      body: { name: 'team \ud83d\ude80' },
    });
    expect(ok.status).toBe(201);
  });

  it('no 503 and no outage alarm came from any of it', async () => {
    expect(h.service.logs.filter((l) => (l.status as number) >= 500)).toEqual([]);
    // Warnings of the request path only: the startup notice about an unknown followed
    // repository (the registry is a local folder here) is configuration, not an alarm.
    expect(
      h.service.logs.filter(
        (l) => (l.level as number) >= 40 && !String(l.msg).startsWith('push webhook:'),
      ),
    ).toEqual([]);
  });

  it('beneath the edge: a NUL the database refuses is not an outage, and its log form holds no parameter', async () => {
    const em = h.service.runtime.db.orm.em.fork();
    const marker = 'user-label-7f3a';
    const error = await em
      .getConnection()
      .execute('select ?::text as t', [`${marker}\u0000x`])
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error, 'the database accepted a NUL').toBeInstanceOf(Error);
    expect(isDatabaseOutage(error)).toBe(false);
    expect(describeError(error)).toMatchObject({ status: 500, code: 'INTERNAL', level: 'error' });
    expect(JSON.stringify(loggableError(error))).not.toContain(marker);
    // The database is still there afterwards: the refusal did not cost the connection.
    expect(await em.getConnection().execute('select 1 as one')).toEqual([{ one: 1 }]);
  });

  it('a constraint violation logs without the values that broke it', async () => {
    const em = h.service.runtime.db.orm.em.fork();
    const conn = em.getConnection();
    await conn.execute('create temporary table t_unique (v text unique)');
    const secret = 'ciphertext-looking-value-42';
    await conn.execute('insert into t_unique (v) values (?)', [secret]);
    const error = await conn.execute('insert into t_unique (v) values (?)', [secret]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(String((error as Error).message)).toContain(secret); // the driver does put it there
    const logged = JSON.stringify(loggableError(error));
    expect(logged).not.toContain(secret);
    expect(logged).toMatch(/duplicate key value violates unique constraint/);
  });
});
