import { SyncReason } from '../reasons.js';
import type { SyncRunRecord } from '../ports.js';
import type { RunEnv, SyncDeps } from '../SyncContext.js';

/**
 * Whether a finished run gets a row in sync_run. Every run does, except a scheduled poll
 * that found nothing to do: at one poll a minute those would be most of the table, and
 * their outcome is kept in memory and in metrics instead.
 */
export function isRecorded(run: SyncRunRecord): boolean {
  return !(run.trigger === 'schedule' && run.reason === SyncReason.UpToDate);
}

/**
 * The one finalizing step, run after the step loop whatever it ended with: stamps the
 * duration, records the run (and prunes old runs to the retention), tells the other
 * instances when the catalog changed, and writes the run's log line. Nothing here fails
 * the run: a run that could not be recorded is still returned and logged, and the next run
 * records itself.
 */
export async function finalizeRun({ deps, run }: RunEnv): Promise<SyncRunRecord> {
  const { store, log, notifier } = deps;
  run.finishedAt = deps.clock.now();
  run.durationMs = run.finishedAt.getTime() - run.startedAt.getTime();
  if (isRecorded(run)) {
    try {
      await store.saveRun(run);
    } catch (error) {
      log?.error({ runId: run.id, err: (error as Error).message }, 'could not record the sync run');
    }
    await pruneRuns(deps).catch((error: Error) =>
      log?.warn({ err: error.message }, 'could not delete old sync runs'),
    );
  }
  const changed = run.counts.added + run.counts.updated + run.counts.removed;
  if (run.status === 'succeeded' && changed > 0 && notifier && run.toRevision) {
    await notifier.publish(run.toRevision).catch((error: Error) => {
      log?.warn({ err: error.message }, 'could not notify other instances');
    });
  }
  log?.info(
    {
      runId: run.id,
      trigger: run.trigger,
      status: run.status,
      reason: run.reason,
      revision: run.toRevision,
      counts: run.counts,
      durationMs: run.durationMs,
    },
    run.message ?? 'sync finished',
  );
  return run;
}

/**
 * Keeps sync_run bounded: a registry whose check stays pending records a gated run on every
 * poll, which at one poll a minute is over 1,400 rows a day.
 */
async function pruneRuns(deps: SyncDeps): Promise<void> {
  const keep = deps.runRetention;
  if (keep === undefined) return;
  const pruned = await deps.store.pruneRuns(keep);
  if (pruned > 0) deps.log?.info({ pruned, keep }, 'deleted old sync runs');
}
