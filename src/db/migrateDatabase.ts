import type { MikroORM } from '@mikro-orm/core';
import { DatabaseError } from './DatabaseError.js';

/** What a migration pass did. */
export interface MigrationReport {
  /** Migrations applied by this pass, in order (empty when the schema was current). */
  applied: string[];
  /** Every migration recorded as applied after the pass, in order. */
  current: string[];
}

/**
 * Applies every pending migration of src/db/migrationsList.ts, all in one transaction
 * (`allOrNothing`): a failure leaves the schema as it was. Applying twice is a no-op.
 * `serialize` wraps the pass (PostgreSQL: an advisory lock, so instances starting together
 * migrate one after the other).
 */
export async function migrateDatabase(
  orm: MikroORM,
  options: {
    serialize?: <T>(fn: () => Promise<T>) => Promise<T>;
    scrub?: (text: string) => string;
  } = {},
): Promise<MigrationReport> {
  const serialize = options.serialize ?? ((fn) => fn());
  const scrub = options.scrub ?? ((text: string) => text);
  try {
    return await serialize(async () => {
      const migrator = orm.getMigrator();
      const applied = await migrator.up();
      const executed = await migrator.getExecutedMigrations();
      return { applied: applied.map((m) => m.name), current: executed.map((m) => m.name) };
    });
  } catch (error) {
    throw new DatabaseError(
      'DATABASE_MIGRATION_FAILED',
      `Database migration failed: ${scrub((error as Error).message)}`,
    );
  }
}
