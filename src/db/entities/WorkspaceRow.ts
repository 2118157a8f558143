import { EntitySchema } from '@mikro-orm/core';
import { timestamp, uuidPk } from './columns.js';

/** A user's workspace: table `workspace`; its model lives in the `workspace_*` child tables. */
export interface WorkspaceRow {
  id: string;
  /** The authenticated user who created it. */
  ownerId: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

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
  indexes: [{ name: 'workspace_owner_id_index', properties: ['ownerId'] }],
});
