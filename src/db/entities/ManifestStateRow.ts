import { EntitySchema } from '@mikro-orm/core';
import type { Finding } from '../../manifest/Finding.js';
import type { ManifestKind } from '../../manifest/types.js';
import type { ManifestStateKind } from '../../sync/ports.js';
import { DEFINITION_KINDS, jsonb, timestamp } from './columns.js';

/** The states a manifest path can be in, as `GET /manifests` shows them. */
export const MANIFEST_STATES = [
  'active',
  'invalid',
  'removed',
  'never-ingested',
  'shadowed',
] as const satisfies readonly ManifestStateKind[];

/**
 * Per-path state: table `manifest_state`, keyed by source (origin) and registry path. `checksum` is the last good
 * version's (the one served), so an invalid path still says which version is live.
 */
export interface ManifestStateRow {
  /** The registry source whose copy of the path this row describes. */
  origin: string;
  path: string;
  /** From the path (`integrations/<key>/...`); null when the path has another shape. */
  kind?: ManifestKind | null;
  key?: string | null;
  state: ManifestStateKind;
  checksum?: string | null;
  findings: Finding[];
  /** Why a path is in its state when findings do not say it (`never-ingested`). */
  detail?: string | null;
  /** Revision at which the state was last recorded. */
  revision: string;
  updatedAt: Date;
}

/**
 * The MikroORM schema of `ManifestStateRow`: table `manifest_state`, its columns, indexes and
 * relations (docs/database.md describes the table).
 */
export const ManifestStateSchema = new EntitySchema<ManifestStateRow>({
  name: 'ManifestStateRow',
  tableName: 'manifest_state',
  properties: {
    origin: { type: 'text', primary: true, default: 'primary' },
    path: { type: 'text', primary: true },
    kind: { enum: true, items: [...DEFINITION_KINDS], nullable: true },
    key: { type: 'text', nullable: true },
    state: { enum: true, items: [...MANIFEST_STATES] },
    checksum: { type: 'text', nullable: true },
    findings: jsonb("'[]'"),
    detail: { type: 'text', nullable: true },
    revision: { type: 'text' },
    updatedAt: timestamp(),
  },
  indexes: [
    { name: 'manifest_state_kind_key_index', properties: ['kind', 'key'] },
    // The keyset order of GET /manifests (a copy per source of one path).
    { name: 'manifest_state_path_origin_index', properties: ['path', 'origin'] },
    // A source's rows in one state (never-ingested cleared on every revision write, invalid
    // and shadowed read by the sync): without it each such read walked all of the source's rows.
    { name: 'manifest_state_origin_state_index', properties: ['origin', 'state'] },
  ],
});
