import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PollScheduler } from './PollScheduler.js';
import type { SyncRunRecord } from '../sync/ports.js';
import type { SyncReasonValue } from '../sync/reasons.js';

function run(status: SyncRunRecord['status'], reason: SyncReasonValue): SyncRunRecord {
  return {
    id: 'r',
    trigger: 'schedule',
    source: 'test',
    status,
    reason,
    counts: { added: 0, updated: 0, unchanged: 0, removed: 0, invalid: 0 },
    invalid: [],
    upgraded: [],
    startedAt: new Date(),
  };
}

describe('PollScheduler', () => {
  let scheduler: PollScheduler | undefined;
  afterEach(async () => {
    await scheduler?.stop();
  });

  it('keeps retry delays within [cap/2, cap] of a doubling cap, bounded by the maximum', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (failures, r) => {
          const s = new PollScheduler({
            cron: '0 0 1 1 *',
            jitterSeconds: 0,
            run: async () => run('succeeded', 'Succeeded'),
            retryBaseMs: 1000,
            retryMaxMs: 60_000,
            random: () => r,
          });
          const cap = Math.min(60_000, 1000 * 2 ** (failures - 1));
          const delay = s.retryDelayMs(failures);
          return delay >= cap / 2 && delay <= cap;
        },
      ),
    );
  });

  it('retries a failed run with backoff and stops retrying after a success', async () => {
    const outcomes = [
      run('failed', 'SourceUnreachable'),
      run('failed', 'SourceUnreachable'),
      run('succeeded', 'Succeeded'),
    ];
    const calls: number[] = [];
    const started = Date.now();
    let resolveDone!: () => void;
    const done = new Promise<void>((resolve) => (resolveDone = resolve));
    scheduler = new PollScheduler({
      cron: '0 0 1 1 *',
      jitterSeconds: 0,
      retryBaseMs: 20,
      retryMaxMs: 200,
      random: () => 0.5,
      run: async () => {
        calls.push(Date.now() - started);
        const next = outcomes.shift() ?? run('succeeded', 'Succeeded');
        if (outcomes.length === 0) setTimeout(resolveDone, 100);
        return next;
      },
    });
    scheduler.start();
    scheduler.observe(run('failed', 'SourceUnreachable'));
    expect(scheduler.consecutiveFailures).toBe(1);
    expect(scheduler.nextRunAt()!.getTime()).toBeLessThan(Date.now() + 1000);
    await done;
    expect(calls).toHaveLength(3);
    expect(scheduler.consecutiveFailures).toBe(0);
    // Delays grow: 15 ms (cap 20), 30 ms (cap 40), 60 ms (cap 80) with random 0.5.
    expect(calls[2]! - calls[1]!).toBeGreaterThanOrEqual(calls[1]! - calls[0]!);
    expect(scheduler.nextRunAt()!.getTime()).toBeGreaterThan(Date.now() + 86_400_000);
  });

  it('does not retry a refused or misconfigured run: that needs a human', () => {
    scheduler = new PollScheduler({
      cron: '0 0 1 1 *',
      jitterSeconds: 0,
      run: async () => run('succeeded', 'Succeeded'),
    });
    scheduler.start();
    scheduler.observe(run('refused', 'DeletionGuard'));
    scheduler.observe(run('failed', 'SourceMisconfigured'));
    expect(scheduler.consecutiveFailures).toBe(0);
  });
});
