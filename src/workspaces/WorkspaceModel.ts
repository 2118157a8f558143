import type { Attribute, EntityType, Relationship } from '../manifest/types.js';

/** Where a workspace element comes from (the `source` column). */
export type ElementSource = 'MANIFEST' | 'TEMPLATE' | 'RUNTIME';

/** The template or integration an entity type or relationship was copied from. */
export interface Origin {
  kind: 'template' | 'integration';
  key: string;
}

/**
 * An attribute of a workspace entity type: where it came from, and whether it is read-only
 * here.
 */
export interface WorkspaceAttribute extends Attribute {
  source: ElementSource;
  readonly: boolean;
}

/**
 * An entity type of a workspace: its attributes as workspace attributes, where it came from,
 * whether it is read-only, and the template element it was installed from.
 */
export interface WorkspaceEntityType extends Omit<EntityType, 'attributes' | 'readonly'> {
  attributes: WorkspaceAttribute[];
  source: ElementSource;
  readonly: boolean;
  origin: Origin | null;
}

/**
 * A relationship of a workspace: where it came from, whether it is read-only, and the template
 * element it was installed from.
 */
export interface WorkspaceRelationship extends Relationship {
  source: ElementSource;
  readonly: boolean;
  origin: Origin | null;
}

/** A workspace's own model: its entity types (with attributes) and relationships, in order. */
export interface WorkspaceModel {
  entityTypes: WorkspaceEntityType[];
  relationships: WorkspaceRelationship[];
}

/** An attribute without the workspace's bookkeeping: what is compared and validated. */
export function plainAttribute(attribute: WorkspaceAttribute): Attribute {
  const { source: _source, readonly: _readonly, ...plain } = attribute;
  return plain;
}

/** An entity type's own fields, without attributes and bookkeeping. */
export function entityTypeHeader(
  entityType: Omit<EntityType, 'attributes'> | WorkspaceEntityType,
): Omit<EntityType, 'attributes' | 'readonly'> {
  const { key, displayName, description, primaryKey, semantic } = entityType;
  return stripUndefined({ key, displayName, description, primaryKey, semantic });
}

/**
 * The manifest-format relationship of a workspace relationship: only the format's fields, with
 * absent ones left out.
 */
export function plainRelationship(
  relationship: Relationship | WorkspaceRelationship,
): Relationship {
  const { key, from, to, cardinality, via, semantic } = relationship;
  return stripUndefined({ key, from, to, cardinality, via, semantic });
}

/** A copy without undefined properties (what JSON and jsonb keep). */
export function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && v !== null),
  ) as T;
}
