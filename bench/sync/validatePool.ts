/**
 * Would a worker pool make a full scan's validation faster on this machine? (Issue 13, not a
 * test.) Validates N synthetic manifests (the sync bench's own, as text, the way
 * validateCandidates gets them) on the main thread, and through a piscina pool of 1 and 2
 * worker threads in batches of 64 (the blob reader's batch), the results coming back to the
 * main thread by structured clone as the sync would need them. Checks first that every
 * contender gives byte-identical results (findings, their order, manifests, checksums), then
 * alternates the contenders `--repeat` times and prints, per manifest, the median wall time,
 * the CPU of the whole process (all threads) and the CPU of the main thread alone (from
 * /proc/self/task/<pid>/stat): what the main thread would still spend in a sync, which also
 * reads blobs and writes rows. The load average is printed beside the figures.
 *
 *   node --import tsx bench/sync/validatePool.ts [--manifests 4000] [--repeat 5] [--batch 64]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Piscina } from 'piscina';
import { defaultPluginRegistry } from '../../src/mapping/plugins/index.js';
import { pluginInfos } from '../../src/mapping/plugins/pluginInfos.js';
import {
  validateManifest,
  type ValidateManifestInput,
  type ValidateManifestResult,
} from '../../src/manifest/validateManifest.js';
import type { Finding } from '../../src/manifest/Finding.js';
import type { Manifest } from '../../src/manifest/types.js';
import { syntheticManifest } from './syntheticManifest.js';
import type { TextResult } from './validatePoolWorker.js';

const { values } = parseArgs({
  options: {
    manifests: { type: 'string', default: '4000' },
    repeat: { type: 'string', default: '5' },
    batch: { type: 'string', default: '64' },
  },
});
const n = Number(values.manifests);
const repeat = Number(values.repeat);
const batchSize = Number(values.batch);

const inputs: ValidateManifestInput[] = Array.from({ length: n }, (_, i) => {
  const key = `vendor-${String(i).padStart(6, '0')}`;
  return {
    file: `integrations/${key}/manifest.json`,
    text: `${JSON.stringify(syntheticManifest(key, 0), null, 2)}\n`,
    folder: { kindFolder: 'integrations', name: key },
  };
});
const batches: ValidateManifestInput[][] = [];
for (let i = 0; i < n; i += batchSize) batches.push(inputs.slice(i, i + batchSize));

const plugins = pluginInfos(defaultPluginRegistry());
const pools = [1, 2].map(
  (threads) =>
    new Piscina({
      filename: new URL('./validatePoolWorker.ts', import.meta.url).href,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 60_000,
    }),
);

type Contender = { name: string; run: () => Promise<ValidateManifestResult[]> };
const contenders: Contender[] = [
  { name: 'main thread', run: async () => inputs.map((i) => validateManifest(i, { plugins })) },
  ...pools.map((pool, i) => ({
    name: `pool of ${i + 1} worker${i === 0 ? '' : 's'}`,
    run: async () =>
      (
        await Promise.all(batches.map((b) => pool.run(b) as Promise<ValidateManifestResult[]>))
      ).flat(),
  })),
  {
    // The manifest as JSON text, parsed on the main thread only when needed: here always
    // (as a cold sync needs every manifest), so it shows the whole cost.
    name: 'pool of 2 workers, manifests as JSON text',
    run: async () =>
      (
        await Promise.all(
          batches.map(
            (b) => pools[1]?.run(b, { name: 'validateBatchAsText' }) as Promise<TextResult[]>,
          ),
        )
      )
        .flat()
        .map((r): ValidateManifestResult => {
          if (!r.success) return r as ValidateManifestResult;
          // The keys in validateManifest's order, so the results compare equal as JSON text.
          return {
            success: true,
            manifest: JSON.parse(r.manifestJson) as Manifest,
            checksum: r.checksum,
            findings: r.findings as Finding[],
            ...(r.upgradedFrom ? { upgradedFrom: r.upgradedFrom } : {}),
          };
        }),
  },
];

/** User + system CPU of the main thread in ms (utime and stime of its task, in clock ticks of 10 ms). */
function mainThreadCpuMs(): number {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

// Same results from every contender (this also warms up: ajv compiles, JIT).
const reference = JSON.stringify(await contenders[0]!.run());
for (const c of contenders.slice(1)) {
  if (JSON.stringify(await c.run()) !== reference) throw new Error(`${c.name}: results differ`);
}

const wall = contenders.map(() => [] as number[]);
const cpu = contenders.map(() => [] as number[]);
const mainCpu = contenders.map(() => [] as number[]);
const loads: string[] = [load()];
for (let r = 0; r < repeat; r++) {
  for (const [i, c] of contenders.entries()) {
    const t = performance.now();
    const u = process.cpuUsage();
    const m = mainThreadCpuMs();
    const results = await c.run();
    if (results.length !== n) throw new Error(`${c.name}: ${results.length} results`);
    mainCpu[i]?.push(mainThreadCpuMs() - m);
    const du = process.cpuUsage(u);
    cpu[i]?.push((du.user + du.system) / 1000);
    wall[i]?.push(performance.now() - t);
  }
  loads.push(load());
}
await Promise.all(pools.map((p) => p.destroy()));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const us = (ms: number) => `${((1000 * ms) / n).toFixed(1)} µs`;
console.log(
  `validatePool: ${n} manifests, batches of ${batchSize}, ${repeat} alternating passes, Node ${process.version}; load average ${loads.join(' | ')}`,
);
console.log(
  '| contender | wall / manifest | CPU, all threads | CPU, main thread | wall vs main thread |',
);
console.log('|---|---:|---:|---:|---:|');
for (const [i, c] of contenders.entries()) {
  const ratio = median(wall[i] ?? []) / median(wall[0] ?? []);
  console.log(
    `| ${c.name} | ${us(median(wall[i] ?? []))} | ${us(median(cpu[i] ?? []))} | ${us(median(mainCpu[i] ?? []))} | ${ratio.toFixed(2)}x |`,
  );
}
