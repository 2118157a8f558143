/**
 * A stalled database does not hang the service, over real HTTP. On PostgreSQL a second
 * session holds `LOCK TABLE ... IN ACCESS EXCLUSIVE MODE` in an open transaction: a catalog
 * read ends at the lock timeout with 503 DATABASE_TIMEOUT and Retry-After, `/readyz` says
 * which check failed in its own words within its deadline, and everything answers again once
 * the lock is gone. On PGlite (one connection, no statement timer) a transaction holding the
 * connection keeps every other query waiting: the request deadline answers 503 REQUEST_TIMEOUT, and `/readyz` gives
 * up on its database check at its own, shorter deadline.
 */
import { describe, expect, it } from 'vitest';
import type { PGliteInterface } from '@electric-sql/pglite';
import { openSessionConnection } from '../../../src/db/postgres/openSessionConnection.js';
import { serviceOnBundledRegistry } from './service.js';

interface Problem {
  status: number;
  code: string;
  detail: string;
}
interface Readiness {
  status: string;
  checks: Record<string, { ok: boolean; detail: string }>;
  reasons: string[];
}

const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const value = await work();
  return [value, performance.now() - started];
};

describe('a held table lock on PostgreSQL', () => {
  const h = serviceOnBundledRegistry({
    driver: 'postgresql',
    env: {
      REGSYNC_DB_LOCK_TIMEOUT_MS: '400',
      REGSYNC_DB_STATEMENT_TIMEOUT_MS: '5000',
      REGSYNC_REQUEST_TIMEOUT_MS: '8000',
      REGSYNC_READINESS_TIMEOUT_MS: '1500',
    },
  });

  it('reads end at the lock timeout with 503 DATABASE_TIMEOUT; /readyz names the check; all recovers after', async () => {
    expect((await h.service.fetch('/readyz')).status).toBe(200);
    // Another session, as an operator's migration or a stuck job would hold it.
    const holder = await openSessionConnection(h.service.runtime.db.orm, 'regsync-test-lock');
    try {
      await holder.query('begin');
      await holder.query('lock table definition, sync_run in access exclusive mode');

      const [res, ms] = await timed(() => h.service.fetch('/api/v1/integrations?q=uncached-1'));
      const body = (await res.json()) as Problem;
      expect(res.status, JSON.stringify(body)).toBe(503);
      expect(res.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
      expect(res.headers.get('retry-after')).toBe('5');
      expect(body).toMatchObject({ status: 503, code: 'DATABASE_TIMEOUT' });
      expect(body.detail).not.toMatch(/definition|select|lock_timeout|55P03/i);
      expect(ms).toBeLessThan(4000);

      const [ready, readyMs] = await timed(() => h.service.fetch('/readyz'));
      const readiness = (await ready.json()) as Readiness;
      expect(ready.status).toBe(503);
      expect(readiness.status).toBe('not-ready');
      expect(readiness.checks.database).toEqual({ ok: true, detail: 'reachable' });
      expect(readiness.checks.sync?.ok).toBe(false);
      expect(readiness.reasons).toEqual(['sync: the served revision could not be read']);
      expect(JSON.stringify(readiness)).not.toMatch(/canceling|lock timeout|sync_run|select/i);
      expect(readyMs).toBeLessThan(4000);
    } finally {
      await holder.query('rollback').catch(() => undefined);
      await holder.end();
    }
    expect((await h.service.fetch('/api/v1/integrations?q=uncached-2')).status).toBe(200);
    expect((await h.service.fetch('/readyz')).status).toBe(200);
    // The timeouts were warnings about the database, never errors with a stack.
    const loud = h.service.logs.filter((l) => (l.level as number) >= 50);
    expect(loud).toEqual([]);
    expect(h.service.logs.some((l) => (l.err as { code?: string })?.code === '55P03')).toBe(true);
  });
});

describe('a busy embedded database (PGlite)', () => {
  const h = serviceOnBundledRegistry({
    driver: 'pglite',
    env: { REGSYNC_REQUEST_TIMEOUT_MS: '1500', REGSYNC_READINESS_TIMEOUT_MS: '500' },
  });

  it('the request deadline answers 503 REQUEST_TIMEOUT; /readyz gives up at its own deadline', async () => {
    // PGlite is one connection: a transaction that holds it (here for 4 s, as a long write
    // would) queues every other query of the process behind it.
    const pglite = (
      h.service.runtime.db.orm.config.get('driverOptions') as {
        connection: { pglite: () => PGliteInterface };
      }
    ).connection.pglite();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const busy = pglite.transaction(async (tx) => {
      await tx.query('select 1');
      await Promise.race([held, new Promise((r) => setTimeout(r, 4000))]);
    });
    await new Promise((r) => setTimeout(r, 100));

    const [res, ms] = await timed(() => h.service.fetch('/api/v1/integrations?q=uncached-3'));
    const body = (await res.json()) as Problem;
    expect(res.status, JSON.stringify(body)).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(body).toMatchObject({ status: 503, code: 'REQUEST_TIMEOUT' });
    expect(ms).toBeGreaterThanOrEqual(1400);
    expect(ms).toBeLessThan(4500);

    const [ready, readyMs] = await timed(() => h.service.fetch('/readyz'));
    const readiness = (await ready.json()) as Readiness;
    expect(ready.status).toBe(503);
    expect(readiness.reasons).toEqual([
      'database: no answer within 500 ms',
      'sync: not checked: the database did not answer',
    ]);
    expect(readyMs).toBeLessThan(3000);

    // The process itself stays responsive meanwhile.
    const [health, healthMs] = await timed(() => h.service.fetch('/healthz'));
    expect(health.status).toBe(200);
    expect(healthMs).toBeLessThan(1000);

    release();
    await busy;
    // The late answer of the timed-out request was dropped, not sent or crashed on.
    expect((await h.service.fetch('/api/v1/integrations?q=uncached-3')).status).toBe(200);
    expect((await h.service.fetch('/readyz')).status).toBe(200);
    expect(h.service.logs.filter((l) => (l.level as number) >= 50)).toEqual([]);
  });
});
