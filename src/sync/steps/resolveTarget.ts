import { SyncReason } from '../reasons.js';
import { STOP, type SyncStep, type Targeted } from '../SyncContext.js';

/**
 * Asks the source for the revision to sync to (cheap: `ls-remote` for Git) and reads the
 * last synced revision. Sets `target` and `previous`. Stops with `UpToDate` when nothing
 * moved and the run is not forced: nothing is fetched, read or written, and a scheduled
 * poll is not even recorded (`finalizeRun` decides that from the reason; its outcome is
 * kept in memory and in metrics).
 */
export const resolveTarget: SyncStep<void, Targeted> = async (_input, { deps, force, run }) => {
  // Side by side: a database round trip and a git process (ls-remote), neither needing the
  // other. A failing source is reported once the last revision is read, as before.
  const resolving = deps.source.resolveRevision({ changeExpected: run.trigger === 'webhook' });
  resolving.catch(() => undefined);
  const previous = await deps.store.lastSyncedRevision();
  run.fromRevision = previous;
  const target = await resolving;
  run.toRevision = target.id;
  if (previous === target.id && !force) {
    run.status = 'succeeded';
    run.reason = SyncReason.UpToDate;
    run.message = `already at ${target.label}`;
    return STOP;
  }
  return { target, previous };
};
