/**
 * A bulk-insert contender for bulkWrite.ts (not used by src/): `INSERT ... SELECT * FROM
 * unnest($1::text[], $2::text[], ...)`, one array parameter per column (cast per column in the select), bound by the
 * driver's own client (node-postgres or PGlite) on the transaction's connection. Through the
 * ORM's connection it cannot run: knex expands an array parameter into a list.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { columnText } from '../../src/db/bulk/copyText.js';
import {
  presentColumns,
  quoteIdent,
  tableColumns,
  type BulkEntity,
} from '../../src/db/bulk/tableColumns.js';

interface Queryable {
  query(sql: string, params: unknown[]): Promise<unknown>;
}

/** Inserts `rows` into `schema`'s table with one unnest statement on `em`'s transaction connection. */
export async function insertUnnest(
  em: EntityManager,
  schema: BulkEntity,
  rows: readonly object[],
): Promise<void> {
  if (rows.length === 0) return;
  const trx = em.getTransactionContext<{ client: { acquireConnection(): Promise<Queryable> } }>();
  if (!trx) throw new Error('insertUnnest needs a transaction');
  const connection = await trx.client.acquireConnection();
  const { table, columns } = tableColumns(em, schema);
  const present = presentColumns(rows, columns);
  const list = present.map((c) => quoteIdent(c.field)).join(', ');
  const arrays = present.map((c) =>
    (rows as ReadonlyArray<Record<string, unknown>>).map((row) => columnText(row[c.property], c)),
  );
  // Every array is sent as text[] and each column cast in the select: PGlite serializes a
  // parameter by its declared type, and the text forms are what both drivers can send.
  const args = present.map((_, i) => `$${i + 1}::text[]`).join(', ');
  const names = present.map((_, i) => `c${i}`);
  const casts = present.map((c, i) => `u.c${i}::${c.sqlType}`).join(', ');
  await connection.query(
    `insert into ${quoteIdent(table)} (${list}) select ${casts} from unnest(${args}) as u(${names.join(', ')})`,
    arrays,
  );
}
