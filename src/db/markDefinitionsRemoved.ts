import type { EntityManager } from '@mikro-orm/postgresql';
import {
  AttributeSchema,
  DefinitionSchema,
  EntityTypeSchema,
  FieldMappingSchema,
  RelationshipSchema,
} from './entities/index.js';

/**
 * Sets `removed_at` on definitions and on all their children, inside the caller's
 * transaction. Rows are kept: history stays queryable and a re-added manifest reuses its id.
 */
export async function markDefinitionsRemoved(
  em: EntityManager,
  options: { ids: string[]; at: Date },
): Promise<void> {
  const { ids, at } = options;
  if (ids.length === 0) return;
  await em.nativeUpdate(DefinitionSchema, { id: { $in: ids } }, { removedAt: at, updatedAt: at });
  await em.nativeUpdate(
    AttributeSchema,
    { entityType: { definition: { $in: ids } }, removedAt: null },
    { removedAt: at },
  );
  await em.nativeUpdate(
    EntityTypeSchema,
    { definition: { $in: ids }, removedAt: null },
    { removedAt: at },
  );
  await em.nativeUpdate(
    RelationshipSchema,
    { definition: { $in: ids }, removedAt: null },
    { removedAt: at },
  );
  await em.nativeUpdate(
    FieldMappingSchema,
    { definition: { $in: ids }, removedAt: null },
    { removedAt: at },
  );
}
