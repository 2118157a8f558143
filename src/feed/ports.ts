/**
 * The change feed's model and ports. A change event is what one sync run changed in the
 * served catalog, recorded in the same transaction as the revision write (src/db
 * recordChangeEvent.ts), so the feed never announces a catalog that was rolled back and
 * never misses one that was committed. Ids are monotonic: syncs are serialised by the sync
 * lock (an advisory lock across instances), so events commit in id order.
 */

/** What happened to one definition, by kind and key. */
export type ChangeKind = 'added' | 'updated' | 'removed';

/** One definition's change; the checksums are `sha256:<hex>` of the canonical manifest. */
export interface DefinitionChange {
  kind: 'integration' | 'template';
  key: string;
  change: ChangeKind;
  /** The checksum served before; null when added. */
  oldChecksum: string | null;
  /** The checksum served now; null when removed. */
  newChecksum: string | null;
}

/** One recorded change of the catalog. */
export interface ChangeEvent {
  /** Monotonic, from 1; the SSE `id` and the `after` cursor. */
  id: number;
  /** Catalog revision after the change. */
  revision: string;
  /** Catalog revision before it (the last synced one); null for the first sync. */
  previousRevision: string | null;
  recordedAt: Date;
  /** Sorted by kind, then key. */
  changes: DefinitionChange[];
}

/** Where a cursor stands against the retained history. */
export type CursorCheck =
  | { ok: true }
  /** Events after the cursor were pruned (or the cursor is from another database): resync. */
  | { ok: false; oldestId: number | null; latestId: number | null };

/** Reads the recorded events (MikroOrmChangeFeed on PGlite or PostgreSQL). */
export interface ChangeFeedReader {
  /** Events with id > `after`, oldest first, at most `limit`. */
  after(after: number, limit: number): Promise<ChangeEvent[]>;
  /** Id of the newest event, 0 when none was recorded. */
  latestId(): Promise<number>;
  /**
   * Whether every event after `after` is still retained: false when some were pruned by the
   * retention, or when `after` is beyond the newest id (a cursor of another database).
   */
  checkCursor(after: number): Promise<CursorCheck>;
}

/**
 * Wakes the feed when an event may have been recorded: LISTEN/NOTIFY on PostgreSQL (the
 * NOTIFY is sent inside the recording transaction, so it arrives after the commit), an
 * in-process hub on PGlite. A wake-up carries no data; the feed reads what is new.
 */
export interface FeedSignal {
  /** Returns an unsubscribe function. */
  subscribe(onSignal: () => void): Promise<() => Promise<void>>;
}

/** How long the feed keeps events: both bounds apply (docs/configuration.md, "Change feed"). */
export interface FeedRetention {
  /** Newest events kept (REGSYNC_FEED_RETENTION_EVENTS). */
  maxEvents: number;
  /** Events older than this are pruned (REGSYNC_FEED_RETENTION_HOURS). */
  maxAgeMs: number;
}

/** 1,000 events and 7 days: the defaults of REGSYNC_FEED_RETENTION_EVENTS and _HOURS. */
export const DEFAULT_FEED_RETENTION: FeedRetention = {
  maxEvents: 1000,
  maxAgeMs: 7 * 24 * 3600 * 1000,
};
