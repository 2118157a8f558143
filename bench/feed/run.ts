/**
 * Change-feed latency across instances (not a test): three real `regsync serve` processes on
 * one PostgreSQL database and one Git registry, an SSE client on each, and syncs run on each
 * instance in turn. For every event it measures, on each instance, the time from the commit
 * of the revision to the receipt of the event's SSE frame, beside the reference in the same
 * run: `bareRelay.ts`, a process that relays the same NOTIFY to SSE doing nothing else.
 *
 *   node --import tsx bench/feed/run.ts [--syncs 20] [--warmup 2]
 *
 * The commit's moment is when a bare LISTEN session of this process receives the NOTIFY that
 * the recording transaction sends: PostgreSQL delivers it at commit, to every listener at
 * once, so it is the earliest any process can know (on loopback, well under a millisecond
 * after the commit). All times are read with this process's clock (performance.now()).
 * Figures and what they mean: docs/performance.md, "Change feed across instances".
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { FEED_CHANNEL } from '../../src/db/catalogChannel.js';
import { createPostgresDatabase } from '../../test/helpers/databases.js';
import { createTestRepo, type TestRepo } from '../../test/helpers/gitRepos.js';
import { REPO_ROOT } from '../../test/helpers/packageCopy.js';
import { openSse, type SseClient } from '../../test/helpers/sse.js';
import { bundledRegistryFiles } from '../../test/integration/http/service.js';
import { listenBare } from './pgClient.js';

const { values } = parseArgs({
  options: {
    syncs: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '2' },
  },
});
const SYNCS = Number(values.syncs);
const WARMUP = Number(values.warmup);
const ADMIN_TOKEN = 'bench-admin-token-0123456789';

interface Proc {
  name: string;
  url: string;
  child: ChildProcess;
}

/** Spawns `args` with `env`, and resolves with the `url` of its first stdout line that has one. */
function startProcess(name: string, args: string[], env: Record<string, string>): Promise<Proc> {
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name}: no url in 120 s; ${stderr}`)),
      120_000,
    );
    child.on('exit', (code) => reject(new Error(`${name} exited ${code}: ${stderr}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let entry: { url?: string; level?: number; msg?: string };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        return;
      }
      if (entry.level !== undefined && entry.level >= 50)
        process.stderr.write(`${name}: ${line}\n`);
      if (entry.url) {
        clearTimeout(timer);
        resolve({ name, url: entry.url, child });
      }
    });
  });
}

async function until(what: string, check: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A regsync serve process on `databaseUrl`, ready (its /readyz answers 200). */
async function startInstance(n: number, databaseUrl: string, repo: TestRepo): Promise<Proc> {
  const dataDir = await mkdtemp(join(tmpdir(), `regsync-bench-feed-${n}-`));
  const proc = await startProcess(
    `instance ${n}`,
    ['--import', 'tsx', 'src/cli/main.ts', 'serve'],
    {
      DATABASE_URL: databaseUrl,
      REGSYNC_REGISTRY: repo.url,
      REGSYNC_DATA_DIR: dataDir,
      REGSYNC_ADMIN_TOKEN: ADMIN_TOKEN,
      REGSYNC_POLL_CRON: '0 0 1 1 *',
      REGSYNC_LOG_LEVEL: 'info',
      PORT: '0',
      REGSYNC_HOST: '127.0.0.1',
    },
  );
  dataDirs.push(dataDir);
  await until(`instance ${n} ready`, async () => {
    const res = await fetch(`${proc.url}/readyz`).catch(() => undefined);
    return res?.status === 200;
  });
  return proc;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
}

function summary(samples: number[]): { n: number; median: number; p95: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, median: quantile(s, 0.5), p95: quantile(s, 0.95), max: s.at(-1) ?? NaN };
}

const database = await createPostgresDatabase();
const repo = await createTestRepo(await bundledRegistryFiles());
const procs: Proc[] = [];
const dataDirs: string[] = [];
const streams: SseClient[] = [];
const committedAt = new Map<number, number>();
const bare = await listenBare(database.url, FEED_CHANNEL, (id) =>
  committedAt.set(Number(id), performance.now()),
);
try {
  // The first migrates and syncs the registry; the other two find it done.
  procs.push(await startInstance(1, database.url, repo));
  procs.push(...(await Promise.all([2, 3].map((n) => startInstance(n, database.url, repo)))));
  procs.push(
    await startProcess('bare relay', ['--import', 'tsx', 'bench/feed/bareRelay.ts'], {
      DATABASE_URL: database.url,
    }),
  );
  for (const p of procs) streams.push(await openSse(`${p.url}/api/v1/events`));
  const instances = procs.slice(0, 3);

  const ran: number[] = [];
  const others: number[] = [];
  const relay: number[] = [];
  const path = 'integrations/zendesk/manifest.json';
  const manifest = JSON.parse(await readFile(join(repo.work, path), 'utf8')) as {
    description: string;
  };
  for (let i = 0; i < WARMUP + SYNCS; i++) {
    const by = i % 3;
    manifest.description = `Zendesk, change ${i} synced by instance ${by + 1}.`;
    await repo.commit({ [path]: `${JSON.stringify(manifest, null, 2)}\n` });
    await repo.push('main');
    const known = new Set(committedAt.keys());
    const res = await fetch(`${instances[by]!.url}/api/v1/sync`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    if (res.status !== 202) throw new Error(`POST /sync: ${res.status} ${await res.text()}`);
    const { runId } = (await res.json()) as { runId: string };
    await until('the NOTIFY', async () => [...committedAt.keys()].some((id) => !known.has(id)));
    const id = Math.max(...committedAt.keys());
    const t0 = committedAt.get(id) as number;
    const frames = await Promise.all(streams.map((s) => s.waitFor((f) => f.id === String(id))));
    if (i >= WARMUP)
      frames.forEach((frame, j) => {
        const ms = frame.at - t0;
        if (j === 3) relay.push(ms);
        else (j === by ? ran : others).push(ms);
      });
    await until('the run', async () => {
      const run = (await (
        await fetch(`${instances[by]!.url}/api/v1/sync/runs/${runId}`)
      ).json()) as {
        status: string;
      };
      if (run.status === 'failed') throw new Error(`sync ${i} failed`);
      return run.status === 'succeeded';
    });
    // Syncs a moment apart, so that no event arrives while the previous one is being read.
    await new Promise((r) => setTimeout(r, 100));
  }

  const all = summary([...ran, ...others]);
  const ref = summary(relay);
  const row = (name: string, s: ReturnType<typeof summary>) =>
    `${name.padEnd(34)} ${String(s.n).padStart(4)} ${s.median.toFixed(2).padStart(8)} ${s.p95.toFixed(2).padStart(8)} ${s.max.toFixed(2).padStart(8)}`;
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}; ${SYNCS} syncs (+${WARMUP} warm-up), each instance syncing in turn`,
  );
  console.log(
    `${'commit → SSE frame received (ms)'.padEnd(34)} ${'n'.padStart(4)} ${'median'.padStart(8)} ${'p95'.padStart(8)} ${'max'.padStart(8)}`,
  );
  console.log(row('instance that ran the sync', summary(ran)));
  console.log(row('the two other instances', summary(others)));
  console.log(row('all three instances', all));
  console.log(row('reference: bare LISTEN→SSE relay', ref));
  console.log(
    `ratio instances / reference: median ${(all.median / ref.median).toFixed(1)}x, p95 ${(all.p95 / ref.p95).toFixed(1)}x; ` +
      `within a second on every instance: ${all.max < 1000 ? 'yes' : 'NO'} (max ${all.max.toFixed(1)} ms)`,
  );
} finally {
  for (const s of streams) s.close();
  await Promise.all(
    procs.map(
      (p) =>
        new Promise<void>((resolve) => {
          if (p.child.exitCode !== null) return resolve();
          p.child.removeAllListeners('exit');
          p.child.on('exit', () => resolve());
          p.child.kill('SIGTERM');
        }),
    ),
  );
  await bare.end();
  for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
  await database.drop();
  await repo.cleanup();
}
