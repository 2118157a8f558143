import type { MikroORM } from '@mikro-orm/core';
import type { SyncLock } from '../../sync/ports.js';
import { ADVISORY_LOCK_CLASS, SYNC_LOCK_OBJECT } from '../locks.js';
import { openSessionConnection } from './openSessionConnection.js';

/** Receives what the lock wants an operator to know; pino's logger fits. */
export interface LockLogger {
  warn(message: string): void;
}

/**
 * SyncLock across processes: a session-level `pg_try_advisory_lock` on a session opened for
 * the purpose and closed in `finally`. Closing the session releases the lock, and so does a
 * crash (PostgreSQL drops the session). If the session is lost while `fn` runs, the lock is
 * lost with it: this is logged, and `fn` runs to its end (its writes are transactional and
 * idempotent, so a second syncer can only repeat work, never corrupt it).
 */
export class PgAdvisoryLock implements SyncLock {
  readonly #orm: MikroORM;
  readonly #object: number;
  readonly #logger: LockLogger | undefined;

  constructor(options: { orm: MikroORM; object?: number; logger?: LockLogger }) {
    this.#orm = options.orm;
    this.#object = options.object ?? SYNC_LOCK_OBJECT;
    this.#logger = options.logger;
  }

  async tryWithLock<T>(
    fn: () => Promise<T>,
  ): Promise<{ acquired: true; value: T } | { acquired: false }> {
    const session = await openSessionConnection(this.#orm, 'regsync-lock');
    session.on('error', (error) =>
      this.#logger?.warn(`sync lock session lost, the lock is released: ${error.message}`),
    );
    try {
      const { rows } = await session.query('select pg_try_advisory_lock($1, $2) as acquired', [
        ADVISORY_LOCK_CLASS,
        this.#object,
      ]);
      if (rows[0]?.acquired !== true) return { acquired: false };
      const value = await fn();
      return { acquired: true, value };
    } finally {
      // Ending the session releases the lock; no explicit unlock to forget or to fail.
      await session.end().catch(() => undefined);
    }
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
