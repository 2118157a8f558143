import { EntitySchema } from '@mikro-orm/core';
import { childColumns, uuidPk } from './columns.js';
import { relationshipColumns, type RelationshipFields } from './definitionColumns.js';
import type { DefinitionRow } from './DefinitionRow.js';

/** A relationship between two entity types of one definition: table `relationship`. */
export interface RelationshipRow extends RelationshipFields {
  definition: DefinitionRow;
  removedAt?: Date | null;
}

/**
 * The MikroORM schema of `RelationshipRow`: table `relationship`, its columns, indexes and
 * relations (docs/database.md describes the table).
 */
export const RelationshipSchema = new EntitySchema<RelationshipRow>({
  name: 'RelationshipRow',
  tableName: 'relationship',
  properties: {
    id: uuidPk(),
    definition: { kind: 'm:1', entity: 'DefinitionRow', deleteRule: 'cascade' },
    ...relationshipColumns(),
    ...childColumns(),
  },
  uniques: [{ name: 'relationship_definition_key_unique', properties: ['definition', 'key'] }],
});
