import { leftCatalogUnchanged, SyncReason } from '../sync/reasons.js';
import type { SyncEngine } from '../sync/SyncEngine.js';

import type { CatalogState } from './CatalogState.js';
import type { HttpMetrics } from './metrics/HttpMetrics.js';
import type { FollowedSource, StartedSync, SyncControl } from './ports.js';
import type { SyncRunOptions, SyncRunRecord } from './syncTypes.js';

/** What ObservedSync drives: a SyncEngine, or the layered sync of several sources. */
export type SyncRunner = Pick<SyncEngine, 'running' | 'lastResult'> & {
  start(options: SyncRunOptions): ReturnType<SyncEngine['start']>;
};

/** The part of PollScheduler this class feeds. */
export interface RetryPolicy {
  observe(run: SyncRunRecord): void;
  nextRunAt(): Date | undefined;
}

/**
 * What `ObservedSync` wraps: the engine, the metrics and catalog state it updates after each
 * run, the source it reports on, and an optional logger.
 */
export interface ObservedSyncOptions {
  engine: SyncRunner;
  metrics: HttpMetrics;
  state: CatalogState;
  source: SyncControl['source'];
  /** Every configured source, in order. */
  sources: readonly FollowedSource[];
  /** The newest run this process finished of a source, by name (its engine's lastResult). */
  lastRunOf: (name: string) => SyncRunRecord | undefined;
  log?: { warn(obj: object, msg?: string): void };
}

/** How many runs the database may not hold (queued, or not recorded) are remembered. */
const KEEP = 100;

/**
 * SyncControl over the SyncEngine: every run started through it (startup, webhook, manual
 * and the scheduler's polls) is observed once when it ends: metrics, catalog caches, and,
 * for runs the scheduler did not start itself, the scheduler's retry policy. Runs the
 * database does not hold yet (queued behind another) or never will (a poll that found
 * nothing, a run skipped because another instance holds the lock) are kept in memory so
 * `GET /sync/runs/:id` can answer for the id a 202 handed out.
 */
export class ObservedSync implements SyncControl {
  private readonly memory = new Map<string, SyncRunRecord>();
  private readonly watched = new Set<string>();
  private scheduler: RetryPolicy | undefined;
  readonly source: SyncControl['source'];
  readonly sources: readonly FollowedSource[];

  constructor(private readonly options: ObservedSyncOptions) {
    this.source = options.source;
    this.sources = options.sources;
  }

  lastRunOf(name: string): SyncRunRecord | undefined {
    return this.options.lastRunOf(name);
  }

  /** Lets outcomes of webhook, manual and startup runs drive the poller's backoff. */
  attachScheduler(scheduler: RetryPolicy): void {
    this.scheduler = scheduler;
  }

  get running(): boolean {
    return this.options.engine.running;
  }

  get lastResult(): SyncRunRecord | undefined {
    return this.options.engine.lastResult;
  }

  nextRunAt(): Date | undefined {
    return this.scheduler?.nextRunAt();
  }

  pendingRun(id: string): SyncRunRecord | undefined {
    return this.memory.get(id);
  }

  start(options: SyncRunOptions): StartedSync {
    const queued = this.options.engine.running;
    const started = this.options.engine.start(options);
    if (!this.watched.has(started.id)) {
      this.watched.add(started.id);
      this.remember(placeholder(started.id, options, this.source.description, queued));
      started.done.then(
        (run) => this.finished(run, options),
        (error: unknown) => {
          this.watched.delete(started.id);
          this.memory.delete(started.id);
          this.options.log?.warn(
            { err: (error as Error).message, runId: started.id },
            'sync run threw',
          );
        },
      );
    }
    return started;
  }

  private finished(run: SyncRunRecord, options: SyncRunOptions): void {
    this.watched.delete(run.id);
    this.remember(run);
    this.options.metrics.syncFinished(run);
    if (!leftCatalogUnchanged(run)) this.options.state.changed();
    void this.options.state.refresh().catch(() => undefined);
    if (options.trigger !== 'schedule') this.scheduler?.observe(run);
  }

  private remember(run: SyncRunRecord): void {
    this.memory.delete(run.id);
    this.memory.set(run.id, run);
    if (this.memory.size > KEEP) {
      const oldest = this.memory.keys().next();
      if (!oldest.done) this.memory.delete(oldest.value);
    }
  }
}

function placeholder(
  id: string,
  options: SyncRunOptions,
  source: string,
  queued: boolean,
): SyncRunRecord {
  return {
    id,
    trigger: options.trigger,
    source,
    status: queued ? 'queued' : 'running',
    reason: queued ? SyncReason.Queued : SyncReason.Progressing,
    counts: { added: 0, updated: 0, unchanged: 0, removed: 0, invalid: 0 },
    invalid: [],
    upgraded: [],
    startedAt: new Date(),
  };
}
