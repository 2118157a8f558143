import { EntitySchema } from '@mikro-orm/core';
import type { Cardinality, SemanticMetadata } from '../../manifest/types.js';
import { jsonb, sourceColumn, uuidPk } from './columns.js';
import type { DefinitionSource } from './columns.js';
import type { WorkspaceRow } from './WorkspaceRow.js';

/** A relationship of a workspace model: table `workspace_relationship`, unique by (workspace, key). */
export interface WorkspaceRelationshipRow {
  id: string;
  workspace: WorkspaceRow;
  key: string;
  from: string;
  to: string;
  cardinality: Cardinality;
  via?: string | null;
  semantic?: SemanticMetadata | null;
  position: number;
  source: DefinitionSource;
  readonly: boolean;
  originKind?: 'template' | 'integration' | null;
  originKey?: string | null;
}

export const WorkspaceRelationshipSchema = new EntitySchema<WorkspaceRelationshipRow>({
  name: 'WorkspaceRelationshipRow',
  tableName: 'workspace_relationship',
  properties: {
    id: uuidPk(),
    workspace: { kind: 'm:1', entity: 'WorkspaceRow', deleteRule: 'cascade' },
    key: { type: 'text' },
    from: { type: 'text', fieldName: 'from_entity_type' },
    to: { type: 'text', fieldName: 'to_entity_type' },
    cardinality: { type: 'text' },
    via: { type: 'text', nullable: true },
    semantic: jsonb(undefined, true),
    position: { type: 'integer' },
    source: { ...sourceColumn(), default: 'RUNTIME' },
    readonly: { type: 'boolean', default: false },
    originKind: { type: 'text', nullable: true },
    originKey: { type: 'text', nullable: true },
  },
  uniques: [{ name: 'workspace_relationship_workspace_key_unique', properties: ['workspace', 'key'] }],
});
