import { EntitySchema } from '@mikro-orm/core';
import type { DataType, SemanticMetadata, ValidationRules } from '../../manifest/types.js';
import { jsonb, sourceColumn, uuidPk } from './columns.js';
import type { DefinitionSource } from './columns.js';
import type { WorkspaceEntityTypeRow } from './WorkspaceEntityTypeRow.js';

/** An attribute of a workspace entity type: table `workspace_attribute`, unique by (entity type, key). */
export interface WorkspaceAttributeRow {
  id: string;
  entityType: WorkspaceEntityTypeRow;
  key: string;
  displayName?: string | null;
  dataType: DataType;
  list: boolean;
  required: boolean;
  enumValues?: string[] | null;
  references?: string | null;
  validation?: ValidationRules | null;
  semantic?: SemanticMetadata | null;
  position: number;
  source: DefinitionSource;
  readonly: boolean;
}

export const WorkspaceAttributeSchema = new EntitySchema<WorkspaceAttributeRow>({
  name: 'WorkspaceAttributeRow',
  tableName: 'workspace_attribute',
  properties: {
    id: uuidPk(),
    entityType: { kind: 'm:1', entity: 'WorkspaceEntityTypeRow', deleteRule: 'cascade' },
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
    source: { ...sourceColumn(), default: 'RUNTIME' },
    readonly: { type: 'boolean', default: false },
  },
  uniques: [{ name: 'workspace_attribute_entity_type_key_unique', properties: ['entityType', 'key'] }],
});
