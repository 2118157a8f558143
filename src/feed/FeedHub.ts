import type { ChangeEvent, ChangeFeedReader, FeedSignal } from './ports.js';

/** Receives what the hub wants an operator to know; pino's logger fits. */
export interface FeedLogger {
  warn(details: object, message: string): void;
}

/** What a FeedHub reads events from and is woken by; the poll is the safety net behind the signal. */
export interface FeedHubOptions {
  reader: ChangeFeedReader;
  signal: FeedSignal;
  /**
   * Safety-net re-read, in ms (default 5000): a NOTIFY lost with its listening session is
   * found by the next poll. The signal is the fast path (well under a second).
   */
  pollMs?: number;
  /** Events read per query (default 100). */
  pageSize?: number;
  log?: FeedLogger;
}

/** A subscriber: called with every new event, in id order, once each. */
export type FeedListener = (event: ChangeEvent) => void;

/**
 * One instance's view of the change feed: it starts at the newest recorded event, and on
 * every signal (and every `pollMs`) reads the events after the last one it saw and hands
 * each to every listener, in id order. One read serves every listener (SSE streams, the
 * webhook dispatcher), however many there are. Reads never overlap: a signal during a read
 * makes one more read after it.
 */
export class FeedHub {
  readonly #options: FeedHubOptions;
  readonly #listeners = new Set<FeedListener>();
  readonly #onEnd = new Set<() => void>();
  #cursor = 0;
  #reading: Promise<void> | undefined;
  #again = false;
  #timer: NodeJS.Timeout | undefined;
  #unsubscribe: (() => Promise<void>) | undefined;
  #started = false;

  constructor(options: FeedHubOptions) {
    this.#options = options;
  }

  /** Id of the newest event the hub has handed out (or found at start). */
  get cursor(): number {
    return this.#cursor;
  }

  /** Reads the newest id, subscribes to the signal and starts the safety poll. */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    this.#cursor = await this.#options.reader.latestId();
    this.#unsubscribe = await this.#options.signal.subscribe(() => void this.wake());
    this.#timer = setInterval(() => void this.wake(), this.#options.pollMs ?? 5000);
    this.#timer.unref();
  }

  /**
   * Adds a listener; returns the function that removes it. `onEnd` is called by
   * `endStreams` (shutdown): an SSE stream ends its response there.
   */
  subscribe(listener: FeedListener, onEnd?: () => void): () => void {
    this.#listeners.add(listener);
    if (onEnd) this.#onEnd.add(onEnd);
    return () => {
      this.#listeners.delete(listener);
      if (onEnd) this.#onEnd.delete(onEnd);
    };
  }

  /** Ends every subscriber that gave an `onEnd` (open SSE streams), so a shutdown can drain. */
  endStreams(): void {
    for (const end of [...this.#onEnd]) end();
  }

  /** Reads what is new now; resolves when this wake-up's read (and any it queued) is done. */
  wake(): Promise<void> {
    if (this.#reading) {
      this.#again = true;
      return this.#reading;
    }
    this.#reading = this.#drain().finally(() => {
      this.#reading = undefined;
    });
    return this.#reading;
  }

  async #drain(): Promise<void> {
    do {
      this.#again = false;
      try {
        await this.#readAll();
      } catch (error) {
        this.#options.log?.warn(
          { err: (error as Error).message },
          'change feed: could not read new events; the next signal or poll retries',
        );
        return;
      }
    } while (this.#again);
  }

  async #readAll(): Promise<void> {
    const size = this.#options.pageSize ?? 100;
    for (;;) {
      const events = await this.#options.reader.after(this.#cursor, size);
      for (const event of events) {
        this.#cursor = event.id;
        for (const listener of [...this.#listeners]) {
          try {
            listener(event);
          } catch (error) {
            this.#options.log?.warn(
              { err: (error as Error).message, eventId: event.id },
              'change feed listener failed',
            );
          }
        }
      }
      if (events.length < size) return;
    }
  }

  /** Stops the poll and the signal; listeners stay until they unsubscribe. */
  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#unsubscribe?.().catch(() => undefined);
    this.#unsubscribe = undefined;
    await this.#reading?.catch(() => undefined);
  }
}
