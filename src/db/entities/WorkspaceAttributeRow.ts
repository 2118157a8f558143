import { EntitySchema } from '@mikro-orm/core';
import { sourceColumn, uuidPk } from './columns.js';
import { attributeColumns, type AttributeFields } from './definitionColumns.js';
import type { WorkspaceEntityTypeRow } from './WorkspaceEntityTypeRow.js';

/** An attribute of a workspace entity type: table `workspace_attribute`, unique by (entity type, key). */
export interface WorkspaceAttributeRow extends AttributeFields {
  entityType: WorkspaceEntityTypeRow;
}

/**
 * The MikroORM schema of `WorkspaceAttributeRow`: table `workspace_attribute`, its columns,
 * indexes and relations (docs/database.md describes the table).
 */
export const WorkspaceAttributeSchema = new EntitySchema<WorkspaceAttributeRow>({
  name: 'WorkspaceAttributeRow',
  tableName: 'workspace_attribute',
  properties: {
    id: uuidPk(),
    entityType: { kind: 'm:1', entity: 'WorkspaceEntityTypeRow', deleteRule: 'cascade' },
    ...attributeColumns(),
    source: { ...sourceColumn(), default: 'RUNTIME' },
    readonly: { type: 'boolean', default: false },
  },
  uniques: [
    { name: 'workspace_attribute_entity_type_key_unique', properties: ['entityType', 'key'] },
  ],
});
