/**
 * The port the cold write goes through for its large inserts: rows sent as data (COPY)
 * on the driver's own connection, inside the caller's transaction, instead of statements
 * MikroORM formats client-side with every value inlined (see docs/performance.md, "Issue 13
 * point 1"). One implementation per driver: `PgCopyWriter` (node-postgres with
 * pg-copy-streams) and `PgliteCopyWriter` (PGlite's `/dev/blob`).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { PgCopyWriter, type PgCopyClient } from './PgCopyWriter.js';
import { PgliteCopyWriter, type PgliteCopyClient } from './PgliteCopyWriter.js';
import type { BulkEntity } from './tableColumns.js';

/** Inserts many rows of one entity at once, on one connection inside one transaction. */
export interface BulkRowWriter {
  /**
   * Inserts `rows` (entity property names as keys, the shape `em.insertMany` takes; every
   * row with the first row's keys) into `schema`'s table. Columns no row names get their
   * table defaults. Rejects, leaving the transaction to roll back, on any database error.
   */
  insert(schema: BulkEntity, rows: readonly object[]): Promise<void>;
}

/**
 * The writer for `em`'s open transaction, on the same connection the transaction holds (so
 * its rows commit or roll back with everything else the transaction wrote). Throws when
 * `em` is not inside a transaction (a bulk write outside one would take another connection
 * from the pool and escape the revision's atomicity) or runs on another driver: both are
 * programming errors, not database conditions to retry.
 */
export async function bulkRowWriter(em: EntityManager): Promise<BulkRowWriter> {
  const trx = em.getTransactionContext<{ client?: { acquireConnection(): Promise<unknown> } }>();
  if (!trx?.client) {
    throw new Error('bulkRowWriter: a bulk write needs an open transaction');
  }
  // knex's transaction client hands back the connection its transaction runs on and never
  // another one (knex/lib/execution/transaction.js, makeTxClient).
  const connection = await trx.client.acquireConnection();
  if (isPglite(connection)) return new PgliteCopyWriter(em, connection);
  if (isPgClient(connection)) return new PgCopyWriter(em, connection);
  throw new Error('bulkRowWriter: it knows node-postgres and PGlite connections only');
}

// Told apart by shape: importing either driver here would tie the port to both packages.
function isPglite(connection: unknown): connection is PgliteCopyClient {
  return typeof (connection as { execProtocol?: unknown }).execProtocol === 'function';
}

function isPgClient(connection: unknown): connection is PgCopyClient {
  const c = connection as { query?: unknown; connectionParameters?: unknown };
  return typeof c.query === 'function' && c.connectionParameters !== undefined;
}
