/** The server driver: PostgreSQL through @mikro-orm/postgresql (node-postgres underneath). */
import type { Options } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';

/** Session timeouts set on every pooled connection, in milliseconds (0 or unset: none). */
export interface SessionTimeouts {
  statementMs?: number;
  lockMs?: number;
}

/**
 * ORM options for the database at `databaseUrl` (`postgresql://user:pass@host:port/db`).
 * `statement_timeout` and `lock_timeout` are sent in the startup packet of each pooled
 * connection, so a held table lock or a stalled server ends a statement with SQLSTATE 55P03
 * or 57014 (a 503 DATABASE_TIMEOUT) instead of hanging the request for the whole stall.
 */
export function postgresqlOptions(databaseUrl: string, timeouts: SessionTimeouts = {}): Options {
  const connection: Record<string, number> = {};
  if (timeouts.statementMs) connection.statement_timeout = timeouts.statementMs;
  if (timeouts.lockMs) connection.lock_timeout = timeouts.lockMs;
  return {
    driver: PostgreSqlDriver,
    clientUrl: databaseUrl,
    // Creating the database is an operator's decision, never a side effect of starting up.
    ensureDatabase: false,
    pool: { min: 0, max: 10 },
    // Knex would put the statement with its parameters inlined into error messages.
    driverOptions: { connection, compileSqlOnError: false },
  };
}
