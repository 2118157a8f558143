/**
 * Picks the BulkRowWriter for the driver an EntityManager's transaction runs on.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { BulkRowWriter } from './BulkRowWriter.js';
import { PgCopyWriter, type PgCopyClient } from './PgCopyWriter.js';
import { PgliteCopyWriter, type PgliteCopyClient } from './PgliteCopyWriter.js';

/**
 * The writer for `em`'s open transaction, on the same connection the transaction holds (so
 * its rows commit or roll back with everything else the transaction wrote). Throws when
 * `em` is not inside a transaction (a bulk write outside one would take another connection
 * from the pool and escape the revision's atomicity) or runs on another driver: both are
 * programming errors, not database conditions to retry.
 */
export async function bulkWriterOf(em: EntityManager): Promise<BulkRowWriter> {
  const trx = em.getTransactionContext<{ client?: { acquireConnection(): Promise<unknown> } }>();
  if (!trx?.client) {
    throw new Error('bulkWriterOf: a bulk write needs an open transaction');
  }
  // knex's transaction client hands back the connection its transaction runs on and never
  // another one (knex/lib/execution/transaction.js, makeTxClient).
  const connection = await trx.client.acquireConnection();
  if (isPglite(connection)) return new PgliteCopyWriter(em, connection);
  if (isPgClient(connection)) return new PgCopyWriter(em, connection);
  throw new Error('bulkWriterOf: it knows node-postgres and PGlite connections only');
}

// Told apart by shape: importing either driver here would tie the port to both packages.
function isPglite(connection: unknown): connection is PgliteCopyClient {
  return typeof (connection as { execProtocol?: unknown }).execProtocol === 'function';
}

function isPgClient(connection: unknown): connection is PgCopyClient {
  const c = connection as { query?: unknown; connectionParameters?: unknown };
  return typeof c.query === 'function' && c.connectionParameters !== undefined;
}
