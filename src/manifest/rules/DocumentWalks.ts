/*
 * The shapes the rules read a document into live here, in a module that imports nothing:
 * readShape.ts and walkMappings.ts both fill a DocumentWalks, so defining these types in either
 * of them made an import cycle. They re-export what they used to define.
 */

/** A JSON object as read from a possibly schema-invalid document. */
export type JsonObject = Record<string, unknown>;

/** An attribute as the rules need it. */
export interface AttributeInfo {
  key: string;
  pointer: string;
  node: JsonObject;
  dataType?: string;
  list: boolean;
  required: boolean;
  enumValues?: string[];
}

/** An entity type with its attributes by key (first occurrence wins for repeated keys). */
export interface EntityInfo {
  key: string;
  pointer: string;
  node: JsonObject;
  attributes: Map<string, AttributeInfo>;
}

/** One field mapping found in the document. */
export interface FieldVisit {
  /** Target key (attribute key, or the object key inside mapEach). */
  key: string;
  field: JsonObject;
  pointer: string;
  /** The target attribute of a top-level field, when the mapping's entity type defines it. */
  attribute?: AttributeInfo;
  /** True for the fields of a `mapEach` transform (their targets are object keys, not attributes). */
  nested: boolean;
}

/**
 * The walks of one document that several rules need (the entity-type index, the list of
 * field mappings), computed by the first rule that asks and reused by the others.
 * `validateManifest` makes a fresh one for each document it validates and the rules only
 * read what it holds, so it must never outlive that call or see the document change: a
 * rule called without one walks the document itself. Four rules index the entity types and
 * five walk every field, which was a quarter of the rules' cost in a full-scan profile.
 */
export interface DocumentWalks {
  /** `indexEntityTypes` of the document, once computed. */
  entities?: Map<string, EntityInfo>;
  /** Every field visit of `forEachField`, in its order, once computed. */
  fields?: FieldVisit[];
}
