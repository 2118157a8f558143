import type { EntityManager } from '@mikro-orm/postgresql';
import {
  AttributeSchema,
  DefinitionSchema,
  EntityTypeSchema,
  FieldMappingSchema,
  ManifestStateSchema,
  RelationshipSchema,
} from './entities/index.js';

/**
 * Manifests a revision write must save or remove before the catalog tables are analyzed
 * after it: a cold sync, a large merge; never a one-manifest sync.
 */
export const ANALYZE_AFTER_MANIFESTS = 1000;

/**
 * Rows sampled per column is 300 times this (PostgreSQL's default is 100, 30,000 rows): the
 * sync's lookups need the table sizes and that paths and keys are nearly unique, which 3,000
 * rows show as well, at a seventh of the time (0.44 s against 2.9 s for the six tables at
 * 10,000 manifests, load 13).
 */
const STATISTICS_TARGET = 10;

/** The tables a revision write fills, as the catalog's reads and the sync's lookups use them. */
const CATALOG_TABLES = [
  DefinitionSchema,
  ManifestStateSchema,
  EntityTypeSchema,
  AttributeSchema,
  RelationshipSchema,
  FieldMappingSchema,
];

/**
 * Refreshes the planner's statistics of the catalog tables (`ANALYZE`), on a fresh
 * EntityManager fork, after a write that changed their size. Without statistics PostgreSQL
 * plans for the empty tables the migrations made: after a cold sync of 10,000 manifests a
 * one-manifest sync's lookup by path or key read every definition (47 ms instead of 0.5 ms,
 * ten times that at 100,000), and the embedded database (PGlite) has no autovacuum to ever
 * analyze them. Its own transaction, after the revision's has committed: a reader never
 * waits for it, and a failure leaves only the old statistics.
 */
export async function refreshPlannerStatistics(em: EntityManager): Promise<void> {
  const tables = CATALOG_TABLES.map(
    (schema) => `"${em.getMetadata().get(schema.meta.className).tableName}"`,
  );
  await em.transactional(async (tx) => {
    // `set local` lasts until the commit: other sessions and later analyzes keep the default.
    await tx.execute(`set local default_statistics_target = ${STATISTICS_TARGET}`);
    await tx.execute(`analyze ${tables.join(', ')}`);
  });
}
