import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsList } from '../../../src/db/migrationsList.js';
import { openDatabase } from '../../../src/db/openDatabase.js';
import type { Database } from '../../../src/db/openDatabase.js';
import { MIGRATIONS_DIR } from '../../../src/db/ormOptions.js';
import {
  createPostgresDatabase,
  createTempDataDir,
  forEachDatabase,
} from '../../helpers/databases.js';

const names = migrationsList.map((m) => m.name);

/** Tables, columns (type, nullability, default) and constraints of the public schema, as sorted text. */
async function schemaOf(
  db: Database,
): Promise<{ columns: string[]; constraints: string[]; indexes: string[] }> {
  const conn = (
    db.orm.em.fork() as unknown as {
      getConnection(): { execute(sql: string): Promise<Array<Record<string, unknown>>> };
    }
  ).getConnection();
  const columns = await conn.execute(`
    select table_name, column_name, data_type, is_nullable, coalesce(column_default, '') as column_default,
           coalesce(character_maximum_length, -1) as len, coalesce(datetime_precision, -1) as precision
    from information_schema.columns where table_schema = 'public' order by table_name, column_name`);
  const constraints = await conn.execute(`
    select tc.table_name, tc.constraint_name, tc.constraint_type, pg_get_constraintdef(c.oid) as definition
    from information_schema.table_constraints tc
    join pg_constraint c on c.conname = tc.constraint_name
    join pg_namespace n on n.oid = c.connamespace and n.nspname = tc.table_schema
    where tc.table_schema = 'public' order by tc.table_name, tc.constraint_name`);
  const indexes = await conn.execute(
    `select tablename, indexname, indexdef from pg_indexes where schemaname = 'public' order by tablename, indexname`,
  );
  const text = (rows: Array<Record<string, unknown>>) =>
    rows.map((r) => Object.values(r).join(' | '));
  return { columns: text(columns), constraints: text(constraints), indexes: text(indexes) };
}

describe('migrations list', () => {
  it('names every migration file in the folder, in order', async () => {
    const files = (await readdir(MIGRATIONS_DIR))
      .filter((f) => /^Migration\d+.*\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ''));
    expect(names).toEqual(files.sort());
  });
});

forEachDatabase((fx) => {
  it('applied every migration when opening; applying again is a no-op', async () => {
    expect(fx.db.migrations.applied).toEqual(names);
    expect(fx.db.migrations.current).toEqual(names);
    const again = await fx.db.migrate();
    expect(again).toEqual({ applied: [], current: names });
  });

  it('leave nothing between the entity schemas and the database (no migration is missing)', async () => {
    expect((await fx.db.orm.schema.getUpdateSchemaSQL({ wrap: false })).trim()).toBe('');
  });
});

describe('the same migration files on PGlite and PostgreSQL', () => {
  let pglite: Database;
  let postgres: Database;
  const cleanups: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    const dir = await createTempDataDir({ seeded: true });
    const database = await createPostgresDatabase();
    cleanups.push(dir.remove, database.drop);
    pglite = await openDatabase({ dataDir: dir.dir });
    postgres = await openDatabase({ dataDir: dir.dir, databaseUrl: database.url });
  });

  afterAll(async () => {
    await pglite?.close();
    await postgres?.close();
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('give the same tables, columns, constraints and indexes', async () => {
    const [a, b] = await Promise.all([schemaOf(pglite), schemaOf(postgres)]);
    expect(a.columns.length).toBeGreaterThan(80);
    expect(a.columns).toEqual(b.columns);
    expect(a.constraints).toEqual(b.constraints);
    expect(a.indexes).toEqual(b.indexes);
    for (const table of [
      'definition',
      'entity_type',
      'attribute',
      'relationship',
      'field_mapping',
      'manifest_state',
      'sync_run',
    ]) {
      expect(a.columns.some((c) => c.startsWith(`${table} |`))).toBe(true);
    }
  });
});
