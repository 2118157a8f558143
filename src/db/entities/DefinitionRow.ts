import { EntitySchema } from '@mikro-orm/core';
import type { Manifest, ManifestKind } from '../../manifest/types.js';
import { DEFINITION_KINDS, jsonb, sourceColumn, timestamp, uuidPk } from './columns.js';
import type { DefinitionSource } from './columns.js';

/**
 * One manifest as served: table `definition`. `document` is the whole validated manifest (what
 * the API returns); the other columns are the parts that are filtered or indexed. `checksum`,
 * `revision`, `path` and `manifest_version` live here only: children are always replaced
 * together with their definition, so they can never disagree with it.
 */
export interface DefinitionRow {
  id: string;
  kind: ManifestKind;
  key: string;
  /** The registry source this version came from (`registry_source.origin`; `primary` for the first). */
  origin: string;
  source: DefinitionSource;
  /** True for rows owned by Git: runtime edits are refused. */
  readonly: boolean;
  name: string;
  description: string;
  /** Integration category; null for templates. */
  category?: string | null;
  /** Integration provider key; null for templates. */
  provider?: string | null;
  tags: string[];
  /** Registry-relative manifest path. */
  path: string;
  manifestVersion: string;
  /** `sha256:<hex>` of the canonical manifest written with this row. */
  checksum: string;
  /** Registry revision this version was written at. */
  revision: string;
  document: Manifest;
  createdAt: Date;
  updatedAt: Date;
  removedAt?: Date | null;
}

/**
 * The MikroORM schema of `DefinitionRow`: table `definition`, its columns, indexes and
 * relations (docs/database.md describes the table).
 */
export const DefinitionSchema = new EntitySchema<DefinitionRow>({
  name: 'DefinitionRow',
  tableName: 'definition',
  properties: {
    id: uuidPk(),
    kind: { enum: true, items: [...DEFINITION_KINDS] },
    key: { type: 'text' },
    origin: { type: 'text', default: 'primary' },
    source: sourceColumn(),
    readonly: { type: 'boolean', default: true },
    name: { type: 'text' },
    description: { type: 'text' },
    category: { type: 'text', nullable: true },
    provider: { type: 'text', nullable: true },
    tags: jsonb("'[]'"),
    path: { type: 'text' },
    manifestVersion: { type: 'text' },
    checksum: { type: 'text' },
    revision: { type: 'text' },
    document: jsonb(),
    createdAt: timestamp(),
    updatedAt: timestamp(),
    removedAt: timestamp({ nullable: true }),
  },
  uniques: [{ name: 'definition_source_kind_key_unique', properties: ['source', 'kind', 'key'] }],
  indexes: [
    { name: 'definition_path_index', properties: ['path'] },
    { name: 'definition_kind_key_index', properties: ['kind', 'key'] },
    { name: 'definition_origin_index', properties: ['origin'] },
  ],
});
