/**
 * Profiles one phase of a sync (not a test): builds a synthetic registry of N manifests, then
 * records a V8 CPU profile (node:inspector) around only the phase asked for, so building the
 * registry and the warm-up stay out of it.
 *
 *   node --import tsx bench/sync/profile.ts [--size 1000] [--phase initial|one|noop|full]
 *     [--driver postgresql|pglite] [--out /tmp/regsync-sync.cpuprofile] [--repeat 5]
 *
 * `one` and `noop` run an initial sync first and profile `--repeat` runs of the phase. The
 * summary printed at the end is self time by function (top 25); open the .cpuprofile in
 * Chrome DevTools for the tree.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../src/db/openDatabase.js';
import { createRegistrySource } from '../../src/cli/createRegistrySource.js';
import { defaultPluginRegistry } from '../../src/mapping/plugins/index.js';
import { pluginInfos } from '../../src/mapping/plugins/pluginInfos.js';
import { SyncEngine } from '../../src/sync/SyncEngine.js';
import { createTestRepo } from '../../test/helpers/gitRepos.js';
import { createPostgresDatabase } from '../../test/helpers/databases.js';
import { syntheticManifest } from './syntheticManifest.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '1000' },
    phase: { type: 'string', default: 'initial' },
    driver: { type: 'string', default: 'postgresql' },
    out: { type: 'string', default: join(tmpdir(), 'regsync-sync.cpuprofile') },
    repeat: { type: 'string', default: '5' },
  },
});
const size = Number(values.size);
const repeat = Number(values.repeat);
const phase = values.phase;

const repo = await createTestRepo();
const files: Record<string, string> = {};
for (let i = 0; i < size; i++) {
  const key = `vendor-${String(i).padStart(6, '0')}`;
  files[`integrations/${key}/manifest.json`] =
    `${JSON.stringify(syntheticManifest(key, 0), null, 2)}\n`;
}
await repo.commit(files, `${size} manifests`);
await repo.push();

const dataDir = await mkdtemp(join(tmpdir(), 'regsync-prof-'));
const pg = values.driver === 'postgresql' ? await createPostgresDatabase() : undefined;
const db = await openDatabase({ dataDir, databaseUrl: pg?.url });
const source = createRegistrySource({ registry: repo.url, cacheDir: join(dataDir, 'git') });
const engine = new SyncEngine(
  {
    source,
    store: db.store,
    clock: { now: () => new Date() },
    plugins: pluginInfos(defaultPluginRegistry()),
    maxRemoveRatio: 0.5,
  },
  db.lock,
);

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 200 });

let serial = 0;
const times: number[] = [];
/** CPU time of this process (not git's) in the phase's runs: steadier than wall time under load. */
const cpuTimes: number[] = [];
async function timedRun(fn: () => Promise<unknown>): Promise<void> {
  const t = performance.now();
  const cpu = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(cpu);
  times.push(performance.now() - t);
  cpuTimes.push((used.user + used.system) / 1000);
}
try {
  if (phase === 'initial') {
    await session.post('Profiler.start');
    await timedRun(() => engine.run({ trigger: 'cli' }));
  } else {
    await engine.run({ trigger: 'cli' });
    await session.post('Profiler.start');
    for (let i = 0; i < (phase === 'full' ? 1 : repeat); i++) {
      if (phase === 'one') {
        await session.post('Profiler.stop');
        const key = `vendor-${String(i * 7).padStart(6, '0')}`;
        await repo.commit({
          [`integrations/${key}/manifest.json`]: `${JSON.stringify(syntheticManifest(key, ++serial), null, 2)}\n`,
        });
        await repo.push();
        await session.post('Profiler.start');
      }
      await timedRun(() =>
        engine.run({ trigger: phase === 'full' ? 'manual' : 'webhook', force: phase === 'full' }),
      );
    }
  }
  // `one` restarts the profiler per run, so only the last run is in the profile.
  const { profile } = await session.post('Profiler.stop');
  await writeFile(values.out, JSON.stringify(profile));
  const self = new Map<string, number>();
  const dt = profile.timeDeltas ?? [];
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  (profile.samples ?? []).forEach((id, i) => {
    const node = byId.get(id);
    if (!node) return;
    const f = node.callFrame;
    const name = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
    self.set(name, (self.get(name) ?? 0) + (dt[i] ?? 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(
    `${phase} at ${size}: runs ${times.map((t) => t.toFixed(1)).join(', ')} ms (CPU ${cpuTimes.map((t) => t.toFixed(1)).join(', ')} ms); profile ${total.toFixed(0)} ms -> ${values.out}`,
  );
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(
      `${ms.toFixed(1).padStart(9)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${name}`,
    );
} finally {
  session.disconnect();
  await db.close();
  await pg?.drop();
  await rm(dataDir, { recursive: true, force: true });
  await repo.cleanup();
}
