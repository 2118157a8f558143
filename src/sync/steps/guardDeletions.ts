import { SyncReason } from '../reasons.js';
import { STOP, type SyncStep, type Validated } from '../SyncContext.js';

/**
 * Refuses a run that would remove every active manifest, or more than `maxRemoveRatio` of
 * them, unless forced: an empty checkout, a wrong subfolder or a bad branch must never
 * wipe the catalog (a top complaint of Flux and Argo CD users with prune enabled).
 * Stops with `DeletionGuard` before any definition is written; the candidates that were
 * never synced are recorded as `never-ingested` with the reason.
 */
export const guardDeletions: SyncStep<Validated, Validated> = async (
  input,
  { deps, force, run },
) => {
  const active = input.activeCount;
  const removing = input.deleted.filter((path) => input.stored.has(path)).length;
  if (force || active === 0 || removing === 0) return input;
  const share = removing / active;
  if (removing < active && share <= deps.maxRemoveRatio) return input;
  run.status = 'refused';
  run.reason = SyncReason.DeletionGuard;
  run.message =
    `refusing to remove ${removing} of ${active} active manifests (limit ${Math.round(deps.maxRemoveRatio * 100)}%, ` +
    `and never all); check the source, or run "regsync sync --once --force" to accept`;
  run.counts.removed = 0;
  await deps.store.markNeverIngested(
    input.candidates,
    input.target.id,
    `not synced: ${run.message}`,
  );
  return STOP;
};
