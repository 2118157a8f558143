import { SyncReason } from '../reasons.js';
import type { SyncStep, Validated } from '../SyncContext.js';

/**
 * Writes what changed and nothing else. A valid manifest whose checksum is already stored
 * costs no write. Everything the revision changes goes to the store in one
 * `applyRevision`, one transaction: a failure part-way leaves the old revision whole (and
 * the revision does not advance, so the next run writes it all). Invalid manifests are
 * recorded with their findings; their last good version stays served. Deleted manifests
 * are marked removed, never erased. Every manifest at the revision now has a state, so no
 * path is left `never-ingested`. Ends the run as `Succeeded`.
 */
export const applyChanges: SyncStep<Validated, Validated> = async (input, { deps, run }) => {
  const { store } = deps;
  const revision = input.target.id;
  const counts = run.counts;
  // Only a manifest whose checksum is the stored one can be a recovery; a sync that changed
  // every manifest it read (the usual one-change sync) has none, and skips the round trip.
  const unchanged = input.valid.some((m) => input.stored.get(m.path) === m.checksum);
  const wasInvalid = unchanged ? await store.invalidPaths() : new Set<string>();
  const recovered: string[] = [];
  const save = [];
  for (const manifest of input.valid) {
    if (input.stored.get(manifest.path) === manifest.checksum) {
      counts.unchanged++;
      // Fixed back to exactly the served version: only its state changes.
      if (wasInvalid.has(manifest.path)) recovered.push(manifest.path);
    } else save.push(manifest);
  }
  const written = await store.applyRevision({
    revision,
    save,
    recovered,
    invalid: input.invalid,
    removed: input.deleted,
    ...(input.shadowed ? { shadowed: input.shadowed } : {}),
    ...(input.displaced ? { displaced: input.displaced } : {}),
  });
  counts.added += written.added;
  counts.updated += written.updated;
  counts.invalid = input.invalid.length;
  run.invalid = [...input.invalid];
  run.upgraded = input.valid
    .filter((m) => m.upgradedFrom)
    .map((m) => ({ path: m.path, from: m.upgradedFrom ?? '' }));
  if (input.deleted.length > 0)
    counts.removed = input.deleted.filter((path) => input.stored.has(path)).length;
  run.status = 'succeeded';
  run.reason = SyncReason.Succeeded;
  run.message = `synced ${input.target.label}${input.fullScan ? ' (full scan)' : ''}`;
  return input;
};
