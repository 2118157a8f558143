/**
 * Turns a validated manifest into the rows of its definition and children. Pure: ids come
 * from `newId`, times and revision from the caller. Ids are made here, not by the database,
 * so entity types and their attributes go in as two batch inserts with no round trip between.
 */
import { randomUUID } from 'node:crypto';
import type { Cardinality, DataType } from '../manifest/types.js';
import type { ValidManifest } from '../sync/ports.js';
import type { DefinitionSource } from './entities/columns.js';
import type { DefinitionRow } from './entities/DefinitionRow.js';
import { attributeValues, relationshipValues } from './entities/definitionColumns.js';

/** The `definition` columns a save writes (id, origin and timestamps are added by the store). */
export type DefinitionValues = Omit<
  DefinitionRow,
  'id' | 'origin' | 'createdAt' | 'updatedAt' | 'removedAt'
>;

interface ChildValues {
  id: string;
  source: DefinitionSource;
  readonly: boolean;
  position: number;
  removedAt: null;
}

/** The column values of one `entity_type` row, as `manifestRows` derives them from a manifest. */
export type EntityTypeValues = ChildValues & {
  definition: string;
  key: string;
  displayName: string;
  description: string | null;
  semantic: object | null;
  primaryKey: string | null;
};
/** The column values of one `attribute` row. */
export type AttributeValues = ChildValues & {
  entityType: string;
  key: string;
  displayName: string | null;
  dataType: DataType;
  list: boolean;
  required: boolean;
  enumValues: string[] | null;
  references: string | null;
  validation: object | null;
  semantic: object | null;
};
/** The column values of one `relationship` row. */
export type RelationshipValues = ChildValues & {
  definition: string;
  key: string;
  from: string;
  to: string;
  cardinality: Cardinality;
  via: string | null;
  semantic: object | null;
};
/** The column values of one `field_mapping` row. */
export type FieldMappingValues = ChildValues & {
  definition: string;
  model: string;
  entityTypeKey: string;
  fields: object;
};

/**
 * Every row one manifest is stored as: its definition and its children, with ids assigned so
 * they can be inserted in batches.
 */
export interface ManifestRows {
  definition: DefinitionValues;
  entityTypes: EntityTypeValues[];
  attributes: AttributeValues[];
  relationships: RelationshipValues[];
  mappings: FieldMappingValues[];
}

/** Every row that stores `valid` under definition `definitionId` at `revision`. */
export function manifestRows(options: {
  valid: ValidManifest;
  revision: string;
  definitionId: string;
  newId?: () => string;
}): ManifestRows {
  const { valid, revision, definitionId } = options;
  const newId = options.newId ?? randomUUID;
  const m = valid.manifest;
  const source: DefinitionSource = 'MANIFEST';
  // Git owns manifest rows: the definition and its relationships and mappings are read-only.
  // Entity types follow the manifest: integrations' are always read-only, templates' are
  // editable copies unless they say otherwise.
  const child = (position: number, readonly = true) => ({
    source,
    readonly,
    position,
    removedAt: null as null,
  });
  const entityTypes: EntityTypeValues[] = [];
  const attributes: AttributeValues[] = [];
  m.entityTypes.forEach((et, i) => {
    const id = newId();
    const readonly = m.kind === 'integration' ? true : (et.readonly ?? false);
    entityTypes.push({
      id,
      definition: definitionId,
      key: et.key,
      displayName: et.displayName,
      description: et.description ?? null,
      semantic: et.semantic ?? null,
      primaryKey: et.primaryKey ?? null,
      ...child(i, readonly),
    });
    et.attributes.forEach((a, j) => {
      attributes.push({
        id: newId(),
        entityType: id,
        ...attributeValues(a),
        ...child(j, readonly),
      });
    });
  });
  const relationships: RelationshipValues[] = (m.relationships ?? []).map((r, i) => ({
    id: newId(),
    definition: definitionId,
    ...relationshipValues(r),
    ...child(i),
  }));
  const mappings: FieldMappingValues[] = (m.kind === 'integration' ? (m.mappings ?? []) : []).map(
    (mm, i) => ({
      id: newId(),
      definition: definitionId,
      model: mm.model,
      entityTypeKey: mm.entityType,
      fields: mm.fields,
      ...child(i),
    }),
  );
  return {
    definition: {
      kind: m.kind,
      key: m.key,
      source,
      readonly: true,
      name: m.name,
      description: m.description,
      category: m.kind === 'integration' ? m.integration.category : null,
      provider: m.kind === 'integration' ? m.integration.provider : null,
      tags: m.tags ?? [],
      path: valid.path,
      manifestVersion: m.manifestVersion,
      checksum: valid.checksum,
      revision,
      document: m,
    },
    entityTypes,
    attributes,
    relationships,
    mappings,
  };
}
