/**
 * The outbound webhooks' model and ports: who receives events (settings from
 * src/config/notifySettings.ts), and the delivery rows every instance on one database shares
 * (MikroOrmDeliveryStore), claimed by one instance at a time.
 */
import type { ChangeKind } from '../feed/ports.js';

/** Which events a receiver wants: at least one change must match every given list. */
export interface ReceiverFilter {
  kinds?: Array<'integration' | 'template'>;
  keys?: string[];
  changes?: ChangeKind[];
}

/** One configured receiver. */
export interface Receiver {
  url: string;
  /** `whsec_<base64>`: the Standard Webhooks secret of this receiver. */
  secret: string;
  filter?: ReceiverFilter;
  timeoutMs: number;
}

/** The outbound webhook settings (docs/configuration.md, "Outbound webhooks"). */
export interface NotifySettings {
  receivers: Receiver[];
  /** Send to loopback, private, link-local and metadata addresses (REGSYNC_NOTIFY_ALLOW_PRIVATE). */
  allowPrivate: boolean;
  /** Attempts per event and receiver, the first included (REGSYNC_NOTIFY_MAX_ATTEMPTS). */
  maxAttempts: number;
  /** First retry delay; doubles per attempt, with jitter, up to 10 minutes (REGSYNC_NOTIFY_BACKOFF_MS). */
  backoffMs: number;
}

/** One attempt as the delivery log keeps it. */
export interface DeliveryAttempt {
  attempt: number;
  at: string;
  durationMs: number;
  /** `retry`: 5xx, 429, network error or timeout, tried again later; `failed`: another status, or the last attempt. */
  outcome: 'delivered' | 'retry' | 'failed' | 'refused';
  httpStatus: number | null;
  error: string | null;
  instance: string;
}

/** A delivery's state: pending (due or retrying), delivered (a 2xx), failed (attempts used up), refused (the address policy). */
export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'refused';

/** A delivery row, as the log lists it. */
export interface Delivery {
  id: string;
  eventId: number;
  receiver: string;
  status: DeliveryStatus;
  attemptCount: number;
  nextAttemptAt: Date;
  attempts: DeliveryAttempt[];
  createdAt: Date;
  updatedAt: Date;
}

/** A delivery an instance claimed: it alone sends it until `leaseUntil`. */
export interface ClaimedDelivery {
  id: string;
  eventId: number;
  receiver: string;
  attemptCount: number;
}

/** The delivery rows on the shared database. */
export interface DeliveryStore {
  /** One pending row per event and receiver; a row that exists already is left alone. */
  enqueue(eventId: number, receivers: readonly string[], at: Date): Promise<void>;
  /**
   * Claims at most `limit` due pending rows of `receivers` no other instance holds (`for
   * update skip locked`), leasing them until `at + leaseMs`.
   */
  claim(options: {
    receivers: readonly string[];
    at: Date;
    leaseMs: number;
    limit: number;
  }): Promise<ClaimedDelivery[]>;
  /** Appends an attempt and sets the outcome: final status, or pending again at `nextAttemptAt`. */
  record(
    id: string,
    attempt: DeliveryAttempt,
    next: { status: DeliveryStatus; nextAttemptAt: Date; at: Date },
  ): Promise<void>;
  /** The log, oldest event first, after a cursor (`[eventId, receiver]`). */
  list(options: {
    after?: [number, string];
    limit: number;
    status?: DeliveryStatus;
  }): Promise<Delivery[]>;
}
