/**
 * Several instances on one PostgreSQL database, and a database that goes away: a sync on
 * one instance reaches the other's cached catalog and compiled mappings through
 * LISTEN/NOTIFY; a lost database turns /readyz and database reads into 503s.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase } from '../../helpers/databases.js';
import type { TestRepo } from '../../helpers/gitRepos.js';
import { createRegistryRepo, deliver, pushPayload, startService, type Service } from './service.js';

async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('two instances on one PostgreSQL database', () => {
  let repo: TestRepo;
  let a: Service;
  let b: Service;

  beforeAll(async () => {
    repo = await createRegistryRepo();
    a = await startService({ driver: 'postgresql', repo });
    b = await startService({
      driver: 'postgresql',
      repo,
      databaseUrl: a.databaseUrl,
      startupSync: false,
    });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await repo?.cleanup();
  });

  it('the second instance is ready at once: the database already holds a synced revision', async () => {
    expect((await b.fetch('/readyz')).status).toBe(200);
  });

  it('a sync on one instance clears the other instance’s response and mapping caches', async () => {
    const before = await b.fetch('/api/v1/integrations/zendesk');
    const oldEtag = before.headers.get('etag') ?? '';
    const oldChecksum = ((await before.json()) as { checksum: string }).checksum;
    const mapped = await b.fetch('/api/v1/integrations/zendesk/models/user/map', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ records: [{ id: 1 }] }),
    });
    expect(((await mapped.json()) as { checksum: string }).checksum).toBe(oldChecksum);

    const manifest = JSON.parse(
      await readFile(`${repo.work}/integrations/zendesk/manifest.json`, 'utf8'),
    ) as { description: string };
    manifest.description = 'Zendesk, changed on instance A.';
    const sha = await repo.commit({
      'integrations/zendesk/manifest.json': `${JSON.stringify(manifest, null, 2)}\n`,
    });
    await repo.push('main');
    const res = await deliver(a, { event: 'push', body: pushPayload({ after: sha }) });
    const run = await a.waitForRun(((await res.json()) as { runId: string }).runId);
    expect(run).toMatchObject({ status: 'succeeded', toRevision: sha });

    // Within the notification's delay, well under the 5 s safety-net re-read.
    const after = await until(
      async () =>
        b.fetch('/api/v1/integrations/zendesk', { headers: { 'If-None-Match': oldEtag } }),
      (r) => r.status === 200,
      3000,
    );
    expect(after.status).toBe(200);
    const body = (await after.json()) as {
      description: string;
      checksum: string;
      revision: string;
    };
    expect(body).toMatchObject({ description: 'Zendesk, changed on instance A.', revision: sha });
    const remapped = await b.fetch('/api/v1/integrations/zendesk/models/user/map', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ records: [{ id: 1 }] }),
    });
    expect(((await remapped.json()) as { checksum: string }).checksum).toBe(body.checksum);
    expect(body.checksum).not.toBe(oldChecksum);
  });
});

describe('a database that goes away', () => {
  let repo: TestRepo;
  let service: Service;
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;

  beforeAll(async () => {
    repo = await createRegistryRepo();
    database = await createPostgresDatabase();
    service = await startService({ driver: 'postgresql', repo, databaseUrl: database.url });
  });
  afterAll(async () => {
    await Promise.race([service?.close(), new Promise((r) => setTimeout(r, 10_000))]);
    await database?.drop();
    await repo?.cleanup();
  });

  it('answers /readyz and database reads with 503, and still serves cached catalog reads', async () => {
    const cached = await service.fetch('/api/v1/integrations/slack');
    expect(cached.status).toBe(200);
    await database.drop();

    const ready = await service.fetch('/readyz');
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as {
      checks: { database: { ok: boolean } };
      reasons: string[];
    };
    expect(body.checks.database.ok).toBe(false);
    expect(body.reasons[0]).toMatch(/^database: unreachable/);

    const runs = await service.fetch('/api/v1/sync/runs');
    expect(runs.status).toBe(503);
    expect(runs.headers.get('retry-after')).toBe('5');
    expect(await runs.json()).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
    expect((await service.fetch('/api/v1/integrations/slack')).status).toBe(200);
    expect((await service.fetch('/healthz')).status).toBe(200);
  });
});
