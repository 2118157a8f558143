import { EntitySchema } from '@mikro-orm/core';
import type { TemplateManifest } from '../../manifest/types.js';
import { jsonb, timestamp, uuidPk } from './columns.js';
import type { WorkspaceRow } from './WorkspaceRow.js';

/**
 * A template installed in a workspace: table `workspace_template`, unique by (workspace,
 * template key). `base` is the merge base of the next upgrade: the template document as
 * installed (or as last upgraded to, with conflicting elements kept at their older version).
 */
export interface WorkspaceTemplateRow {
  id: string;
  workspace: WorkspaceRow;
  templateKey: string;
  /** Checksum and revision of the catalog version last installed or upgraded to. */
  checksum: string;
  revision: string;
  /** The registry source it was installed (or last upgraded) from: `registry_source.origin`. */
  origin: string;
  base: TemplateManifest;
  installedAt: Date;
  upgradedAt?: Date | null;
}

/**
 * The MikroORM schema of `WorkspaceTemplateRow`: table `workspace_template`, its columns,
 * indexes and relations (docs/database.md describes the table).
 */
export const WorkspaceTemplateSchema = new EntitySchema<WorkspaceTemplateRow>({
  name: 'WorkspaceTemplateRow',
  tableName: 'workspace_template',
  properties: {
    id: uuidPk(),
    workspace: { kind: 'm:1', entity: 'WorkspaceRow', deleteRule: 'cascade' },
    templateKey: { type: 'text' },
    checksum: { type: 'text' },
    revision: { type: 'text' },
    origin: { type: 'text', default: 'primary' },
    base: jsonb(),
    installedAt: timestamp(),
    upgradedAt: timestamp({ nullable: true }),
  },
  uniques: [
    { name: 'workspace_template_workspace_key_unique', properties: ['workspace', 'templateKey'] },
  ],
});
