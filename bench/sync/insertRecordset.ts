/**
 * Set-based inserts that send a whole batch as ONE parameter: the rows as a JSON
 * array, unpacked on the server by `jsonb_populate_recordset` into the table's own row type,
 * so every column gets the table's SQL type with no cast list to keep in step with the schema.
 *
 * Kept in bench/ as the contender bulkWrite.ts measures against the ORM's multi-row
 * `insertMany` (one placeholder per value): on 2026-12-07 the ORM's inserts were faster on
 * both databases (see docs/performance.md), so src/db/saveManifests.ts keeps them.
 *
 * Column names come from the entity's MikroORM metadata, so a column another change adds to
 * an entity is written here too, without editing this file.
 */
import type { EntityManager } from '@mikro-orm/postgresql';

/** One property's column: its SQL name and how its value is written into the JSON. */
interface Column {
  property: string;
  field: string;
  /** A `json` property is stored as jsonb: its value goes in as JSON, not as a string of it. */
  json: boolean;
}

/** An entity schema, as far as these helpers need it (any `EntitySchema` fits). */
export interface EntityOf {
  meta: { className: string };
}

const columnsCache = new WeakMap<object, { table: string; columns: Column[] }>();

/** The table and the columns of `schema`, from the ORM's discovered metadata. */
function tableOf(em: EntityManager, schema: EntityOf): { table: string; columns: Column[] } {
  const cached = columnsCache.get(schema);
  if (cached) return cached;
  const meta = em.getMetadata().get(schema.meta.className);
  const columns: Column[] = [];
  for (const prop of Object.values(meta.properties)) {
    if (prop.persist === false || prop.kind === '1:m' || prop.kind === 'm:n') continue;
    const field = prop.fieldNames?.[0];
    if (!field) continue;
    columns.push({
      property: prop.name,
      field,
      json: prop.type === 'json' || prop.columnTypes?.[0] === 'jsonb',
    });
  }
  const found = { table: meta.tableName, columns };
  columnsCache.set(schema, found);
  return found;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

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

/** The columns the rows carry (every row of a batch has the same shape). */
function presentColumns(rows: readonly object[], columns: readonly Column[]) {
  const first: object = rows[0] ?? {};
  return columns.filter((c) => c.property in first);
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
