import { SyncReason } from '../reasons.js';
import type { SyncStep } from '../SyncContext.js';

/**
 * Asks the source for the revision to sync to (cheap: `ls-remote` for Git) and reads the
 * last synced revision. Sets `target` and `previous`. Stops with `UpToDate` when nothing
 * moved and the run is not forced: nothing is fetched, read or written, and a scheduled
 * poll is not even recorded (its outcome is kept in memory and in metrics).
 */
export const resolveTarget: SyncStep = async (ctx) => {
  ctx.previous = await ctx.deps.store.lastSyncedRevision();
  ctx.run.fromRevision = ctx.previous;
  ctx.target = await ctx.deps.source.resolveRevision();
  ctx.run.toRevision = ctx.target.id;
  if (ctx.previous === ctx.target.id && !ctx.force) {
    ctx.run.status = 'succeeded';
    ctx.run.reason = SyncReason.UpToDate;
    ctx.run.message = `already at ${ctx.target.label}`;
    ctx.record = ctx.run.trigger !== 'schedule';
    return 'stop';
  }
  return 'continue';
};
