/** The server driver: PostgreSQL through @mikro-orm/postgresql (node-postgres underneath). */
import type { Options } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';

/** ORM options for the database at `databaseUrl` (`postgresql://user:pass@host:port/db`). */
export function postgresqlOptions(databaseUrl: string): Options {
  return {
    driver: PostgreSqlDriver,
    clientUrl: databaseUrl,
    // Creating the database is an operator's decision, never a side effect of starting up.
    ensureDatabase: false,
    pool: { min: 0, max: 10 },
  };
}
