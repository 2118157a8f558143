import { EntitySchema } from '@mikro-orm/core';
import type { SemanticMetadata } from '../../manifest/types.js';
import { jsonb, sourceColumn, uuidPk } from './columns.js';
import type { DefinitionSource } from './columns.js';
import type { WorkspaceRow } from './WorkspaceRow.js';

/**
 * An entity type owned by a workspace: table `workspace_entity_type`, unique by (workspace,
 * key). `origin_kind`/`origin_key` name the template (editable copy, source `TEMPLATE`) or
 * integration (readonly, source `MANIFEST`) it came from; null for the workspace's own
 * (source `RUNTIME`).
 */
export interface WorkspaceEntityTypeRow {
  id: string;
  workspace: WorkspaceRow;
  key: string;
  displayName: string;
  description?: string | null;
  primaryKey?: string | null;
  semantic?: SemanticMetadata | null;
  position: number;
  source: DefinitionSource;
  readonly: boolean;
  originKind?: 'template' | 'integration' | null;
  originKey?: string | null;
}

/**
 * The MikroORM schema of `WorkspaceEntityTypeRow`: table `workspace_entity_type`, its columns,
 * indexes and relations (docs/database.md describes the table).
 */
export const WorkspaceEntityTypeSchema = new EntitySchema<WorkspaceEntityTypeRow>({
  name: 'WorkspaceEntityTypeRow',
  tableName: 'workspace_entity_type',
  properties: {
    id: uuidPk(),
    workspace: { kind: 'm:1', entity: 'WorkspaceRow', deleteRule: 'cascade' },
    key: { type: 'text' },
    displayName: { type: 'text' },
    description: { type: 'text', nullable: true },
    primaryKey: { type: 'text', nullable: true },
    semantic: jsonb(undefined, true),
    position: { type: 'integer' },
    source: { ...sourceColumn(), default: 'RUNTIME' },
    readonly: { type: 'boolean', default: false },
    originKind: { type: 'text', nullable: true },
    originKey: { type: 'text', nullable: true },
  },
  uniques: [
    { name: 'workspace_entity_type_workspace_key_unique', properties: ['workspace', 'key'] },
  ],
});
