import type { FeedHub } from '../feed/FeedHub.js';
import type { ChangeEvent, ChangeFeedReader } from '../feed/ports.js';
import { toCloudEvent } from './cloudEvent.js';
import type { ClaimedDelivery, DeliveryStore, NotifySettings, Receiver } from './ports.js';
import type { SendOptions, SendResult } from './sendWebhook.js';

/** Receives what the dispatcher wants an operator to know; pino's logger fits. */
export interface DispatchLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/** The receivers, the feed it follows, the delivery store it claims rows in, and the sender it calls per attempt. */
export interface WebhookDispatcherOptions {
  settings: NotifySettings;
  hub: FeedHub;
  reader: ChangeFeedReader;
  store: DeliveryStore;
  send: (options: SendOptions) => Promise<SendResult>;
  /** `host:pid`, written into each attempt. */
  instance: string;
  /** How often due retries are looked for, in ms (default 1000). */
  pollMs?: number;
  log?: DispatchLogger;
  now?: () => Date;
  random?: () => number;
}

/** Longest wait between two attempts. */
const MAX_BACKOFF_MS = 10 * 60 * 1000;

/**
 * Whether `receiver` wants `event`: without a filter, always; else when one change matches
 * every list the filter gives.
 */
export function wants(receiver: Receiver, event: ChangeEvent): boolean {
  const f = receiver.filter;
  if (!f) return true;
  return event.changes.some(
    (c) =>
      (!f.kinds || f.kinds.includes(c.kind)) &&
      (!f.keys || f.keys.includes(c.key)) &&
      (!f.changes || f.changes.includes(c.change)),
  );
}

/**
 * The delay before attempt `n + 1` after `n` attempts: `backoffMs * 2^(n-1)`, capped at 10
 * minutes, with "equal jitter" (half fixed, half random) so receivers that failed together
 * are not retried together.
 */
export function backoff(attempts: number, backoffMs: number, random: () => number): number {
  const base = Math.min(backoffMs * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
  return Math.round(base / 2 + random() * (base / 2));
}

/**
 * Delivers every change event to every receiver that wants it, once, across all instances
 * on the database: each instance that sees an event (FeedHub) inserts its delivery rows
 * (idempotent), and sends only the rows it claimed (DeliveryStore.claim). A failed attempt
 * is recorded with its outcome and retried after `backoff` until `maxAttempts`.
 */
export class WebhookDispatcher {
  readonly #o: WebhookDispatcherOptions;
  readonly #byUrl: Map<string, Receiver>;
  #unsubscribe: (() => void) | undefined;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #closed = false;

  constructor(options: WebhookDispatcherOptions) {
    this.#o = options;
    this.#byUrl = new Map(options.settings.receivers.map((r) => [r.url, r]));
  }

  /** Listens to the hub and starts the retry poll; a no-op without receivers. */
  start(): void {
    if (this.#byUrl.size === 0 || this.#unsubscribe) return;
    this.#unsubscribe = this.#o.hub.subscribe((event) => void this.#enqueue(event));
    this.#timer = setInterval(() => void this.kick(), this.#o.pollMs ?? 1000);
    this.#timer.unref();
    void this.kick();
  }

  #now(): Date {
    return this.#o.now?.() ?? new Date();
  }

  async #enqueue(event: ChangeEvent): Promise<void> {
    const receivers = [...this.#byUrl.values()].filter((r) => wants(r, event)).map((r) => r.url);
    try {
      await this.#o.store.enqueue(event.id, receivers, this.#now());
    } catch (error) {
      this.#o.log?.warn(
        { err: (error as Error).message, eventId: event.id },
        'webhooks: could not queue the deliveries of an event; another instance may',
      );
    }
    await this.kick();
  }

  /** Sends what is due now; resolves when this round (and any it queued) is done. */
  kick(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#rounds().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #rounds(): Promise<void> {
    do {
      this.#again = false;
      try {
        for (;;) {
          const claimed = await this.#o.store.claim({
            receivers: [...this.#byUrl.keys()],
            at: this.#now(),
            leaseMs: Math.max(...[...this.#byUrl.values()].map((r) => r.timeoutMs)) + 30_000,
            limit: 10,
          });
          if (claimed.length === 0 || this.#closed) break;
          await Promise.all(claimed.map((c) => this.#deliver(c)));
        }
      } catch (error) {
        this.#o.log?.warn({ err: (error as Error).message }, 'webhooks: a delivery round failed');
        return;
      }
    } while (this.#again && !this.#closed);
  }

  async #deliver(claimed: ClaimedDelivery): Promise<void> {
    const receiver = this.#byUrl.get(claimed.receiver);
    if (!receiver) return;
    const [event] = await this.#o.reader.after(claimed.eventId - 1, 1);
    const started = this.#now();
    const attemptNo = claimed.attemptCount + 1;
    const result: SendResult =
      event && event.id === claimed.eventId
        ? await this.#o.send({
            url: receiver.url,
            secret: receiver.secret,
            id: `msg_${claimed.eventId}`,
            body: JSON.stringify(toCloudEvent(event)),
            timeoutMs: receiver.timeoutMs,
            allowPrivate: this.#o.settings.allowPrivate,
          })
        : { kind: 'failed', status: 0, error: 'the event is no longer retained' };
    const at = this.#now();
    const last = attemptNo >= this.#o.settings.maxAttempts;
    const outcome =
      result.kind === 'retry' && last ? 'failed' : result.kind === 'retry' ? 'retry' : result.kind;
    const status =
      outcome === 'retry'
        ? 'pending'
        : outcome === 'delivered'
          ? 'delivered'
          : outcome === 'refused'
            ? 'refused'
            : 'failed';
    const delay =
      outcome === 'retry'
        ? backoff(attemptNo, this.#o.settings.backoffMs, this.#o.random ?? Math.random)
        : 0;
    await this.#o.store.record(
      claimed.id,
      {
        attempt: attemptNo,
        at: started.toISOString(),
        durationMs: at.getTime() - started.getTime(),
        outcome,
        httpStatus: 'status' in result ? (result.status ?? null) || null : null,
        error: 'error' in result ? result.error : null,
        instance: this.#o.instance,
      },
      { status, nextAttemptAt: new Date(at.getTime() + delay), at },
    );
    if (outcome !== 'delivered')
      this.#o.log?.warn(
        {
          receiver: receiver.url,
          eventId: claimed.eventId,
          attempt: attemptNo,
          outcome,
          error: 'error' in result ? result.error : undefined,
        },
        'webhook delivery did not succeed',
      );
  }

  /** Stops listening and polling, and waits for the round in flight. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#unsubscribe?.();
    if (this.#timer) clearInterval(this.#timer);
    await this.#running?.catch(() => undefined);
  }
}
