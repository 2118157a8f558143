import { EntitySchema } from '@mikro-orm/core';
import type { Cardinality, SemanticMetadata } from '../../manifest/types.js';
import { childColumns, jsonb, uuidPk } from './columns.js';
import type { DefinitionSource } from './columns.js';
import type { DefinitionRow } from './DefinitionRow.js';

/**
 * A relationship between two entity types of one definition: table `relationship`. The
 * columns are `from_entity_type` / `to_entity_type` because FROM and TO are reserved words.
 */
export interface RelationshipRow {
  id: string;
  definition: DefinitionRow;
  key: string;
  from: string;
  to: string;
  cardinality: Cardinality;
  via?: string | null;
  semantic?: SemanticMetadata | null;
  position: number;
  source: DefinitionSource;
  readonly: boolean;
  removedAt?: Date | null;
}

export const RelationshipSchema = new EntitySchema<RelationshipRow>({
  name: 'RelationshipRow',
  tableName: 'relationship',
  properties: {
    id: uuidPk(),
    definition: { kind: 'm:1', entity: 'DefinitionRow', deleteRule: 'cascade' },
    key: { type: 'text' },
    from: { type: 'text', fieldName: 'from_entity_type' },
    to: { type: 'text', fieldName: 'to_entity_type' },
    cardinality: { type: 'text' },
    via: { type: 'text', nullable: true },
    semantic: jsonb(undefined, true),
    position: { type: 'integer' },
    ...childColumns(),
  },
  uniques: [{ name: 'relationship_definition_key_unique', properties: ['definition', 'key'] }],
});
