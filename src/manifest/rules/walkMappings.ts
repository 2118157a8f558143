import { joinPointer } from '../jsonPointer.js';
import { asObject, asString, indexEntityTypes, objectItems, own } from './readShape.js';
import type { DocumentWalks, FieldVisit, JsonObject } from './DocumentWalks.js';

export type { FieldVisit } from './DocumentWalks.js';

/** Nesting bound for walking if/each/mapEach; deeper structures are not inspected. */
const MAX_DEPTH = 16;

/**
 * Calls `visit` for every field mapping: the fields of each `mappings[]` entry, then the
 * fields of every `mapEach` transform inside their chains, however nested.
 */
export function forEachField(
  doc: JsonObject,
  visit: (field: FieldVisit) => void,
  walks?: DocumentWalks,
): void {
  if (walks) {
    if (!walks.fields) {
      const fields: FieldVisit[] = [];
      walkFields(doc, (field) => fields.push(field), walks);
      walks.fields = fields;
    }
    for (const field of walks.fields) visit(field);
    return;
  }
  walkFields(doc, visit, undefined);
}

function walkFields(
  doc: JsonObject,
  visit: (field: FieldVisit) => void,
  walks: DocumentWalks | undefined,
): void {
  const entities = indexEntityTypes(doc, walks);
  for (const { item, pointer } of objectItems(doc, 'mappings', '')) {
    const entityKey = asString(own(item, 'entityType'));
    const entity = entityKey === undefined ? undefined : entities.get(entityKey);
    const fields = asObject(own(item, 'fields'));
    if (!fields) continue;
    for (const key of Object.keys(fields)) {
      const field = asObject(fields[key]);
      if (!field) continue;
      const fieldPointer = joinPointer(pointer, 'fields', key);
      visit({
        key,
        field,
        pointer: fieldPointer,
        attribute: entity?.attributes.get(key),
        nested: false,
      });
      visitNested(field, fieldPointer, visit, 1);
    }
  }
}

function visitNested(
  field: JsonObject,
  pointer: string,
  visit: (field: FieldVisit) => void,
  depth: number,
): void {
  if (depth > MAX_DEPTH) return;
  forEachTransform(
    own(field, 'transforms'),
    joinPointer(pointer, 'transforms'),
    (transform, tPointer) => {
      const nested = asObject(own(transform, 'mapEach'));
      if (!nested) return;
      for (const key of Object.keys(nested)) {
        const child = asObject(nested[key]);
        if (!child) continue;
        const childPointer = joinPointer(tPointer, 'mapEach', key);
        visit({ key, field: child, pointer: childPointer, nested: true });
        visitNested(child, childPointer, visit, depth + 1);
      }
    },
  );
}

/**
 * Calls `visit` for every transform object of a chain, descending into `if` branches and
 * `each` chains (not into `mapEach` fields: those are fields of their own).
 */
export function forEachTransform(
  chain: unknown,
  pointer: string,
  visit: (transform: JsonObject, pointer: string) => void,
  depth = 0,
): void {
  if (!Array.isArray(chain) || depth > MAX_DEPTH) return;
  for (let index = 0; index < chain.length; index++) {
    const transform = asObject(chain[index]);
    if (!transform) continue;
    const tPointer = joinPointer(pointer, index);
    visit(transform, tPointer);
    // A branch's pointer is built only when the branch is there: most transforms have none,
    // and these three joins per transform, in every rule that walks chains, were most of the
    // pointers a full scan built and threw away.
    for (const branch of BRANCHES) {
      const next = own(transform, branch);
      if (Array.isArray(next))
        forEachTransform(next, joinPointer(tPointer, branch), visit, depth + 1);
    }
  }
}

/** The keys of a transform that hold a chain of their own, in the order they are walked. */
const BRANCHES = ['then', 'else', 'each'] as const;
