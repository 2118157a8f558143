import { EntitySchema } from '@mikro-orm/core';
import { sourceColumn, uuidPk } from './columns.js';
import { relationshipColumns, type RelationshipFields } from './definitionColumns.js';
import type { WorkspaceRow } from './WorkspaceRow.js';

/** A relationship of a workspace model: table `workspace_relationship`, unique by (workspace, key). */
export interface WorkspaceRelationshipRow extends RelationshipFields {
  workspace: WorkspaceRow;
  originKind?: 'template' | 'integration' | null;
  originKey?: string | null;
}

/**
 * The MikroORM schema of `WorkspaceRelationshipRow`: table `workspace_relationship`, its
 * columns, indexes and relations (docs/database.md describes the table).
 */
export const WorkspaceRelationshipSchema = new EntitySchema<WorkspaceRelationshipRow>({
  name: 'WorkspaceRelationshipRow',
  tableName: 'workspace_relationship',
  properties: {
    id: uuidPk(),
    workspace: { kind: 'm:1', entity: 'WorkspaceRow', deleteRule: 'cascade' },
    ...relationshipColumns(),
    source: { ...sourceColumn(), default: 'RUNTIME' },
    readonly: { type: 'boolean', default: false },
    originKind: { type: 'text', nullable: true },
    originKey: { type: 'text', nullable: true },
  },
  uniques: [
    { name: 'workspace_relationship_workspace_key_unique', properties: ['workspace', 'key'] },
  ],
});
