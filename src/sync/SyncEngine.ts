import { randomUUID } from 'node:crypto';
import { SyncReason } from './reasons.js';
import type { RunEnv, SyncDeps } from './SyncContext.js';
import type { SyncLock, SyncRunRecord, SyncTrigger } from './ports.js';
import { SyncPipeline } from './pipeline.js';
import { resolveTarget } from './steps/resolveTarget.js';
import { checkGate } from './steps/checkGate.js';
import { listCandidates } from './steps/listCandidates.js';
import { validateCandidates } from './steps/validateCandidates.js';
import { guardDeletions } from './steps/guardDeletions.js';
import { resolveCollisions } from './steps/resolveCollisions.js';
import { applyChanges } from './steps/applyChanges.js';
import { finalizeRun } from './steps/finalizeRun.js';

/**
 * The reconcile loop, as an ordered chain of steps (Flux's source-controller pattern). Each
 * step's doc comment is its contract: what it returns and when it stops the run. The chain
 * is typed: each step takes what the one before it returns, so the compiler keeps the order.
 * After the chain, whatever it ended with, `finalizeRun` records, prunes, notifies and logs.
 */
export const SYNC_PIPELINE = SyncPipeline.take<void>()
  .step('resolveTarget', 'source', resolveTarget)
  // Candidates are listed before the gate so that a held revision can still say which of its
  // manifests were never synced (GET /manifests, state never-ingested).
  .step('listCandidates', 'source', listCandidates)
  .step('checkGate', 'gate', checkGate)
  .step('validateCandidates', 'source', validateCandidates)
  .step('guardDeletions', 'store', guardDeletions)
  // Layered registries only (a no-op for one source): which copy of a shared key is served.
  .step('resolveCollisions', 'store', resolveCollisions)
  .step('applyChanges', 'store', applyChanges);

/**
 * How one run is asked for: who triggered it, and whether it is forced (compare every manifest,
 * lift the deletion guard).
 */
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
    // Not recorded: the instance holding the lock records the run it is doing.
    run.status = 'skipped';
    run.reason = SyncReason.LockHeld;
    run.message = 'another instance is syncing; this one keeps serving';
    run.finishedAt = this.deps.clock.now();
    run.durationMs = run.finishedAt.getTime() - run.startedAt.getTime();
    return this.finish(run);
  }

  private finish(run: SyncRunRecord): SyncRunRecord {
    this.lastRun = run;
    return run;
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
   * One run under the lock: close runs a dead process left open, persist this one as
   * running (an explicit trigger at once, a scheduled poll only once it finds work, so a
   * quiet poll writes nothing), run the chain, then finalize.
   *
   * That bookkeeping runs beside the first step (asking the source for its revision, a git
   * process of 10 to 20 ms) instead of before it: on a no-op poll its round trips were half
   * the run. Nothing in the first step reads what it writes; every later step, and the
   * final record (which must land after the "running" one), wait for it; a failure of it
   * fails the run as it did when it came first.
   */
  private async steps(run: SyncRunRecord, options: SyncRunOptions): Promise<SyncRunRecord> {
    const { store } = this.deps;
    const env: RunEnv = { deps: this.deps, force: options.force ?? false, run };
    let saved = options.trigger !== 'schedule';
    const bookkeeping = this.bookkeeping(run, saved);
    // Awaited below (and before every later step); this only keeps a failure from being
    // reported as unhandled while the first step is still running.
    bookkeeping.catch(() => undefined);
    await SYNC_PIPELINE.run(undefined, env, {
      beforeStep: async (name) => {
        if (name === 'resolveTarget') return;
        await bookkeeping;
        if (saved) return;
        await store.saveRun(run);
        saved = true;
      },
    });
    await bookkeeping;
    return finalizeRun(env);
  }

  /** Closes the runs a stopped process left open and, when `save`, records this one as running. */
  private async bookkeeping(run: SyncRunRecord, save: boolean): Promise<void> {
    const { store, log } = this.deps;
    const [interrupted] = await Promise.all([
      store.closeInterruptedRuns(run.id, run.startedAt),
      save ? store.saveRun(run) : undefined,
    ]);
    if (interrupted > 0)
      log?.warn(
        { runId: run.id, interrupted },
        'closed sync runs left unfinished by a stopped process',
      );
  }
}
