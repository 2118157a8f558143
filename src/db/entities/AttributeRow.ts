import { EntitySchema } from '@mikro-orm/core';
import { childColumns, uuidPk } from './columns.js';
import { attributeColumns, type AttributeFields } from './definitionColumns.js';
import type { EntityTypeRow } from './EntityTypeRow.js';

/** An attribute of an entity type: table `attribute`, unique by (entity type, key). */
export interface AttributeRow extends AttributeFields {
  entityType: EntityTypeRow;
  removedAt?: Date | null;
}

/**
 * The MikroORM schema of `AttributeRow`: table `attribute`, its columns, indexes and relations
 * (docs/database.md describes the table).
 */
export const AttributeSchema = new EntitySchema<AttributeRow>({
  name: 'AttributeRow',
  tableName: 'attribute',
  properties: {
    id: uuidPk(),
    entityType: { kind: 'm:1', entity: 'EntityTypeRow', deleteRule: 'cascade' },
    ...attributeColumns(),
    ...childColumns(),
  },
  uniques: [{ name: 'attribute_entity_type_key_unique', properties: ['entityType', 'key'] }],
});
