/**
 * No-op and one-manifest syncs of two builds of Regsync side by side in one process (not a
 * test): this checkout and an older one unpacked beside it (`git archive <commit> | tar -x -C
 * <dir>`, with a `node_modules` link). Each build has its own PostgreSQL database and its own
 * git mirror of the same synthetic registry; after one cold sync each, the runs alternate
 * (old, new, new, old, ...) so that the load of a shared machine falls on both alike.
 *
 *   node --import tsx bench/sync/abIncremental.ts --before /tmp/regsync-before [--size 10000]
 *     [--repeat 9]
 *
 * A no-op is a scheduled poll of an unmoved branch; a one-manifest change is one commit
 * pushed, then a `webhook` run of each build (as a push webhook starts it). Prints medians and
 * the new/old ratio of each.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createPostgresDatabase } from '../../test/helpers/databases.js';
import { syntheticManifest } from './syntheticManifest.js';
import { buildSyntheticRegistry } from './syntheticRegistry.js';

const { values } = parseArgs({
  options: {
    before: { type: 'string' },
    size: { type: 'string', default: '10000' },
    repeat: { type: 'string', default: '9' },
  },
});
if (!values.before) throw new Error('--before <folder of the older build> is required');
const SIZE = Number(values.size);
const REPEAT = Number(values.repeat);

interface Build {
  name: string;
  run(trigger: 'schedule' | 'webhook' | 'cli'): Promise<{ reason: string; updated: number }>;
  close(): Promise<void>;
}

/** Loads a build's own modules from `root` and wires an engine on a fresh database. */
async function openBuild(name: string, root: string, url: string): Promise<Build> {
  const load = (path: string) => import(join(root, path)) as Promise<Record<string, unknown>>;
  /* eslint-disable @typescript-eslint/no-explicit-any -- two builds' modules, typed by neither */
  const { openDatabase } = (await load('src/db/openDatabase.ts')) as any;
  const { createRegistrySource } = (await load('src/cli/createRegistrySource.ts')) as any;
  const { defaultPluginRegistry } = (await load('src/mapping/plugins/index.ts')) as any;
  const { pluginInfos } = (await load('src/mapping/plugins/pluginInfos.ts')) as any;
  const { SyncEngine } = (await load('src/sync/SyncEngine.ts')) as any;
  const dataDir = await mkdtemp(join(tmpdir(), `regsync-ab-${name}-`));
  const pg = await createPostgresDatabase();
  const db = await openDatabase({ dataDir, databaseUrl: pg.url });
  const engine = new SyncEngine(
    {
      source: createRegistrySource({ registry: url, cacheDir: join(dataDir, 'git') }),
      store: db.store,
      clock: { now: () => new Date() },
      plugins: pluginInfos(defaultPluginRegistry()),
      maxRemoveRatio: 0.5,
    },
    db.lock,
  );
  /* eslint-enable @typescript-eslint/no-explicit-any */
  return {
    name,
    run: async (trigger) => {
      const run = (await engine.run({ trigger })) as {
        reason: string;
        counts: { updated: number };
      };
      return { reason: run.reason, updated: run.counts.updated };
    },
    close: async () => {
      await db.close();
      await pg.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function timed(build: Build, trigger: 'schedule' | 'webhook'): Promise<number> {
  const start = performance.now();
  const run = await build.run(trigger);
  const ms = performance.now() - start;
  if (trigger === 'schedule' && run.reason !== 'UpToDate')
    throw new Error(`${build.name}: no-op was ${run.reason}`);
  if (trigger === 'webhook' && run.updated !== 1)
    throw new Error(`${build.name}: one change updated ${run.updated}`);
  return ms;
}

const repo = await buildSyntheticRegistry(SIZE);
const builds = [
  await openBuild('old', resolve(values.before), repo.url),
  await openBuild('new', resolve('.'), repo.url),
];
const times = new Map(builds.map((b) => [b.name, { noop: [] as number[], one: [] as number[] }]));
try {
  for (const build of builds) await build.run('cli');
  for (let i = 0; i < REPEAT; i++) {
    // Alternate who goes first: whatever the machine does in between falls on both.
    const order = i % 2 === 0 ? builds : [...builds].reverse();
    for (const build of order) times.get(build.name)?.noop.push(await timed(build, 'schedule'));
    const key = `vendor-${String(i * 7).padStart(5, '0')}`;
    await repo.commit({
      [`integrations/${key}/manifest.json`]: `${JSON.stringify(syntheticManifest(key, i + 1), null, 2)}\n`,
    });
    await repo.push();
    for (const build of order) times.get(build.name)?.one.push(await timed(build, 'webhook'));
  }
} finally {
  for (const build of builds) await build.close();
  await repo.cleanup();
}
const [old, now] = [times.get('old'), times.get('new')];
if (!old || !now) throw new Error('no figures');
console.log(
  `\n${SIZE} manifests on PostgreSQL, median of ${REPEAT}, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log('| sync | old build | this build | this / old |\n|---|---:|---:|---:|');
for (const [label, a, b] of [
  ['no-op (scheduled poll)', median(old.noop), median(now.noop)],
  ['one manifest (webhook)', median(old.one), median(now.one)],
] as const)
  console.log(`| ${label} | ${a.toFixed(1)} ms | ${b.toFixed(1)} ms | ${(b / a).toFixed(2)}x |`);
