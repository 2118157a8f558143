import { SyncReason } from '../reasons.js';
import type { SyncStep } from '../SyncContext.js';

/**
 * Writes what changed and nothing else. A valid manifest whose checksum is already stored
 * costs no write. Each changed manifest is saved with its checksum in one transaction by
 * the store, so a failure part-way leaves earlier manifests saved and later ones untouched
 * (the revision does not advance, so the next run picks them up). Invalid manifests are
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
  for (const manifest of ctx.valid) {
    if (ctx.stored.get(manifest.path) === manifest.checksum) {
      counts.unchanged++;
      // Fixed back to exactly the served version: only its state changes.
      if (wasInvalid.has(manifest.path)) recovered.push(manifest.path);
      continue;
    }
    const outcome = await store.saveManifest(manifest, revision);
    counts[outcome]++;
  }
  if (recovered.length > 0) await store.markValid(recovered, revision);
  for (const entry of ctx.invalid) {
    await store.markInvalid(entry.path, entry.findings, revision);
  }
  counts.invalid = ctx.invalid.length;
  ctx.run.invalid = ctx.invalid;
  ctx.run.upgraded = ctx.valid
    .filter((m) => m.upgradedFrom)
    .map((m) => ({ path: m.path, from: m.upgradedFrom ?? '' }));
  if (ctx.deleted.length > 0) {
    await store.markRemoved(ctx.deleted, revision);
    counts.removed = ctx.deleted.filter((path) => ctx.stored.has(path)).length;
  }
  await store.markNeverIngested([], revision, '');
  ctx.run.status = 'succeeded';
  ctx.run.reason = SyncReason.Succeeded;
  ctx.run.message = `synced ${ctx.target?.label ?? revision}${ctx.fullScan ? ' (full scan)' : ''}`;
  return 'continue';
};
