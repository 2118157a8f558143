import type { Manifest } from '../types.js';
import { byCodeUnit } from './ChangeSink.js';
import { diffManifests } from './diffManifests.js';
import { findRenames } from './findRenames.js';
import type { ManifestChange } from './ManifestChange.js';

/**
 * Every change between two registries, given as registry-relative path → valid manifest
 * (`integrations/<key>/manifest.json`). Manifests are paired by path; of the rest, a removed
 * and an added manifest of the same kind with similar content are one renamed manifest.
 * Changes come grouped by manifest, ordered by kind then key (a rename under its new key).
 */
export function diffRegistries(
  base: ReadonlyMap<string, Manifest>,
  head: ReadonlyMap<string, Manifest>,
): ManifestChange[] {
  const removed = new Map([...base].filter(([path]) => !head.has(path)));
  const added = new Map([...head].filter(([path]) => !base.has(path)));
  const renames = findRenames({
    removed,
    added,
    ignore: ['key', 'name', '$schema'],
    compatible: (a, b) => a.kind === b.kind,
  });
  const pairs: Array<[Manifest | undefined, Manifest | undefined]> = [];
  for (const [path, a] of base) {
    if (head.has(path)) pairs.push([a, head.get(path)]);
  }
  for (const r of renames) pairs.push([r.before, r.after]);
  const renamedFrom = new Set(renames.map((r) => r.from));
  const renamedTo = new Set(renames.map((r) => r.to));
  for (const [path, a] of removed) if (!renamedFrom.has(path)) pairs.push([a, undefined]);
  for (const [path, b] of added) if (!renamedTo.has(path)) pairs.push([undefined, b]);

  const order = (pair: [Manifest | undefined, Manifest | undefined]): string => {
    const m = (pair[1] ?? pair[0]) as Manifest;
    return `${m.kind}\u0000${m.key}\u0000${pair[1] ? 1 : 0}`;
  };
  pairs.sort((p, q) => byCodeUnit(order(p), order(q)));
  return pairs.flatMap(([a, b]) => diffManifests(a, b));
}
