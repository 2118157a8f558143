import { SyncReason } from '../reasons.js';
import type { SyncStep } from '../SyncContext.js';

/**
 * Writes what changed and nothing else. A valid manifest whose checksum is already stored
 * costs no write. Everything the revision changes goes to the store in one
 * `applyRevision`, one transaction: a failure part-way leaves the old revision whole (and
 * the revision does not advance, so the next run writes it all). Invalid manifests are
 * recorded with their findings; their last good version stays served. Deleted manifests
 * are marked removed, never erased. Every manifest at the revision now has a state, so no
 * path is left `never-ingested`. Ends the run as `Succeeded`.
 */
export const applyChanges: SyncStep = async (ctx) => {
  const { store } = ctx.deps;
  const revision = ctx.target?.id;
  if (!revision) throw new Error('applyChanges runs after resolveTarget');
  const counts = ctx.run.counts;
  const wasInvalid = ctx.valid.length > 0 ? await store.invalidPaths() : new Set<string>();
  const recovered: string[] = [];
  const save = [];
  for (const manifest of ctx.valid) {
    if (ctx.stored.get(manifest.path) === manifest.checksum) {
      counts.unchanged++;
      // Fixed back to exactly the served version: only its state changes.
      if (wasInvalid.has(manifest.path)) recovered.push(manifest.path);
    } else save.push(manifest);
  }
  const written = await store.applyRevision({
    revision,
    save,
    recovered,
    invalid: ctx.invalid,
    removed: ctx.deleted,
  });
  counts.added += written.added;
  counts.updated += written.updated;
  counts.invalid = ctx.invalid.length;
  ctx.run.invalid = ctx.invalid;
  ctx.run.upgraded = ctx.valid
    .filter((m) => m.upgradedFrom)
    .map((m) => ({ path: m.path, from: m.upgradedFrom ?? '' }));
  if (ctx.deleted.length > 0)
    counts.removed = ctx.deleted.filter((path) => ctx.stored.has(path)).length;
  ctx.run.status = 'succeeded';
  ctx.run.reason = SyncReason.Succeeded;
  ctx.run.message = `synced ${ctx.target?.label ?? revision}${ctx.fullScan ? ' (full scan)' : ''}`;
  return 'continue';
};
