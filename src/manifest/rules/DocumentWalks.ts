import type { EntityInfo } from './readShape.js';
import type { FieldVisit } from './walkMappings.js';

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
