import { describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/openDatabase.js';
import { openSessionConnection } from '../../../src/db/postgres/openSessionConnection.js';
import { ADVISORY_LOCK_CLASS } from '../../../src/db/locks.js';
import { forEachDatabase } from '../../helpers/databases.js';

/** Resolves with the next revision `db`'s notifier delivers, or rejects after `ms`. */
function nextChange(
  db: Database,
  ms = 10_000,
): { ready: Promise<void>; revision: Promise<string>; stop(): Promise<void> } {
  let unsubscribe: (() => Promise<void>) | undefined;
  let resolveRevision!: (r: string) => void;
  const revision = new Promise<string>((resolve, reject) => {
    resolveRevision = resolve;
    setTimeout(() => reject(new Error('no notification')), ms).unref();
  });
  const ready = db.notifier
    .subscribe((r) => resolveRevision(r))
    .then((u) => {
      unsubscribe = u;
    });
  return { ready, revision, stop: async () => unsubscribe?.() };
}

/** Takes `db`'s lock and holds it until `release()`; `held` resolves once it is taken. */
function holdLock(db: Database): { held: Promise<void>; release(): void; done: Promise<unknown> } {
  let entered!: () => void;
  let release!: () => void;
  const held = new Promise<void>((r) => (entered = r));
  const gate = new Promise<void>((r) => (release = r));
  const done = db.lock.tryWithLock(async () => {
    entered();
    await gate;
    return 'first';
  });
  return { held, release, done };
}

async function execute(
  db: Database,
  sql: string,
  params: unknown[] = [],
): Promise<Array<Record<string, unknown>>> {
  const em = db.orm.em.fork() as unknown as {
    getConnection(): {
      execute(sql: string, params: unknown[]): Promise<Array<Record<string, unknown>>>;
    };
  };
  return em.getConnection().execute(sql, params);
}

forEachDatabase((fx) => {
  describe('SyncLock', () => {
    it('excludes a second holder while the first runs, and is free again afterwards', async () => {
      const first = holdLock(fx.db);
      await first.held;
      expect(await fx.db.lock.tryWithLock(async () => 'second')).toEqual({ acquired: false });
      first.release();
      expect(await first.done).toEqual({ acquired: true, value: 'first' });
      expect(await fx.db.lock.tryWithLock(async () => 'third')).toEqual({
        acquired: true,
        value: 'third',
      });
    });

    it('is released when the function throws', async () => {
      await expect(
        fx.db.lock.tryWithLock(async () => Promise.reject(new Error('boom'))),
      ).rejects.toThrow('boom');
      expect(await fx.db.lock.tryWithLock(async () => 1)).toEqual({ acquired: true, value: 1 });
    });
  });

  describe('ChangeNotifier', () => {
    it('delivers a published revision to a subscriber, and not after unsubscribing', async () => {
      const change = nextChange(fx.db);
      await change.ready;
      await fx.db.notifier.publish('main@sha1:abc');
      expect(await change.revision).toBe('main@sha1:abc');
      await change.stop();

      const seen: string[] = [];
      const unsubscribe = await fx.db.notifier.subscribe((r) => seen.push(r));
      await unsubscribe();
      await fx.db.notifier.publish('main@sha1:def');
      await new Promise((r) => setTimeout(r, 300));
      expect(seen).toEqual([]);
    });
  });
});

forEachDatabase(
  (fx) => {
    describe('across two instances on one PostgreSQL database', () => {
      it('dedicated sessions are labelled, keep alive and are exempt from idle_session_timeout', async () => {
        const session = await openSessionConnection(fx.db.orm, 'regsync-test');
        try {
          const { rows } = await session.query(
            `select current_setting('application_name') as app, current_setting('tcp_keepalives_idle') as idle, current_setting('idle_session_timeout') as timeout`,
          );
          expect(rows[0]).toEqual({ app: 'regsync-test', idle: '30', timeout: '0' });
        } finally {
          await session.end();
        }
      });

      it('the advisory lock excludes the other instance until released', async () => {
        const other = await fx.openAnother();
        const first = holdLock(fx.db);
        await first.held;
        expect(await other.lock.tryWithLock(async () => 'other')).toEqual({ acquired: false });
        first.release();
        await first.done;
        expect(await other.lock.tryWithLock(async () => 'other')).toEqual({
          acquired: true,
          value: 'other',
        });
      });

      it('keeps one lock session across runs, and replaces one that died while idle', async () => {
        // The backend holding the advisory lock, seen from inside the locked function.
        const holder = async () => {
          const outcome = await fx.db.lock.tryWithLock(() =>
            execute(
              fx.db,
              `select pid from pg_locks where locktype = 'advisory' and granted
                  and classid = ? and objid = 1 and database = (select oid from pg_database where datname = current_database())`,
              [ADVISORY_LOCK_CLASS],
            ),
          );
          if (!outcome.acquired) throw new Error('lock not acquired');
          return outcome.value.map((r) => Number(r.pid));
        };
        const first = await holder();
        expect(first).toHaveLength(1);
        expect(await holder()).toEqual(first);
        await execute(fx.db, 'select pg_terminate_backend(?)', [first[0]]);
        const replaced = await holder();
        expect(replaced).toHaveLength(1);
        expect(replaced).not.toEqual(first);
      });

      it('a holder whose session dies (a crashed process) releases the lock', async () => {
        const other = await fx.openAnother();
        const first = holdLock(fx.db);
        await first.held;
        expect(await other.lock.tryWithLock(async () => 1)).toEqual({ acquired: false });
        await execute(
          other,
          "select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'regsync-lock' and datname = current_database()",
        );
        // The server drops the dead session's locks once the backend has exited.
        await expect
          .poll(() => other.lock.tryWithLock(async () => 2), { timeout: 10_000, interval: 100 })
          .toEqual({ acquired: true, value: 2 });
        first.release();
        await first.done;
      });

      it('NOTIFY reaches the other instance', async () => {
        const other = await fx.openAnother();
        const change = nextChange(other);
        await change.ready;
        await fx.db.notifier.publish('main@sha1:123');
        expect(await change.revision).toBe('main@sha1:123');
        await change.stop();
      });

      it('the listener reconnects after its session is killed and tells subscribers the current revision', async () => {
        const other = await fx.openAnother();
        const received: string[] = [];
        const unsubscribe = await other.notifier.subscribe((r) => received.push(r));
        await fx.db.store.saveRun({
          id: '00000000-0000-4000-8000-0000000000aa',
          trigger: 'manual',
          source: 'test',
          status: 'succeeded',
          reason: 'Succeeded',
          toRevision: 'main@sha1:current',
          counts: { added: 0, updated: 0, unchanged: 0, removed: 0, invalid: 0 },
          invalid: [],
          upgraded: [],
          startedAt: new Date(),
        });
        await execute(
          fx.db,
          "select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'regsync-listen' and datname = current_database()",
        );
        await expect.poll(() => received, { timeout: 10_000 }).toContain('main@sha1:current');
        await fx.db.notifier.publish('main@sha1:after');
        await expect.poll(() => received, { timeout: 10_000 }).toContain('main@sha1:after');
        await unsubscribe();
      });
    });
  },
  ['postgresql'],
);
