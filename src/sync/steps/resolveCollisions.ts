import type { Finding } from '../../manifest/Finding.js';
import { placeCopies, type Copy } from '../layers/layerPolicy.js';
import type { ValidManifest } from '../ports.js';
import type { SyncStep, Validated } from '../SyncContext.js';

/**
 * Layered registries only (without `deps.layer` it returns its input): decides, for every
 * changed valid manifest of this source whose key another source also has, which copy is
 * served (src/sync/layers/layerPolicy.ts). A copy that loses to an earlier one it may not
 * override moves to `invalid` with a `key-collision` finding (the earlier stays served);
 * one that a later source overrides or hides goes to `shadowed` (no definition written); one
 * that wins over another source's served copy stays to be saved and names that copy in
 * `displaced`. Reports every path the run changes to the layered sync (`touch`), which
 * re-weighs them once all sources ran. Never stops the run.
 */
export const resolveCollisions: SyncStep<Validated, Validated> = async (input, { deps }) => {
  const { layer } = deps;
  if (!layer) return input;
  const changed = input.valid.filter((m) => input.stored.get(m.path) !== m.checksum);
  layer.touch([
    ...changed.map((m) => m.path),
    ...input.invalid.map((i) => i.path),
    ...input.deleted,
  ]);
  if (changed.length === 0) return input;
  const byOrigin = new Map(layer.layers.map((l) => [l.origin, l]));
  const claims = await layer.claims(changed.map((m) => m.path));
  const others = new Map<string, Copy[]>();
  const servedBy = new Map<string, string>();
  for (const claim of claims) {
    const other = byOrigin.get(claim.origin);
    if (!other || other.origin === layer.self.origin) continue;
    if (claim.served) servedBy.set(claim.path, claim.origin);
    if (claim.served || claim.state === 'active' || claim.state === 'shadowed')
      others.set(claim.path, [
        ...(others.get(claim.path) ?? []),
        { layer: other, path: claim.path },
      ]);
  }
  const keep = new Set<ValidManifest>(input.valid);
  const invalid: Array<{ path: string; findings: Finding[] }> = [...input.invalid];
  const shadowed: Array<{ path: string; checksum: string; detail: string }> = [];
  const displaced: Array<{ origin: string; path: string; detail: string }> = [];
  for (const manifest of changed) {
    const rivals = others.get(manifest.path);
    if (!rivals) continue;
    const { placements } = placeCopies(
      [...rivals, { layer: layer.self, path: manifest.path }],
      layer.layers,
    );
    const mine = placements.get(layer.self.origin);
    if (!mine || mine.kind === 'serve') {
      const current = servedBy.get(manifest.path);
      if (current && current !== layer.self.origin)
        displaced.push({
          origin: current,
          path: manifest.path,
          detail: `overridden by source "${layer.self.name}" (${manifest.path})`,
        });
      continue;
    }
    keep.delete(manifest);
    if (mine.kind === 'shadow')
      shadowed.push({ path: manifest.path, checksum: manifest.checksum, detail: mine.detail });
    else invalid.push({ path: manifest.path, findings: [mine.finding] });
  }
  return {
    ...input,
    valid: input.valid.filter((m) => keep.has(m)),
    invalid,
    shadowed,
    displaced,
  };
};
