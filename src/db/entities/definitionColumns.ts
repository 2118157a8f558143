/**
 * The columns an attribute and a relationship have wherever they live: in the catalog
 * (`attribute`, `relationship`, written by the sync) and in a workspace's own copy
 * (`workspace_attribute`, `workspace_relationship`, written by installs and edits). Keeping
 * them in one place keeps a template install a plain copy, column for column.
 */
import type {
  Attribute,
  Cardinality,
  DataType,
  Relationship,
  SemanticMetadata,
  ValidationRules,
} from '../../manifest/types.js';
import { jsonb } from './columns.js';
import type { DefinitionSource } from './columns.js';

/** The fields of an attribute row, in the catalog and in a workspace alike. */
export interface AttributeFields {
  id: string;
  key: string;
  displayName?: string | null;
  dataType: DataType;
  list: boolean;
  required: boolean;
  enumValues?: string[] | null;
  /** Target entity type key of a `reference` (column `references_entity_type`: REFERENCES is reserved). */
  references?: string | null;
  validation?: ValidationRules | null;
  semantic?: SemanticMetadata | null;
  position: number;
  source: DefinitionSource;
  readonly: boolean;
}

/** The column definitions of an attribute, shared by `attribute` and `workspace_attribute`. */
export function attributeColumns() {
  return {
    key: { type: 'text' },
    displayName: { type: 'text', nullable: true },
    dataType: { type: 'text' },
    list: { type: 'boolean', default: false },
    required: { type: 'boolean', default: false },
    enumValues: jsonb(undefined, true),
    references: { type: 'text', nullable: true, fieldName: 'references_entity_type' },
    validation: jsonb(undefined, true),
    semantic: jsonb(undefined, true),
    position: { type: 'integer' },
  } as const;
}

/** The columns are `from_entity_type` / `to_entity_type` because FROM and TO are reserved words. */
export interface RelationshipFields {
  id: string;
  key: string;
  from: string;
  to: string;
  cardinality: Cardinality;
  via?: string | null;
  semantic?: SemanticMetadata | null;
  position: number;
  source: DefinitionSource;
  readonly: boolean;
}

/**
 * The column definitions of a relationship, shared by `relationship` and
 * `workspace_relationship`.
 */
export function relationshipColumns() {
  return {
    key: { type: 'text' },
    from: { type: 'text', fieldName: 'from_entity_type' },
    to: { type: 'text', fieldName: 'to_entity_type' },
    cardinality: { type: 'text' },
    via: { type: 'text', nullable: true },
    semantic: jsonb(undefined, true),
    position: { type: 'integer' },
  } as const;
}

/** The values of the shared attribute columns for a manifest attribute (absent is null). */
export function attributeValues(a: Attribute) {
  return {
    key: a.key,
    displayName: a.displayName ?? null,
    dataType: a.dataType,
    list: a.list ?? false,
    required: a.required ?? false,
    enumValues: a.enumValues ?? null,
    references: a.references ?? null,
    validation: a.validation ?? null,
    semantic: a.semantic ?? null,
  };
}

/** The values of the shared relationship columns for a manifest relationship. */
export function relationshipValues(r: Relationship) {
  return {
    key: r.key,
    from: r.from,
    to: r.to,
    cardinality: r.cardinality,
    via: r.via ?? null,
    semantic: r.semantic ?? null,
  };
}
