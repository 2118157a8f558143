import type { MikroORM } from '@mikro-orm/core';
import type { SyncLock } from '../../sync/ports.js';
import { ADVISORY_LOCK_CLASS, SYNC_LOCK_OBJECT } from '../locks.js';
import { openSessionConnection, type SessionConnection } from './openSessionConnection.js';

/** Receives what the lock wants an operator to know; pino's logger fits. */
export interface LockLogger {
  warn(message: string): void;
}

/**
 * SyncLock across processes: a session-level `pg_try_advisory_lock` on a session of its own.
 * A crash releases the lock (PostgreSQL drops the session with the process). If the session
 * is lost while `fn` runs, the lock is lost with it: this is logged, and `fn` runs to its end
 * (its writes are transactional and idempotent, so a second syncer can only repeat work,
 * never corrupt it).
 *
 * The session is opened on first use and kept between runs, and each run unlocks
 * explicitly: opening one per run (a connection, a backend process on the server, four
 * statements to set it up, and its teardown) cost more than the rest of a no-op poll's
 * database work. A session that fails a statement is closed and, for the lock itself,
 * replaced once; an unlock that fails closes the session, which releases the lock. A run of
 * this process while another holds the lock is refused here, as a second session would
 * have been (session locks are re-entrant, so the server would grant it).
 */
export class PgAdvisoryLock implements SyncLock {
  readonly #orm: MikroORM;
  readonly #object: number;
  readonly #logger: LockLogger | undefined;
  #session: Promise<SessionConnection> | undefined;
  #held = false;
  #closed = false;

  constructor(options: { orm: MikroORM; object?: number; logger?: LockLogger }) {
    this.#orm = options.orm;
    this.#object = options.object ?? SYNC_LOCK_OBJECT;
    this.#logger = options.logger;
  }

  async tryWithLock<T>(
    fn: () => Promise<T>,
  ): Promise<{ acquired: true; value: T } | { acquired: false }> {
    if (this.#held || this.#closed) return { acquired: false };
    this.#held = true;
    try {
      const session = await this.#lock();
      if (!session) return { acquired: false };
      try {
        return { acquired: true, value: await fn() };
      } finally {
        await session
          .query('select pg_advisory_unlock($1, $2)', [ADVISORY_LOCK_CLASS, this.#object])
          .catch(() => this.#drop(session));
      }
    } finally {
      this.#held = false;
    }
  }

  /** Ends the kept session (and with it any lock it holds); later calls are refused. */
  async close(): Promise<void> {
    this.#closed = true;
    const session = await this.#session?.catch(() => undefined);
    this.#session = undefined;
    await session?.end().catch(() => undefined);
  }

  /** The kept session if it took the lock, undefined if another session holds it. */
  async #lock(): Promise<SessionConnection | undefined> {
    for (let attempt = 0; ; attempt++) {
      const session = await this.#open();
      try {
        const { rows } = await session.query('select pg_try_advisory_lock($1, $2) as acquired', [
          ADVISORY_LOCK_CLASS,
          this.#object,
        ]);
        return rows[0]?.acquired === true ? session : undefined;
      } catch (error) {
        // A kept session can have died while idle (a server restart, a terminated
        // backend): one fresh session is tried before the run fails.
        await this.#drop(session);
        if (attempt > 0) throw error;
      }
    }
  }

  #open(): Promise<SessionConnection> {
    this.#session ??= openSessionConnection(this.#orm, 'regsync-lock').then(
      (session) => {
        session.on('error', (error) => {
          // Idle, it held nothing: the next run opens a new one.
          if (this.#held)
            this.#logger?.warn(`sync lock session lost, the lock is released: ${error.message}`);
          void this.#drop(session);
        });
        return session;
      },
      (error: unknown) => {
        this.#session = undefined;
        throw error;
      },
    );
    return this.#session;
  }

  async #drop(session: SessionConnection): Promise<void> {
    if (this.#session && (await this.#session.catch(() => undefined)) === session)
      this.#session = undefined;
    await session.end().catch(() => undefined);
  }
}

/**
 * Runs `fn` holding the blocking advisory lock `object` (waits for it), on its own session.
 * Used around migrations so that instances starting together do not race.
 */
export async function withAdvisoryLock<T>(
  orm: MikroORM,
  object: number,
  fn: () => Promise<T>,
): Promise<T> {
  const session = await openSessionConnection(orm, 'regsync-migrate');
  session.on('error', () => undefined);
  try {
    await session.query('select pg_advisory_lock($1, $2)', [ADVISORY_LOCK_CLASS, object]);
    return await fn();
  } finally {
    await session.end().catch(() => undefined);
  }
}
