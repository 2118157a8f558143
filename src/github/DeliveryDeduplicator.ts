import type { Clock } from '../sync/ports.js';

/**
 * Options of `DeliveryDeduplicator`: how many delivery ids it remembers, for how long, and the
 * clock (tests).
 */
export interface DeliveryDeduplicatorOptions {
  /** Most ids remembered; the least recently seen go first. Default 1000. */
  maxEntries?: number;
  /** How long an id is remembered after it was last seen. Default one hour. */
  ttlMs?: number;
  clock?: Clock;
}

const systemClock: Clock = { now: () => new Date() };

/**
 * Remembers recent `X-GitHub-Delivery` ids so a repeated delivery (GitHub retries, a manual
 * "Redeliver", a replayed request) is recognised as already handled. A bounded LRU with a
 * sliding TTL, in memory, per process: enough for a hint to sync earlier, since a duplicate
 * that slips through (after a restart, or on another instance) only costs an idle sync.
 * Check the signature before calling `remember`, so only GitHub's ids take room.
 */
export class DeliveryDeduplicator {
  private readonly seen = new Map<string, number>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly clock: Clock;

  constructor(options: DeliveryDeduplicatorOptions = {}) {
    this.maxEntries = options.maxEntries ?? 1000;
    this.ttlMs = options.ttlMs ?? 60 * 60 * 1000;
    this.clock = options.clock ?? systemClock;
    if (!(this.maxEntries >= 1) || !(this.ttlMs > 0))
      throw new RangeError('maxEntries must be >= 1 and ttlMs > 0');
  }

  /**
   * Records `id` and says whether it is `new` or a `duplicate` of one seen within the TTL.
   * An empty id cannot be deduplicated: it is always `new` and not stored.
   */
  remember(id: string): 'new' | 'duplicate' {
    if (id === '') return 'new';
    const now = this.clock.now().getTime();
    this.expire(now);
    const duplicate = this.seen.has(id);
    this.seen.delete(id); // re-inserted last: Map order is the LRU order
    this.seen.set(id, now);
    while (this.seen.size > this.maxEntries) {
      const oldest = this.seen.keys().next().value;
      if (oldest === undefined) break;
      this.seen.delete(oldest);
    }
    return duplicate ? 'duplicate' : 'new';
  }

  /** Forgets `id`, so a delivery that could not be handled is accepted when GitHub retries it. */
  forget(id: string): void {
    this.seen.delete(id);
  }

  /** Ids currently remembered (expired ones may linger until the next `remember`). */
  get size(): number {
    return this.seen.size;
  }

  /** Drops expired ids; the oldest come first because every hit moves an id to the end. */
  private expire(now: number): void {
    for (const [id, at] of this.seen) {
      if (now - at < this.ttlMs) break;
      this.seen.delete(id);
    }
  }
}
