/**
 * Configuration for the MikroORM CLI, used only to create migrations (see docs/database.md):
 *
 *   MIKRO_ORM_CLI_ALWAYS_ALLOW_TS=1 node --import tsx node_modules/@mikro-orm/cli/esm.js \
 *     migration:create --config src/db/mikro-orm.cli.config.ts
 *
 * It runs against an in-memory PGlite: the migrator diffs the entities against the committed
 * snapshot (migrations/.snapshot-regsync.json), not against a live database. After creating a
 * migration, add it to src/db/migrationsList.ts (a test fails until you do).
 */
import { defineConfig } from '@mikro-orm/core';
import { EmbeddedOrmDriver } from './drivers/pgliteOrmDriver.js';
import { sharedOrmOptions } from './ormOptions.js';

/**
 * The MikroORM CLI's configuration (`migration:create` against PGlite); the service never loads
 * it.
 */
export default defineConfig({
  ...sharedOrmOptions(),
  driver: EmbeddedOrmDriver,
  dbName: 'postgres',
});
