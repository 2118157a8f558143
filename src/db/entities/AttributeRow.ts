import { EntitySchema } from '@mikro-orm/core';
import type { DataType, SemanticMetadata, ValidationRules } from '../../manifest/types.js';
import { childColumns, jsonb, uuidPk } from './columns.js';
import type { DefinitionSource } from './columns.js';
import type { EntityTypeRow } from './EntityTypeRow.js';

/** An attribute of an entity type: table `attribute`, unique by (entity type, key). */
export interface AttributeRow {
  id: string;
  entityType: EntityTypeRow;
  key: string;
  displayName?: string | null;
  dataType: DataType;
  list: boolean;
  required: boolean;
  enumValues?: string[] | null;
  /** Target entity type key of a `reference` (column `references_entity_type`: REFERENCES is reserved). */
  references?: string | null;
  validation?: ValidationRules | null;
  semantic?: SemanticMetadata | null;
  position: number;
  source: DefinitionSource;
  readonly: boolean;
  removedAt?: Date | null;
}

export const AttributeSchema = new EntitySchema<AttributeRow>({
  name: 'AttributeRow',
  tableName: 'attribute',
  properties: {
    id: uuidPk(),
    entityType: { kind: 'm:1', entity: 'EntityTypeRow', deleteRule: 'cascade' },
    key: { type: 'text' },
    displayName: { type: 'text', nullable: true },
    dataType: { type: 'text' },
    list: { type: 'boolean', default: false },
    required: { type: 'boolean', default: false },
    enumValues: jsonb(undefined, true),
    references: { type: 'text', nullable: true, fieldName: 'references_entity_type' },
    validation: jsonb(undefined, true),
    semantic: jsonb(undefined, true),
    position: { type: 'integer' },
    ...childColumns(),
  },
  uniques: [{ name: 'attribute_entity_type_key_unique', properties: ['entityType', 'key'] }],
});
