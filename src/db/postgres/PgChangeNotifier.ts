import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ChangeNotifier } from '../../sync/ports.js';
import { CATALOG_CHANNEL } from '../catalogChannel.js';
import { openSessionConnection } from './openSessionConnection.js';
import type { SessionConnection } from './openSessionConnection.js';

/** Receives what the notifier wants an operator to know; pino's logger fits. */
export interface NotifierLogger {
  warn(message: string): void;
}

/**
 * Options of `PgChangeNotifier`: the ORM whose connection settings it listens with, a logger,
 * the revision to announce after a lost session, and the reconnect backoff.
 */
export interface PgChangeNotifierOptions {
  orm: MikroORM;
  logger?: NotifierLogger;
  /**
   * Asked after the listening session was lost and re-established: notifications sent in
   * between are gone, so subscribers are told this revision (they must treat a repeated
   * revision as a no-op).
   */
  currentRevision?: () => Promise<string | undefined>;
  /** First reconnect delay; doubles up to 5 s. Default 200 ms. */
  reconnectDelayMs?: number;
  /** The channel; default `regsync_catalog` (the change feed uses `regsync_feed`). */
  channel?: string;
}

/**
 * ChangeNotifier over PostgreSQL LISTEN/NOTIFY on channel `regsync_catalog` (or `channel`). Publishing is a
 * `pg_notify` through the pool; listening holds one dedicated session, opened by the first
 * subscriber, closed with the last, and re-opened with backoff when it fails.
 */
export class PgChangeNotifier implements ChangeNotifier {
  readonly #options: PgChangeNotifierOptions;
  readonly #listeners = new Set<(revision: string) => void>();
  #session: SessionConnection | undefined;
  #connecting: Promise<void> | undefined;
  #retryTimer: NodeJS.Timeout | undefined;
  #retryDelay: number;
  #closed = false;
  readonly #channel: string;

  constructor(options: PgChangeNotifierOptions) {
    this.#options = options;
    this.#channel = options.channel ?? CATALOG_CHANNEL;
    this.#retryDelay = options.reconnectDelayMs ?? 200;
  }

  async publish(revision: string): Promise<void> {
    const em = this.#options.orm.em.fork() as unknown as EntityManager;
    await em.getConnection().execute('select pg_notify(?, ?)', [this.#channel, revision]);
  }

  async subscribe(onChange: (revision: string) => void): Promise<() => Promise<void>> {
    this.#listeners.add(onChange);
    try {
      await this.#connect();
    } catch (error) {
      this.#listeners.delete(onChange);
      throw error;
    }
    return async () => {
      this.#listeners.delete(onChange);
      if (this.#listeners.size === 0) await this.#disconnect();
    };
  }

  /** Stops listening for good (called by the database handle's close()). */
  async close(): Promise<void> {
    this.#closed = true;
    this.#listeners.clear();
    await this.#disconnect();
  }

  #connect(): Promise<void> {
    if (this.#session) return Promise.resolve();
    this.#connecting ??= this.#open().finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  async #open(): Promise<void> {
    const session = await openSessionConnection(this.#options.orm, 'regsync-listen');
    const lost = (reason: string): void => {
      if (this.#session !== session) return;
      this.#session = undefined;
      void discard(session);
      this.#options.logger?.warn(`catalog listener lost (${reason}); reconnecting`);
      this.#scheduleReconnect();
    };
    session.on('notification', (message) => {
      if (message.channel === this.#channel) this.#deliver(message.payload ?? '');
    });
    session.on('error', (error) => lost(error.message));
    session.on('end', () => lost('session ended'));
    try {
      await session.query(`listen ${this.#channel}`);
    } catch (error) {
      await discard(session);
      throw error;
    }
    if (this.#closed || this.#listeners.size === 0) {
      await discard(session);
      return;
    }
    this.#session = session;
  }

  #scheduleReconnect(): void {
    if (this.#closed || this.#listeners.size === 0 || this.#retryTimer) return;
    const delay = this.#retryDelay;
    this.#retryDelay = Math.min(delay * 2, 5_000);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      this.#connect().then(
        () => this.#afterReconnect(),
        (error: Error) => {
          this.#options.logger?.warn(`catalog listener reconnect failed: ${error.message}`);
          this.#scheduleReconnect();
        },
      );
    }, delay);
    this.#retryTimer.unref();
  }

  async #afterReconnect(): Promise<void> {
    this.#retryDelay = this.#options.reconnectDelayMs ?? 200;
    if (!this.#session || !this.#options.currentRevision) return;
    try {
      const revision = await this.#options.currentRevision();
      if (revision) this.#deliver(revision);
    } catch (error) {
      this.#options.logger?.warn(
        `catalog listener could not read the current revision: ${(error as Error).message}`,
      );
    }
  }

  #deliver(revision: string): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(revision);
      } catch (error) {
        this.#options.logger?.warn(`catalog change subscriber failed: ${(error as Error).message}`);
      }
    }
  }

  async #disconnect(): Promise<void> {
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    await this.#connecting?.catch(() => undefined);
    const session = this.#session;
    this.#session = undefined;
    if (session) await discard(session);
  }
}

/** Ends a session we no longer want; its late errors are swallowed (an unhandled one would crash). */
async function discard(session: SessionConnection): Promise<void> {
  session.removeAllListeners();
  session.on('error', () => undefined);
  await session.end().catch(() => undefined);
}
