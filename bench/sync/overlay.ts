/**
 * Overlay benchmark (not a test), issue 14: does a one-manifest change in a private overlay
 * cost more because the overlay sits on a large upstream? Both in the same run, on one
 * database, through LayeredSync (what `regsync serve` runs):
 *
 * 1. reference: the upstream alone (10,000 manifests in a real Git repository), a single
 *    source; REPEAT one-manifest changes pushed to it, each synced;
 * 2. layered: the same database and upstream, now with an overlay (a second Git repository,
 *    a few manifests of its own) listed after it, as an instance that adds an overlay to its
 *    configuration; REPEAT one-manifest changes pushed to the overlay, each synced by a full
 *    cycle (every source polled, as the scheduler does: upstream answers "up to date") and,
 *    beside it, by a run of the overlay alone (what a push webhook naming it starts).
 *
 *   node --import tsx bench/sync/overlay.ts [--size 10000] [--overlay 20] [--driver postgresql] [--repeat 5]
 *
 * Target (docs/performance.md): the overlay change costs no more than the single-source
 * change (ratio layered / single printed; at most 1.0, with the noise of a shared machine).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createRegistrySource } from '../../src/cli/createRegistrySource.js';
import { openDatabase, type Database } from '../../src/db/openDatabase.js';
import { defaultPluginRegistry } from '../../src/mapping/plugins/index.js';
import { pluginInfos } from '../../src/mapping/plugins/pluginInfos.js';
import { LayeredSync, type LayeredRunOptions } from '../../src/sync/layers/LayeredSync.js';
import type { SyncRunRecord } from '../../src/sync/ports.js';
import type { TestRepo } from '../../test/helpers/gitRepos.js';
import { createPostgresDatabase } from '../../test/helpers/databases.js';
import { buildSyntheticRegistry, syntheticFile, syntheticKey } from './syntheticRegistry.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '10000' },
    overlay: { type: 'string', default: '20' },
    driver: { type: 'string', default: 'postgresql' },
    repeat: { type: 'string', default: '5' },
  },
});
const SIZE = Number(values.size);
const OVERLAY = Number(values.overlay);
const DRIVER = values.driver as 'pglite' | 'postgresql';
const REPEAT = Number(values.repeat);

let serial = 0;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);

/** A LayeredSync over `repos` (in order, named), as src/main.ts wires it. */
async function layered(
  db: Database,
  dataDir: string,
  repos: ReadonlyArray<{ name: string; repo: TestRepo }>,
): Promise<LayeredSync> {
  const specs = repos.map(({ name, repo }, i) => ({
    name,
    source: createRegistrySource({
      registry: repo.url,
      cacheDir: i === 0 ? join(dataDir, 'git') : join(dataDir, 'git', 'sources', name),
    }),
    rights: { override: false as const, hide: [] },
  }));
  return new LayeredSync({
    specs,
    store: db.layers,
    lock: db.lock,
    deps: {
      clock: { now: () => new Date() },
      plugins: pluginInfos(defaultPluginRegistry()),
      maxRemoveRatio: 0.5,
    },
  }).init();
}

/** Pushes a new version of `key` to `repo`, syncs, checks one manifest was updated, returns ms. */
async function oneChange(
  repo: TestRepo,
  key: string,
  sync: () => Promise<SyncRunRecord>,
  check: (run: SyncRunRecord) => boolean,
): Promise<number> {
  await repo.commit(syntheticFile(key, ++serial));
  await repo.push();
  const start = performance.now();
  const run = await sync();
  const ms = performance.now() - start;
  if (run.status !== 'succeeded' || !check(run))
    throw new Error(`one-manifest change: ${JSON.stringify({ ...run, invalid: undefined })}`);
  return ms;
}

const upstream = await buildSyntheticRegistry(SIZE, 'vendor');
const overlay = await buildSyntheticRegistry(OVERLAY, 'acme');
const dataDir = await mkdtemp(join(tmpdir(), 'regsync-bench-overlay-'));
const pg = DRIVER === 'postgresql' ? await createPostgresDatabase() : undefined;
const db = await openDatabase({ dataDir, databaseUrl: pg?.url });
try {
  // 1. The upstream alone.
  const single = await layered(db, dataDir, [{ name: 'upstream', repo: upstream }]);
  process.stderr.write(`initial sync of ${SIZE} upstream manifests on ${DRIVER}...\n`);
  const t0 = performance.now();
  const initial = await single.run({ trigger: 'cli' });
  if (initial.counts.added !== SIZE) throw new Error(`initial sync added ${initial.counts.added}`);
  const initialMs = performance.now() - t0;
  const singleMs: number[] = [];
  for (let i = 0; i < REPEAT; i++)
    singleMs.push(
      await oneChange(
        upstream,
        syntheticKey('vendor', i * 7),
        () => single.run({ trigger: 'webhook' }),
        (run) => run.counts.updated === 1,
      ),
    );

  // 2. The same instance with the overlay added after the upstream.
  const both = await layered(db, dataDir, [
    { name: 'upstream', repo: upstream },
    { name: 'acme', repo: overlay },
  ]);
  const first = await both.run({ trigger: 'cli' });
  if (first.counts.added !== OVERLAY) throw new Error(`overlay sync added ${first.counts.added}`);
  const overlayUpdated = (run: SyncRunRecord) =>
    run.sources?.find((s) => s.name === 'acme')?.counts.updated === 1 &&
    run.sources.filter((s) => s.name === 'upstream').every((s) => s.reason === 'UpToDate');
  const cycleMs: number[] = [];
  const onlyMs: number[] = [];
  const options: Record<'cycle' | 'only', LayeredRunOptions> = {
    cycle: { trigger: 'schedule' },
    only: { trigger: 'webhook', sources: ['acme'] },
  };
  for (let i = 0; i < REPEAT; i++) {
    cycleMs.push(
      await oneChange(
        overlay,
        syntheticKey('acme', i % OVERLAY),
        () => both.run(options.cycle),
        overlayUpdated,
      ),
    );
    onlyMs.push(
      await oneChange(
        overlay,
        syntheticKey('acme', (i + 1) % OVERLAY),
        () => both.run(options.only),
        overlayUpdated,
      ),
    );
  }

  const s = median(singleMs);
  const c = median(cycleMs);
  const o = median(onlyMs);
  console.log(
    `\nOverlay benchmark, Node ${process.version}, ${DRIVER}, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}, median of ${REPEAT}; initial sync of ${SIZE} manifests ${fmt(initialMs)}\n`,
  );
  console.log('| one-manifest change | upstream manifests | overlay manifests | median | runs |');
  console.log('|---|---:|---:|---:|---|');
  const runs = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
  console.log(`| single source (reference) | ${SIZE} | — | ${fmt(s)} | ${runs(singleMs)} |`);
  console.log(
    `| in the overlay, every source polled | ${SIZE} | ${OVERLAY} | ${fmt(c)} | ${runs(cycleMs)} |`,
  );
  console.log(
    `| in the overlay, the overlay's run only (webhook) | ${SIZE} | ${OVERLAY} | ${fmt(o)} | ${runs(onlyMs)} |`,
  );
  console.log(
    `\nlayered / single (target <= 1.0): every source polled ${(c / s).toFixed(2)}x, overlay only ${(o / s).toFixed(2)}x`,
  );
} finally {
  await db.close();
  await pg?.drop();
  await rm(dataDir, { recursive: true, force: true });
  await upstream.cleanup();
  await overlay.cleanup();
}
