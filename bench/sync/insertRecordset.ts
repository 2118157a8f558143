/**
 * Set-based inserts that send a whole batch as ONE parameter: the rows as a JSON
 * array, unpacked on the server by `jsonb_populate_recordset` into the table's own row type,
 * so every column gets the table's SQL type with no cast list to keep in step with the schema.
 *
 * Kept in bench/ as the contender bulkWrite.ts measures against the ORM's multi-row
 * `insertMany` (one placeholder per value): on 2026-12-07 the ORM's inserts were faster on
 * both databases (see docs/performance.md), so src/db/saveManifests.ts keeps them.
 *
 * Column names come from the entity's MikroORM metadata (src/db/bulk/tableColumns.ts, the
 * same reader the COPY writers use).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  presentColumns,
  quoteIdent as quote,
  tableColumns as tableOf,
  type BulkColumn as Column,
  type BulkEntity as EntityOf,
} from '../../src/db/bulk/tableColumns.js';

/** The rows as the JSON array `jsonb_populate_recordset` reads: SQL column names as keys. */
function rowsJson(rows: readonly object[], columns: readonly Column[]): string {
  const out = (rows as ReadonlyArray<Record<string, unknown>>).map((row) => {
    const record: Record<string, unknown> = {};
    for (const c of columns) {
      if (!(c.property in row)) continue;
      const value = row[c.property];
      record[c.field] = value instanceof Date ? value.toISOString() : (value ?? null);
    }
    return record;
  });
  return JSON.stringify(out);
}

/**
 * Inserts `rows` (entity property names as keys) into `schema`'s table in one statement,
 * inside the caller's transaction. Columns a row leaves out get their table defaults only
 * when no row of the batch names them.
 */
export async function insertRecordset<T extends object>(
  em: EntityManager,
  schema: EntityOf,
  rows: readonly T[],
): Promise<void> {
  if (rows.length === 0) return;
  const { table, columns } = tableOf(em, schema);
  const present = presentColumns(rows, columns);
  const list = present.map((c) => quote(c.field)).join(', ');
  await em.getConnection().execute(
    `insert into ${quote(table)} (${list}) select ${list} from jsonb_populate_recordset(null::${quote(table)}, ?::jsonb)`,
    [rowsJson(rows, present)],
    'run',
    // The caller's transaction: without it the statement would take another connection.
    em.getTransactionContext(),
  );
}
