/**
 * The per-manifest cost of a full scan's CPU part, without git or a database (not a test):
 * validates N synthetic manifests (the sync bench's own, as the sync reads them: text of a
 * blob) the way `validateCandidates` does, and prints the median ms per manifest of
 * `--repeat` passes, with the process's CPU time. `--before DIR` also loads `validateManifest`
 * from another checkout (a before-tree made with `git worktree add` or `git archive`) and
 * alternates the two in this process on the same input, checking they give equal checksums.
 *
 *   node --import tsx bench/sync/validateThroughput.ts [--manifests 2000] [--repeat 7] [--before DIR]
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type * as PluginsIndex from '../../src/mapping/plugins/index.js';
import type * as PluginInfos from '../../src/mapping/plugins/pluginInfos.js';
import type * as ValidateModule from '../../src/manifest/validateManifest.js';
import { syntheticManifest } from './syntheticManifest.js';

const { values } = parseArgs({
  options: {
    manifests: { type: 'string', default: '2000' },
    repeat: { type: 'string', default: '7' },
    before: { type: 'string' },
  },
});
const n = Number(values.manifests);
const repeat = Number(values.repeat);
const here = resolve(import.meta.dirname, '../..');

type Validate = typeof ValidateModule.validateManifest;
/** validateManifest and the default plugins as one checkout's sources define them. */
async function load(tree: string): Promise<{ tree: string; validate: Validate; plugins: unknown }> {
  const url = (rel: string) => pathToFileURL(resolve(tree, rel)).href;
  const { validateManifest } = (await import(
    url('src/manifest/validateManifest.ts')
  )) as typeof ValidateModule;
  const { defaultPluginRegistry } = (await import(
    url('src/mapping/plugins/index.ts')
  )) as typeof PluginsIndex;
  const { pluginInfos } = (await import(
    url('src/mapping/plugins/pluginInfos.ts')
  )) as typeof PluginInfos;
  return { tree, validate: validateManifest, plugins: pluginInfos(defaultPluginRegistry()) };
}
const contenders = [
  ...(values.before ? [await load(resolve(values.before))] : []),
  await load(here),
];

const inputs = Array.from({ length: n }, (_, i) => {
  const key = `vendor-${String(i).padStart(6, '0')}`;
  return {
    file: `integrations/${key}/manifest.json`,
    text: `${JSON.stringify(syntheticManifest(key, 0), null, 2)}\n`,
    folder: { kindFolder: 'integrations' as const, name: key },
  };
});

let sink = 0;
const checksums = new Map<string, string>();
function pass({ validate, plugins }: (typeof contenders)[number]): void {
  for (const input of inputs) {
    const result = validate(input, { plugins } as Parameters<Validate>[1]);
    if (!result.success) throw new Error(`${input.file}: ${result.findings[0]?.message}`);
    // Both trees must give every manifest the same checksum: stored data depends on it.
    const seen = checksums.get(input.file);
    if (seen !== undefined && seen !== result.checksum)
      throw new Error(`${input.file}: checksum differs`);
    checksums.set(input.file, result.checksum);
    sink += result.checksum.length;
  }
}
const wall = contenders.map(() => [] as number[]);
const cpu = contenders.map(() => [] as number[]);
for (const c of contenders) pass(c); // warm-up: ajv compile, JIT
for (let r = 0; r < repeat; r++) {
  contenders.forEach((c, i) => {
    const t = performance.now();
    const u = process.cpuUsage();
    pass(c);
    const du = process.cpuUsage(u);
    wall[i]?.push(performance.now() - t);
    cpu[i]?.push((du.user + du.system) / 1000);
  });
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const perManifest = (ms: number) => `${((1000 * ms) / n).toFixed(1)} µs`;
contenders.forEach((c, i) => {
  console.log(
    `${c.tree}: median wall ${perManifest(median(wall[i] ?? []))}, CPU ${perManifest(median(cpu[i] ?? []))} a manifest (${n} manifests, ${repeat} passes)`,
  );
});
if (contenders.length === 2)
  console.log(
    `after / before: wall ${(median(wall[1] ?? []) / median(wall[0] ?? [])).toFixed(2)}x, CPU ${(median(cpu[1] ?? []) / median(cpu[0] ?? [])).toFixed(2)}x (sink ${sink})`,
  );
