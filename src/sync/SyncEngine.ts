import { randomUUID } from 'node:crypto';
import { loggableError } from '../errors/loggableError.js';
import { failureReason, SyncReason, type StepArea } from './reasons.js';
import type { SyncContext, SyncDeps, SyncStep } from './SyncContext.js';
import type { SyncLock, SyncRunRecord, SyncTrigger } from './ports.js';
import { resolveTarget } from './steps/resolveTarget.js';
import { checkGate } from './steps/checkGate.js';
import { listCandidates } from './steps/listCandidates.js';
import { validateCandidates } from './steps/validateCandidates.js';
import { guardDeletions } from './steps/guardDeletions.js';
import { applyChanges } from './steps/applyChanges.js';

/**
 * The reconcile loop, as an ordered list of steps with one signature (Flux's
 * source-controller pattern). Each step's doc comment is its contract: what it sets and
 * when it stops the run.
 */
export const SYNC_STEPS: ReadonlyArray<{ name: string; step: SyncStep; area: StepArea }> = [
  { name: 'resolveTarget', step: resolveTarget, area: 'source' },
  // Candidates are listed before the gate so that a held revision can still say which of its
  // manifests were never synced (GET /manifests, state never-ingested).
  { name: 'listCandidates', step: listCandidates, area: 'source' },
  { name: 'checkGate', step: checkGate, area: 'gate' },
  { name: 'validateCandidates', step: validateCandidates, area: 'source' },
  { name: 'guardDeletions', step: guardDeletions, area: 'store' },
  { name: 'applyChanges', step: applyChanges, area: 'store' },
];

export interface SyncRunOptions {
  trigger: SyncTrigger;
  /** Compare every manifest and lift the deletion guard. */
  force?: boolean;
}

/** A run that has started: its id is known before it ends (what `POST /sync` returns). */
export interface StartedRun {
  id: string;
  done: Promise<SyncRunRecord>;
}

/**
 * Runs syncs one at a time. Within the process, triggers that arrive while a run is going
 * are coalesced into one follow-up run (a burst of webhooks costs one extra run, not many);
 * across processes the optional lock lets one instance sync while the others keep serving.
 */
export class SyncEngine {
  private current: StartedRun | undefined;
  private queued: StartedRun | undefined;
  private queuedOptions: SyncRunOptions | undefined;
  private lastRun: SyncRunRecord | undefined;

  constructor(
    private readonly deps: SyncDeps,
    private readonly lock?: SyncLock,
  ) {}

  /** The newest run this process finished (recorded or not). */
  get lastResult(): SyncRunRecord | undefined {
    return this.lastRun;
  }

  /** True while a run is in progress in this process. */
  get running(): boolean {
    return this.current !== undefined;
  }

  /** Resolves once no run is in progress or queued (graceful shutdown lets a sync finish). */
  async idle(): Promise<void> {
    while (this.current || this.queued) {
      await (this.queued ?? this.current)?.done.catch(() => undefined);
    }
  }

  /** Starts a run now, or queues one behind the run in progress; resolves when it ends. */
  run(options: SyncRunOptions): Promise<SyncRunRecord> {
    return this.start(options).done;
  }

  /** Like `run`, but hands back the run id at once. */
  start(options: SyncRunOptions): StartedRun {
    if (!this.current && !this.queued) {
      this.current = this.launch(randomUUID(), options);
      return this.current;
    }
    if (this.queued) {
      // Coalesce: the queued run will see everything this trigger would have.
      if (options.force && this.queuedOptions) this.queuedOptions.force = true;
      return this.queued;
    }
    const id = randomUUID();
    const queuedOptions: SyncRunOptions = { ...options };
    this.queuedOptions = queuedOptions;
    const before = this.current?.done ?? Promise.resolve();
    const done = before
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        this.queuedOptions = undefined;
        this.current = this.launch(id, queuedOptions);
        return this.current.done;
      });
    this.queued = { id, done };
    return this.queued;
  }

  private launch(id: string, options: SyncRunOptions): StartedRun {
    const done = this.execute(id, options).finally(() => {
      if (this.current?.id === id) this.current = undefined;
    });
    return { id, done };
  }

  private async execute(id: string, options: SyncRunOptions): Promise<SyncRunRecord> {
    const run = this.newRecord(id, options.trigger);
    if (!this.lock) return this.finish(await this.steps(run, options));
    const outcome = await this.lock.tryWithLock(() => this.steps(run, options));
    if (outcome.acquired) return this.finish(outcome.value);
    run.status = 'skipped';
    run.reason = SyncReason.LockHeld;
    run.message = 'another instance is syncing; this one keeps serving';
    run.finishedAt = this.deps.clock.now();
    run.durationMs = run.finishedAt.getTime() - run.startedAt.getTime();
    return this.finish({ run, record: false });
  }

  private finish(result: { run: SyncRunRecord; record: boolean }): SyncRunRecord {
    this.lastRun = result.run;
    return result.run;
  }

  private newRecord(id: string, trigger: SyncTrigger): SyncRunRecord {
    return {
      id,
      trigger,
      source: this.deps.source.description,
      status: 'running',
      reason: SyncReason.Progressing,
      counts: { added: 0, updated: 0, unchanged: 0, removed: 0, invalid: 0 },
      invalid: [],
      upgraded: [],
      startedAt: this.deps.clock.now(),
    };
  }

  /**
   * Keeps sync_run bounded: a registry whose check stays pending records a gated run on every
   * poll, which at one poll a minute is over 1,400 rows a day.
   */
  private async pruneRuns(): Promise<void> {
    const keep = this.deps.runRetention;
    if (keep === undefined) return;
    const pruned = await this.deps.store.pruneRuns(keep);
    if (pruned > 0) this.deps.log?.info({ pruned, keep }, 'deleted old sync runs');
  }

  private async steps(
    run: SyncRunRecord,
    options: SyncRunOptions,
  ): Promise<{ run: SyncRunRecord; record: boolean }> {
    const { store, log } = this.deps;
    const ctx: SyncContext = {
      deps: this.deps,
      force: options.force ?? false,
      run,
      record: true,
      fullScan: false,
      candidates: [],
      deleted: [],
      symlinks: [],
      stored: new Map(),
      activeCount: 0,
      valid: [],
      invalid: [],
    };
    // Explicit triggers are visible at once; a scheduled poll only once it finds work.
    let saved = false;
    const interrupted = await store.closeInterruptedRuns(run.id, run.startedAt);
    if (interrupted > 0)
      log?.warn(
        { runId: run.id, interrupted },
        'closed sync runs left unfinished by a stopped process',
      );
    if (options.trigger !== 'schedule') {
      await store.saveRun(run);
      saved = true;
    }
    for (const { name, step, area } of SYNC_STEPS) {
      try {
        if (!saved && name !== 'resolveTarget') {
          await store.saveRun(run);
          saved = true;
        }
        if ((await step(ctx)) === 'stop') break;
      } catch (error) {
        const err = error as Error & { code?: string };
        run.status = 'failed';
        run.reason = failureReason(area, error);
        run.message = `${name}: ${loggableError(error).message}${err.code ? ` (${err.code})` : ''}`;
        log?.error({ runId: run.id, step: name, code: err.code }, run.message);
        break;
      }
    }
    run.finishedAt = this.deps.clock.now();
    run.durationMs = run.finishedAt.getTime() - run.startedAt.getTime();
    if (saved || ctx.record) {
      try {
        await store.saveRun(run);
      } catch (error) {
        // The run's outcome is still returned and logged; the next run records itself.
        log?.error(
          { runId: run.id, err: (error as Error).message },
          'could not record the sync run',
        );
      }
      await this.pruneRuns().catch((error: Error) =>
        log?.warn({ err: error.message }, 'could not delete old sync runs'),
      );
    }
    const changed = run.counts.added + run.counts.updated + run.counts.removed;
    if (run.status === 'succeeded' && changed > 0 && this.deps.notifier && ctx.target) {
      await this.deps.notifier.publish(ctx.target.id).catch((error: Error) => {
        log?.warn({ err: error.message }, 'could not notify other instances');
      });
    }
    log?.info(
      {
        runId: run.id,
        trigger: run.trigger,
        status: run.status,
        reason: run.reason,
        revision: ctx.target?.label,
        counts: run.counts,
        durationMs: run.durationMs,
      },
      run.message ?? 'sync finished',
    );
    return { run, record: saved || ctx.record };
  }
}
