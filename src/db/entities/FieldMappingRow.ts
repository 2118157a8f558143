import { EntitySchema } from '@mikro-orm/core';
import type { FieldMapping } from '../../manifest/types.js';
import { childColumns, jsonb, uuidPk } from './columns.js';
import type { DefinitionSource } from './columns.js';
import type { DefinitionRow } from './DefinitionRow.js';

/**
 * How one vendor model maps onto one entity type: table `field_mapping`, unique by
 * (definition, model, entity type). `fields` is the manifest's mapping object as written; the
 * mapping engine compiles it, the database never looks inside.
 */
export interface FieldMappingRow {
  id: string;
  definition: DefinitionRow;
  model: string;
  entityTypeKey: string;
  fields: Record<string, FieldMapping>;
  position: number;
  source: DefinitionSource;
  readonly: boolean;
  removedAt?: Date | null;
}

/**
 * The MikroORM schema of `FieldMappingRow`: table `field_mapping`, its columns, indexes and
 * relations (docs/database.md describes the table).
 */
export const FieldMappingSchema = new EntitySchema<FieldMappingRow>({
  name: 'FieldMappingRow',
  tableName: 'field_mapping',
  properties: {
    id: uuidPk(),
    definition: { kind: 'm:1', entity: 'DefinitionRow', deleteRule: 'cascade' },
    model: { type: 'text' },
    entityTypeKey: { type: 'text' },
    fields: jsonb(),
    position: { type: 'integer' },
    ...childColumns(),
  },
  uniques: [
    {
      name: 'field_mapping_definition_model_entity_type_unique',
      properties: ['definition', 'model', 'entityTypeKey'],
    },
  ],
});
