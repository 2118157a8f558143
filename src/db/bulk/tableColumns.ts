/**
 * The table and columns of an entity, read from MikroORM's discovered metadata, so the bulk
 * writers name the same SQL identifiers the ORM does: a column another change adds to an
 * entity is written by them too, without editing a list here.
 */
import type { EntityManager } from '@mikro-orm/postgresql';

/** One stored property: its SQL column, its SQL type, and how its value becomes text. */
export interface BulkColumn {
  /** The entity property (the key in the row objects the store builds). */
  property: string;
  /** The SQL column name. */
  field: string;
  /** The column's SQL type as the ORM declares it (`uuid`, `jsonb`, `timestamptz(3)`, ...). */
  sqlType: string;
  /** A json property is stored as jsonb: its value is written as JSON text, not as a string. */
  json: boolean;
}

/** An entity schema, as far as the bulk writers need it (any MikroORM `EntitySchema` fits). */
export interface BulkEntity {
  meta: { className: string };
}

/** An entity's table and every column it persists, in metadata order. */
export interface BulkTable {
  table: string;
  columns: BulkColumn[];
}

const cache = new WeakMap<object, BulkTable>();

/** The table and persisted columns of `schema` (cached per schema object). */
export function tableColumns(em: EntityManager, schema: BulkEntity): BulkTable {
  const cached = cache.get(schema);
  if (cached) return cached;
  const meta = em.getMetadata().get(schema.meta.className);
  const columns: BulkColumn[] = [];
  for (const prop of Object.values(meta.properties)) {
    // Collections are other tables' foreign keys; a many-to-one is its own id column.
    if (prop.persist === false || prop.kind === '1:m' || prop.kind === 'm:n') continue;
    const field = prop.fieldNames?.[0];
    if (!field || (prop.fieldNames?.length ?? 0) > 1) continue;
    const sqlType = prop.columnTypes?.[0] ?? 'text';
    columns.push({
      property: prop.name,
      field,
      sqlType,
      json: prop.type === 'json' || sqlType === 'jsonb' || sqlType === 'json',
    });
  }
  const found = { table: meta.tableName, columns };
  cache.set(schema, found);
  return found;
}

/** The columns the rows carry: every row of a batch has the first row's shape. */
export function presentColumns(
  rows: readonly object[],
  columns: readonly BulkColumn[],
): BulkColumn[] {
  const first: object = rows[0] ?? {};
  return columns.filter((c) => c.property in first);
}

/** `name` as a quoted SQL identifier. */
export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * The `COPY` statement that loads `rows` into `schema`'s table from `source` (`stdin`, or
 * PGlite's `'/dev/blob'`) in text format, and the columns the COPY data must carry in that
 * order: the statement both bulk writers send.
 */
export function copyStatement(
  em: EntityManager,
  schema: BulkEntity,
  rows: readonly object[],
  source: 'stdin' | "'/dev/blob'",
): { sql: string; columns: BulkColumn[] } {
  const { table, columns } = tableColumns(em, schema);
  const present = presentColumns(rows, columns);
  const list = present.map((c) => quoteIdent(c.field)).join(', ');
  return {
    sql: `copy ${quoteIdent(table)} (${list}) from ${source} with (format text)`,
    columns: present,
  };
}
