/**
 * Several instances on one PostgreSQL, as separate processes running the real CLI: they sync
 * the same commits concurrently, one at a time under the advisory lock, and never duplicate a
 * row. A process killed mid-sync converges on the next run.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/db/openDatabase.js';
import { createTestRepo, type TestRepo } from '../../helpers/gitRepos.js';
import { integrationManifest } from '../../helpers/manifests.js';
import { databaseSlot, type DatabaseSlot } from './runtimeFixture.js';
import { CLI_FROM_SOURCES } from '../../helpers/cli.js';

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

function manyManifests(n: number, extra: string[] = []): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    const key = `vendor-${String(i).padStart(4, '0')}`;
    files[file(key)] = pretty(integrationManifest({ key, extraAttributes: extra }));
  }
  return files;
}

describe('instances sharing one PostgreSQL', () => {
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
});
