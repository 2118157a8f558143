import { schedule, type ScheduledTask } from 'node-cron';
import { reasonPolicy } from '../sync/reasons.js';
import type { SyncRunRecord } from '../sync/ports.js';

/**
 * Options of `PollScheduler`: the cron schedule and its jitter, the run to start, and the
 * backoff after a run whose reason is transient.
 */
export interface PollSchedulerOptions {
  /** node-cron expression (REGSYNC_POLL_CRON). */
  cron: string;
  /** Each tick waits a random 0..jitter seconds first, so a fleet does not fetch at once. */
  jitterSeconds: number;
  /** Starts one scheduled sync and resolves with its outcome. */
  run: () => Promise<SyncRunRecord>;
  /** First retry delay after a failed run; doubles per failure. Default 5 s. */
  retryBaseMs?: number;
  /** Longest retry delay. Default 5 minutes. */
  retryMaxMs?: number;
  random?: () => number;
  log?: { warn(obj: object, msg?: string): void };
}

/**
 * Polls the registry on a cron schedule with jitter, and retries failed runs with capped
 * exponential backoff (full jitter) in between ticks. It never fights a pinned revision:
 * a pinned source resolves to the same commit every time, which the engine treats as a
 * no-op. `noOverlap` only guards this process; the engine's lock guards across processes.
 */
export class PollScheduler {
  private task: ScheduledTask | undefined;
  private timer: NodeJS.Timeout | undefined;
  private retryAt: Date | undefined;
  private failures = 0;
  private stopped = true;
  private readonly random: () => number;

  constructor(private readonly options: PollSchedulerOptions) {
    this.random = options.random ?? Math.random;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.task = schedule(this.options.cron, () => this.tick(true), {
      name: 'regsync-poll',
      noOverlap: true,
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.retryAt = undefined;
    await this.task?.destroy();
    this.task = undefined;
  }

  /** When the next scheduled attempt (a retry or a cron tick) will start. */
  nextRunAt(): Date | undefined {
    const cronNext = this.task?.getNextRun() ?? undefined;
    if (this.retryAt && (!cronNext || this.retryAt < cronNext)) return this.retryAt;
    return cronNext;
  }

  /** Consecutive failed runs so far (0 after a success). */
  get consecutiveFailures(): number {
    return this.failures;
  }

  /**
   * Feeds the outcome of any run (also webhook or manual ones) into the retry policy. The
   * run's reason carries the policy (src/sync/reasons.ts): `transient` retries with backoff;
   * `stalling` (a human or a new revision must act) and `ignore` reset it, and the cron
   * ticks go on as usual.
   */
  observe(run: SyncRunRecord): void {
    if (run.status === 'running' || run.status === 'queued' || run.status === 'skipped') return;
    if (reasonPolicy(run.reason) === 'transient') {
      this.failures++;
      this.scheduleRetry();
    } else {
      this.failures = 0;
      if (this.timer) clearTimeout(this.timer);
      this.timer = undefined;
      this.retryAt = undefined;
    }
  }

  /** Delay before retry number `failures` (1-based): full jitter over a doubling cap. */
  retryDelayMs(failures: number): number {
    const base = this.options.retryBaseMs ?? 5_000;
    const max = this.options.retryMaxMs ?? 300_000;
    const cap = Math.min(max, base * 2 ** Math.min(failures - 1, 20));
    return Math.round(cap / 2 + (this.random() * cap) / 2);
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    const delay = this.retryDelayMs(this.failures);
    this.retryAt = new Date(Date.now() + delay);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.retryAt = undefined;
      void this.tick(false);
    }, delay);
    this.timer.unref();
    this.options.log?.warn(
      { failures: this.failures, retryInMs: delay },
      'sync failed; retrying with backoff',
    );
  }

  private async tick(withJitter: boolean): Promise<void> {
    if (this.stopped) return;
    if (withJitter && this.options.jitterSeconds > 0) {
      const wait = Math.round(this.random() * this.options.jitterSeconds * 1000);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, wait);
        t.unref();
      });
      if (this.stopped) return;
    }
    try {
      this.observe(await this.options.run());
    } catch (error) {
      this.options.log?.warn({ err: (error as Error).message }, 'scheduled sync threw');
      this.failures++;
      this.scheduleRetry();
    }
  }
}
