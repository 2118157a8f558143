import { SyncReason } from '../reasons.js';
import type { SyncStep } from '../SyncContext.js';

/**
 * Refuses a run that would remove every active manifest, or more than `maxRemoveRatio` of
 * them, unless forced: an empty checkout, a wrong subfolder or a bad branch must never
 * wipe the catalog (a top complaint of Flux and Argo CD users with prune enabled).
 * Stops with `DeletionGuard` before any definition is written; the candidates that were
 * never synced are recorded as `never-ingested` with the reason.
 */
export const guardDeletions: SyncStep = async (ctx) => {
  const active = ctx.activeCount;
  const removing = ctx.deleted.filter((path) => ctx.stored.has(path)).length;
  if (ctx.force || active === 0 || removing === 0) return 'continue';
  const share = removing / active;
  if (removing < active && share <= ctx.deps.maxRemoveRatio) return 'continue';
  ctx.run.status = 'refused';
  ctx.run.reason = SyncReason.DeletionGuard;
  ctx.run.message =
    `refusing to remove ${removing} of ${active} active manifests (limit ${Math.round(ctx.deps.maxRemoveRatio * 100)}%, ` +
    `and never all); check the source, or run "regsync sync --once --force" to accept`;
  ctx.run.counts.removed = 0;
  if (ctx.target)
    await ctx.deps.store.markNeverIngested(
      ctx.candidates,
      ctx.target.id,
      `not synced: ${ctx.run.message}`,
    );
  return 'stop';
};
