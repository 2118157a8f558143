/**
 * The committed migration snapshot (migrations/.snapshot-regsync.json) is what
 * `migration:create` diffs the entities against. These cases check that it agrees with the
 * entities, and that nothing but the migration CLI writes it: the checks work on a copy in a
 * temp folder, so no test touches the repository's files.
 */
import { copyFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedOrmDriver } from '../../../src/db/drivers/pgliteOrmDriver.js';
import { openDatabase } from '../../../src/db/openDatabase.js';
import { MIGRATIONS_DIR, sharedOrmOptions } from '../../../src/db/ormOptions.js';
import { createTempDataDir } from '../../helpers/databases.js';

const SNAPSHOT = join(MIGRATIONS_DIR, '.snapshot-regsync.json');

interface SnapshotFile {
  tables: Array<{ name: string; columns: Record<string, unknown> }>;
}

/**
 * Whether `migration:create` would write a migration, with the migration CLI's own options
 * (mikro-orm.cli.config.ts) but reading the snapshot from `dir`: an empty in-memory PGlite,
 * because the migrator diffs the entities against the snapshot, not against the database.
 */
async function migrationNeeded(dir: string): Promise<boolean> {
  const shared = sharedOrmOptions();
  const orm = await MikroORM.init({
    ...shared,
    driver: EmbeddedOrmDriver,
    dbName: 'postgres',
    migrations: { ...shared.migrations, path: dir, pathTs: dir },
  });
  try {
    return await orm.migrator.checkMigrationNeeded();
  } finally {
    await orm.close(true);
  }
}

describe('the committed migration snapshot', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'regsync-snapshot-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('agrees with the entity schemas (migration:create would write nothing)', async () => {
    await copyFile(SNAPSHOT, join(dir, '.snapshot-regsync.json'));
    expect(await migrationNeeded(dir)).toBe(false);
  });

  it('is seen to disagree once a column is missing from it (the check above can fail)', async () => {
    const snapshot = JSON.parse(await readFile(SNAPSHOT, 'utf8')) as SnapshotFile;
    const table = snapshot.tables.find((t) => t.name === 'definition');
    expect(table?.columns).toHaveProperty('checksum');
    delete table!.columns.checksum;
    await writeFile(join(dir, '.snapshot-regsync.json'), JSON.stringify(snapshot));
    expect(await migrationNeeded(dir)).toBe(true);
  });

  it('is not rewritten when openDatabase applies the migrations', async () => {
    const before = await stat(SNAPSHOT);
    const content = await readFile(SNAPSHOT, 'utf8');
    const data = await createTempDataDir({ seeded: true });
    try {
      const db = await openDatabase({ dataDir: data.dir });
      try {
        expect(db.migrations.applied.length).toBeGreaterThan(0);
      } finally {
        await db.close();
      }
    } finally {
      await data.remove();
    }
    expect((await stat(SNAPSHOT)).mtimeMs).toBe(before.mtimeMs);
    expect(await readFile(SNAPSHOT, 'utf8')).toBe(content);
  });
});
