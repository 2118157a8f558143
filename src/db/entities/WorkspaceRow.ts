import { EntitySchema } from '@mikro-orm/core';
import type { WorkspaceRecord } from '../../workspaces/ports.js';
import { timestamp, uuidPk } from './columns.js';

/** Table `workspace`: the port's `WorkspaceRecord` (src/workspaces/ports.ts); its model lives in the `workspace_*` child tables. */
export type WorkspaceRow = WorkspaceRecord;

/**
 * The MikroORM schema of `WorkspaceRow`: table `workspace`, its columns, indexes and relations
 * (docs/database.md describes the table).
 */
export const WorkspaceSchema = new EntitySchema<WorkspaceRow>({
  name: 'WorkspaceRow',
  tableName: 'workspace',
  properties: {
    id: uuidPk(),
    ownerId: { type: 'text' },
    name: { type: 'text' },
    createdAt: timestamp(),
    updatedAt: timestamp(),
  },
  // In the listing's order, for keyset pages (Migration20261207180000).
  indexes: [
    { name: 'workspace_owner_id_created_at_id_index', properties: ['ownerId', 'createdAt', 'id'] },
  ],
});
