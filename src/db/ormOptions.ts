/**
 * MikroORM options shared by the application (openDatabase) and the migration CLI
 * (mikro-orm.cli.config.ts): the same entities, migration table and snapshot for both drivers.
 */
import type { MigrationObject, Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { bundledPath } from '../config/packagePaths.js';
import { entities } from './entities/index.js';

/** The committed migrations folder (`<package>/migrations`, from the sources and from a build). */
export const MIGRATIONS_DIR = bundledPath('migrations');

/** Table in which MikroORM records applied migrations. */
export const MIGRATIONS_TABLE = 'mikro_orm_migrations';

/** Options that do not depend on the driver. */
export function sharedOrmOptions() {
  return {
    entities,
    extensions: [Migrator],
    // Entity schemas are plain objects: nothing to reflect and no metadata cache files to write.
    discovery: { disableDynamicFileAccess: true },
    metadataCache: { enabled: false },
    forceUtcTimezone: true,
    // Every unit of work opens its own fork; a stray use of the global EntityManager is a bug.
    allowGlobalContext: false,
    migrations: {
      path: MIGRATIONS_DIR,
      pathTs: MIGRATIONS_DIR,
      tableName: MIGRATIONS_TABLE,
      // The snapshot is what `migration:create` diffs against, so the database it runs on
      // does not matter (an empty in-memory PGlite does). The application turns it off
      // (ormOptionsFor); only the CLI keeps it.
      snapshot: true,
      snapshotName: '.snapshot-regsync',
      emit: 'ts',
      transactional: true,
      allOrNothing: true,
      silent: true,
    },
  } satisfies Options;
}

/**
 * The application's options: shared ones, the driver's, and the explicit migrations list, with
 * the snapshot off. MikroORM rewrites the snapshot from the live database after every `up()`
 * that applies a migration: with it on, every start of the service and every test that opened
 * a database rewrote the committed migrations/.snapshot-regsync.json in place (a test run
 * killed midway once left it deleted). Only the migration CLI (mikro-orm.cli.config.ts) writes
 * it, from the entities.
 */
export function ormOptionsFor(driverOptions: Options, migrationsList: MigrationObject[]): Options {
  const shared = sharedOrmOptions();
  return {
    ...shared,
    ...driverOptions,
    migrations: { ...shared.migrations, migrationsList, snapshot: false },
  };
}
