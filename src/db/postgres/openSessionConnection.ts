/**
 * Dedicated PostgreSQL sessions outside the ORM's pool, for what must live on one session:
 * advisory locks and LISTEN. They are made by the knex client MikroORM already configured
 * (same URL, TLS and search path), so no second copy of the connection settings exists.
 */
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/** The part of a node-postgres client these sessions use. */
export interface SessionConnection {
  query(sql: string, params?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
  on(
    event: 'notification',
    listener: (message: { channel: string; payload?: string }) => void,
  ): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  removeAllListeners(event?: string): unknown;
  end(): Promise<void>;
}

interface KnexPgClient {
  acquireRawConnection(): Promise<SessionConnection>;
}

/**
 * Opens a new session labelled `application_name` (visible in pg_stat_activity). The caller
 * owns it and must `end()` it; ending it releases every session-level lock it holds.
 */
export async function openSessionConnection(
  orm: MikroORM,
  applicationName: string,
): Promise<SessionConnection> {
  const em = orm.em as unknown as EntityManager;
  const client = em.getConnection().getKnex().client as unknown as KnexPgClient;
  const connection = await client.acquireRawConnection();
  try {
    // Keepalives make the server notice a vanished client (a frozen VM, a cut network) in
    // about a minute instead of the OS default of hours, and so drop its advisory locks.
    await connection.query(
      `select set_config('application_name', $1, false), set_config('tcp_keepalives_idle', '30', false),
              set_config('tcp_keepalives_interval', '10', false), set_config('tcp_keepalives_count', '3', false)`,
      [applicationName],
    );
    // A session may wait on purpose (pg_advisory_lock until another instance's migrations
    // end): the pool's statement and lock timeouts, meant for requests, do not apply.
    await connection.query(
      `select set_config('statement_timeout', '0', false), set_config('lock_timeout', '0', false)`,
    );
    // These sessions are idle by design: a server-wide idle_session_timeout (PostgreSQL 14+)
    // must not end them. Older servers do not know the setting, which is fine.
    await connection
      .query(`select set_config('idle_session_timeout', '0', false)`)
      .catch(() => undefined);
  } catch (error) {
    await connection.end().catch(() => undefined);
    throw error;
  }
  return connection;
}
