/**
 * What the catalog reader returns: plain objects shaped for the HTTP API, built from rows.
 * Definition and manifest-state columns that may be empty are `null` (as in the HTTP
 * layer's CatalogQueries port); the views of entity types, attributes and relationships
 * leave empty optional members out, so each is structurally the manifest model's own type.
 */
import type {
  Cardinality,
  DataType,
  Manifest,
  ManifestKind,
  SemanticMetadata,
  ValidationRules,
} from '../manifest/types.js';
import type { ManifestStateEntry } from '../http/ports.js';
import type {
  AttributeRow,
  DefinitionRow,
  DefinitionSource,
  EntityTypeRow,
  FieldMappingRow,
  ManifestStateRow,
  RelationshipRow,
} from './entities/index.js';

/** A definition row as listed: every column but the document, absent category/provider as null. */
export type DefinitionSummary = Omit<
  DefinitionRow,
  'document' | 'removedAt' | 'category' | 'provider'
> & {
  category: string | null;
  provider: string | null;
};

/** An attribute as the catalog ports return it (optional columns left out when null). */
export interface AttributeView {
  key: string;
  displayName?: string;
  dataType: DataType;
  list: boolean;
  required: boolean;
  enumValues?: string[];
  references?: string;
  validation?: ValidationRules;
  semantic?: SemanticMetadata;
  position: number;
  source: DefinitionSource;
  readonly: boolean;
}

/**
 * An entity type as the catalog ports return it, with the definition it belongs to and its
 * attributes.
 */
export interface EntityTypeView {
  definitionKind: ManifestKind;
  definitionKey: string;
  key: string;
  displayName: string;
  description?: string;
  primaryKey?: string;
  semantic?: SemanticMetadata;
  position: number;
  source: DefinitionSource;
  readonly: boolean;
  attributes: AttributeView[];
}

/** A relationship as the catalog ports return it. */
export interface RelationshipView {
  key: string;
  from: string;
  to: string;
  cardinality: Cardinality;
  via?: string;
  semantic?: SemanticMetadata;
  source: DefinitionSource;
  readonly: boolean;
}

/**
 * A model mapping as the catalog ports return it: its fields as stored, where it came from, and
 * whether it is read-only.
 */
export interface FieldMappingView {
  model: string;
  entityType: string;
  fields: FieldMappingRow['fields'];
  source: DefinitionSource;
  readonly: boolean;
}

/**
 * A definition with everything the detail answer shows: the manifest and its entity types,
 * relationships and mappings.
 */
export interface DefinitionDetail extends DefinitionSummary {
  /** The whole validated manifest, as the API returns it. */
  document: Manifest;
  entityTypes: EntityTypeView[];
  relationships: RelationshipView[];
  mappings: FieldMappingView[];
}

/** Per-path state as `GET /manifests` shows it: the HTTP port's own type, built here from rows. */
export type ManifestStateView = ManifestStateEntry;

/** A page of a keyset-paginated list; pass `nextCursor` back to get the next one. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** Copies `value` under `key` unless it is null or undefined. */
function opt<K extends string, V>(key: K, value: V | null | undefined): { [P in K]?: V } {
  return (value === null || value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** The port view of a definition row. */
export function toDefinitionSummary(row: DefinitionRow): DefinitionSummary {
  return {
    id: row.id,
    kind: row.kind,
    key: row.key,
    origin: row.origin,
    source: row.source,
    readonly: row.readonly,
    name: row.name,
    description: row.description,
    category: row.category ?? null,
    provider: row.provider ?? null,
    tags: row.tags,
    path: row.path,
    manifestVersion: row.manifestVersion,
    checksum: row.checksum,
    revision: row.revision,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** The port view of an attribute row; null columns become absent properties. */
export function toAttributeView(row: AttributeRow): AttributeView {
  return {
    key: row.key,
    ...opt('displayName', row.displayName),
    dataType: row.dataType,
    list: row.list,
    required: row.required,
    ...opt('enumValues', row.enumValues),
    ...opt('references', row.references),
    ...opt('validation', row.validation),
    ...opt('semantic', row.semantic),
    position: row.position,
    source: row.source,
    readonly: row.readonly,
  };
}

/** The port view of an entity type row, given its definition and its attributes' views. */
export function toEntityTypeView(
  row: EntityTypeRow,
  definition: Pick<DefinitionRow, 'kind' | 'key'>,
  attributes: AttributeView[],
): EntityTypeView {
  return {
    definitionKind: definition.kind,
    definitionKey: definition.key,
    key: row.key,
    displayName: row.displayName,
    ...opt('description', row.description),
    ...opt('primaryKey', row.primaryKey),
    ...opt('semantic', row.semantic),
    position: row.position,
    source: row.source,
    readonly: row.readonly,
    attributes,
  };
}

/** The port view of a relationship row; null columns become absent properties. */
export function toRelationshipView(row: RelationshipRow): RelationshipView {
  return {
    key: row.key,
    from: row.from,
    to: row.to,
    cardinality: row.cardinality,
    ...opt('via', row.via),
    ...opt('semantic', row.semantic),
    source: row.source,
    readonly: row.readonly,
  };
}

/** The port view of a field mapping row. */
export function toFieldMappingView(row: FieldMappingRow): FieldMappingView {
  return {
    model: row.model,
    entityType: row.entityTypeKey,
    fields: row.fields,
    source: row.source,
    readonly: row.readonly,
  };
}

/**
 * The port view of a manifest state row. `names` maps origins to configured source names
 * (an origin without one is shown as is); `servedOrigin` is the origin whose definition of
 * the row's path is served, if any.
 */
export function toManifestStateView(
  row: ManifestStateRow,
  names: ReadonlyMap<string, string> = new Map(),
  servedOrigin?: string,
): ManifestStateView {
  return {
    path: row.path,
    kind: row.kind ?? null,
    key: row.key ?? null,
    state: row.state,
    checksum: row.checksum ?? null,
    findings: row.findings,
    detail: row.detail ?? null,
    revision: row.revision,
    updatedAt: row.updatedAt,
    source: names.get(row.origin) ?? row.origin,
    origin: row.origin,
    served: servedOrigin === row.origin,
    servedBy: servedOrigin === undefined ? null : (names.get(servedOrigin) ?? servedOrigin),
  };
}
