/**
 * Several instances on one PostgreSQL, as separate processes running the real CLI: they sync
 * the same commits concurrently, one at a time under the advisory lock, and never duplicate a
 * row. A process killed mid-sync converges on the next run. An HTTP reader polling the
 * catalog throughout sees one revision at a time, and its ETag moves with the revision only.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/db/openDatabase.js';
import { createTestRepo, type TestRepo } from '../../helpers/gitRepos.js';
import { integrationManifest } from '../../helpers/manifests.js';
import { databaseSlot, type DatabaseSlot } from './runtimeFixture.js';
import { CLI_FROM_SOURCES } from '../../helpers/cli.js';
import { startService, type Service } from '../http/service.js';

/** Several CLI processes through tsx: on a loaded 2-core machine a test takes minutes. */
const SLOW = 600_000;

const pretty = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`;
const file = (key: string) => `integrations/${key}/manifest.json`;

interface Outcome {
  code: number | null;
  json: {
    status: string;
    reason: string;
    added: number;
    updated: number;
    unchanged: number;
    removed: number;
  };
}

function regsyncSync(
  env: Record<string, string>,
  args: string[] = [],
): { done: Promise<Outcome>; kill(): void } {
  const child = spawn(
    process.execPath,
    [...CLI_FROM_SOURCES, 'sync', '--once', '--json', ...args],
    {
      env: { ...process.env, ...env, REGSYNC_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<Outcome>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        resolve({
          code,
          json: out.trim()
            ? JSON.parse(out.trim().split('\n').at(-1) ?? '')
            : ({} as Outcome['json']),
        });
      } catch {
        reject(new Error(`regsync sync printed no JSON (exit ${code}): ${out}\n${err}`));
      }
    });
  });
  return { done, kill: () => child.kill('SIGKILL') };
}

function manyManifests(n: number, extra: string[] = [], mark?: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    const key = `vendor-${String(i).padStart(4, '0')}`;
    const name = mark === undefined ? undefined : `${key} ${mark}`;
    files[file(key)] = pretty(integrationManifest({ key, name, extraAttributes: extra }));
  }
  return files;
}

describe('instances sharing one PostgreSQL', { timeout: SLOW }, () => {
  let repo: TestRepo;
  let slot: DatabaseSlot;
  let db: Database;
  let env: Record<string, string>;

  const scalar = async (sql: string) => {
    const rows = (await db.orm.em.fork().getConnection().execute(sql)) as Array<{
      n: string | number;
    }>;
    return Number(rows[0]?.n ?? 0);
  };
  const duplicates = () =>
    scalar(
      'select count(*) as n from (select kind, key from definition group by kind, key, source having count(*) > 1) d',
    );

  beforeAll(async () => {
    repo = await createTestRepo();
    await repo.commit(manyManifests(40));
    await repo.push();
    slot = await databaseSlot('postgresql');
    // Each process keeps its own Git mirror, as separate hosts would.
    env = { ...slot.env, REGSYNC_REGISTRY: repo.url };
    db = await openDatabase({
      databaseUrl: slot.env.DATABASE_URL,
      dataDir: slot.env.REGSYNC_DATA_DIR ?? '',
    });
  });

  afterAll(async () => {
    await db?.close();
    await slot?.dispose();
    await repo?.cleanup();
  });

  it('three processes sync the same commits without duplicating a row', async () => {
    const first = await Promise.all(
      [1, 2, 3].map(
        (i) => regsyncSync({ ...env, REGSYNC_DATA_DIR: `${env.REGSYNC_DATA_DIR}/i${i}` }).done,
      ),
    );
    for (const outcome of first) expect(outcome.code).toBe(0);
    expect(first.reduce((sum, o) => sum + o.json.added, 0)).toBe(40);
    expect(first.filter((o) => o.json.added === 40)).toHaveLength(1);
    for (const o of first) expect(['Succeeded', 'UpToDate', 'LockHeld']).toContain(o.json.reason);
    expect(await scalar('select count(*) as n from definition')).toBe(40);
    expect(await duplicates()).toBe(0);

    const changed = manyManifests(2, ['phone']);
    await repo.commit({
      ...changed,
      [file('newcomer')]: pretty(integrationManifest({ key: 'newcomer' })),
    });
    await repo.push();
    const second = await Promise.all(
      [1, 2, 3].map(
        (i) => regsyncSync({ ...env, REGSYNC_DATA_DIR: `${env.REGSYNC_DATA_DIR}/i${i}` }).done,
      ),
    );
    for (const outcome of second) expect(outcome.code).toBe(0);
    expect(second.reduce((sum, o) => sum + o.json.added, 0)).toBe(1);
    expect(second.reduce((sum, o) => sum + o.json.updated, 0)).toBe(2);
    expect(await scalar('select count(*) as n from definition')).toBe(41);
    expect(await scalar("select count(*) as n from attribute where key = 'phone'")).toBe(2);
    expect(await duplicates()).toBe(0);
  });

  it('a process killed mid-sync leaves the old revision whole and converges on the next run', async () => {
    await repo.commit(manyManifests(300, ['fax']));
    await repo.push();
    const victim = regsyncSync({ ...env, REGSYNC_DATA_DIR: `${env.REGSYNC_DATA_DIR}/victim` });
    const started = Date.now();
    // Kill it while its run is recorded as running: a revision is written in one transaction
    // (applyRevision), so until it commits no manifest of the new revision is visible.
    let seen: number[] = [];
    let exited = false;
    void victim.done.finally(() => (exited = true)).catch(() => undefined);
    while (!exited && Date.now() - started < 60_000) {
      const running = await scalar("select count(*) as n from sync_run where status = 'running'");
      seen.push(await scalar("select count(*) as n from attribute where key = 'fax'"));
      if (running > 0) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    victim.kill();
    await victim.done.catch(() => undefined);
    seen.push(await scalar("select count(*) as n from attribute where key = 'fax'"));
    // Never a mix: none of the new revision, or all of it.
    seen = [...new Set(seen)];
    expect(seen.every((n) => n === 0 || n === 300)).toBe(true);
    const interrupted =
      (await scalar("select count(*) as n from sync_run where status = 'running'")) > 0;

    const rerun = await regsyncSync({ ...env, REGSYNC_DATA_DIR: `${env.REGSYNC_DATA_DIR}/i1` })
      .done;
    expect(rerun.code).toBe(0);
    expect(rerun.json.status).toBe('succeeded');
    expect(await scalar("select count(*) as n from attribute where key = 'fax'")).toBe(300);
    expect(await scalar('select count(*) as n from definition')).toBe(301);
    expect(await duplicates()).toBe(0);
    expect(await scalar("select count(*) as n from sync_run where status = 'running'")).toBe(0);
    expect(await scalar("select count(*) as n from sync_run where reason = 'Interrupted'")).toBe(
      interrupted ? 1 : 0,
    );
  });

  it('an HTTP reader in a loop sees one whole revision at a time, during a sync and across a killed one', async () => {
    // The reader is a service of its own on the same database (another connection), fed by
    // the syncing processes' NOTIFY, and polled over HTTP on loopback.
    const reader: Service = await startService({
      driver: 'postgresql',
      repo,
      databaseUrl: slot.env.DATABASE_URL,
      startupSync: false,
    });
    interface Observation {
      etag: string | null;
      marks: Set<string>;
      revisions: Set<string>;
    }
    const seen: Observation[] = [];
    const failures: string[] = [];
    let reading = true;
    const markOf = (name: string) => name.split(' ')[1] ?? 'original';
    const loop = (async () => {
      while (reading) {
        const page = await reader.fetch('/api/v1/integrations?limit=100');
        const statesPage = await reader.fetch('/api/v1/manifests?limit=1000');
        if (!page.ok || !statesPage.ok) {
          failures.push(`${page.status} ${statesPage.status}`);
          continue;
        }
        const body = (await page.json()) as { items: Array<{ key: string; name: string }> };
        const states = (await statesPage.json()) as {
          items: Array<{ path: string; revision: string; state: string }>;
        };
        seen.push({
          etag: page.headers.get('etag'),
          marks: new Set(
            body.items.filter((i) => i.key.startsWith('vendor-')).map((i) => markOf(i.name)),
          ),
          revisions: new Set(
            states.items
              .filter((i) => i.path.startsWith('integrations/vendor-') && i.state === 'active')
              .map((i) => i.revision),
          ),
        });
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    try {
      // A sync of 300 changed manifests, read throughout.
      await repo.commit(manyManifests(300, ['fax'], 'B'));
      await repo.push();
      const toB = await regsyncSync({ ...env, REGSYNC_DATA_DIR: `${env.REGSYNC_DATA_DIR}/i2` })
        .done;
      expect(toB.code).toBe(0);
      expect(toB.json.added + toB.json.updated).toBe(300);
      const untilSeen = async (mark: string) => {
        const deadline = Date.now() + 30_000;
        while (!seen.at(-1)?.marks.has(mark) && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 20));
      };
      await untilSeen('B');

      // The next revision, killed while its run is recorded as running; then converged.
      await repo.commit(manyManifests(300, ['fax'], 'C'));
      await repo.push();
      const victim = regsyncSync({ ...env, REGSYNC_DATA_DIR: `${env.REGSYNC_DATA_DIR}/victim2` });
      let exited = false;
      void victim.done.finally(() => (exited = true)).catch(() => undefined);
      const started = Date.now();
      while (!exited && Date.now() - started < 60_000) {
        if ((await scalar("select count(*) as n from sync_run where status = 'running'")) > 0)
          break;
        await new Promise((r) => setTimeout(r, 10));
      }
      victim.kill();
      await victim.done.catch(() => undefined);
      const afterKill = seen.length;
      await new Promise((r) => setTimeout(r, 300));
      const rerun = await regsyncSync({ ...env, REGSYNC_DATA_DIR: `${env.REGSYNC_DATA_DIR}/i2` })
        .done;
      expect(rerun.code).toBe(0);
      await untilSeen('C');
      // Reads right after the kill saw B whole, or C whole if the victim committed first.
      expect(seen.slice(afterKill).length).toBeGreaterThan(0);
      for (const o of seen.slice(afterKill)) expect(o.marks.size).toBe(1);
    } finally {
      reading = false;
      await loop.catch(() => undefined);
      await reader.close();
    }

    // The catalog stays served throughout, the kill included.
    expect(failures).toEqual([]);
    expect(seen.length).toBeGreaterThan(10);
    // Never two revisions in one answer: not in the definitions, not in the states. (Run
    // alone, the test starts on an empty catalog: empty answers may come first, none after.)
    // The two reads of one turn are two answers (the listing may come from the reader's cache,
    // the states from the database), so each is checked on its own.
    const firstMarks = seen.findIndex((o) => o.marks.size > 0);
    const firstRevision = seen.findIndex((o) => o.revisions.size > 0);
    for (const [i, o] of seen.entries()) {
      expect([...o.marks]).toHaveLength(i < firstMarks ? 0 : 1);
      expect([...o.revisions]).toHaveLength(i < firstRevision ? 0 : 1);
    }
    const order = seen.map((o) => [...o.marks][0] ?? 'empty');
    expect(order.at(-1)).toBe('C');
    expect(order).toContain('B');
    // The ETag names one revision's catalog, and moves exactly when the revision does.
    const byEtag = new Map<string | null, Set<string | undefined>>();
    for (const [i, o] of seen.entries()) {
      byEtag.set(o.etag, (byEtag.get(o.etag) ?? new Set()).add(order[i]));
      const before = seen[i - 1];
      if (before) expect(o.etag === before.etag).toBe(order[i] === order[i - 1]);
    }
    expect(byEtag.has(null)).toBe(false);
    for (const marks of byEtag.values()) expect(marks.size).toBe(1);
  });
});
