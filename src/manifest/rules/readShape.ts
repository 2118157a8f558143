import { joinPointer } from '../jsonPointer.js';
import type { AttributeInfo, DocumentWalks, EntityInfo, JsonObject } from './DocumentWalks.js';

export type { AttributeInfo, EntityInfo, JsonObject } from './DocumentWalks.js';

/** Helpers that read a possibly schema-invalid document without trusting its shape. */

/** The value as an object, or undefined when it is not a plain JSON object. */
export function asObject(value: unknown): JsonObject | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

/** The value as a string, or undefined. */
export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Own property of an object (never an inherited one such as `constructor`). */
export function own(object: JsonObject | undefined, key: string): unknown {
  return object && Object.hasOwn(object, key) ? object[key] : undefined;
}

/** The object items of an array property, with their pointers. Non-objects are skipped. */
export function objectItems(
  parent: JsonObject | undefined,
  key: string,
  parentPointer: string,
): Array<{ item: JsonObject; pointer: string; index: number }> {
  const list = own(parent, key);
  if (!Array.isArray(list)) return [];
  const out: Array<{ item: JsonObject; pointer: string; index: number }> = [];
  list.forEach((entry, index) => {
    const item = asObject(entry);
    if (item) out.push({ item, pointer: joinPointer(parentPointer, key, index), index });
  });
  return out;
}

/** Entity types by key, first occurrence wins (repeats are reported by duplicate-entity-type). */
export function indexEntityTypes(doc: JsonObject, walks?: DocumentWalks): Map<string, EntityInfo> {
  if (walks) return (walks.entities ??= indexEntityTypes(doc));
  const byKey = new Map<string, EntityInfo>();
  for (const { item, pointer } of objectItems(doc, 'entityTypes', '')) {
    const key = asString(own(item, 'key'));
    if (key === undefined || byKey.has(key)) continue;
    const attributes = new Map<string, AttributeInfo>();
    for (const a of objectItems(item, 'attributes', pointer)) {
      const attrKey = asString(own(a.item, 'key'));
      if (attrKey === undefined || attributes.has(attrKey)) continue;
      const enumValues = own(a.item, 'enumValues');
      attributes.set(attrKey, {
        key: attrKey,
        pointer: a.pointer,
        node: a.item,
        dataType: asString(own(a.item, 'dataType')),
        list: own(a.item, 'list') === true,
        required: own(a.item, 'required') === true,
        enumValues: Array.isArray(enumValues)
          ? enumValues.filter((v): v is string => typeof v === 'string')
          : undefined,
      });
    }
    byKey.set(key, { key, pointer, node: item, attributes });
  }
  return byKey;
}

/** Models of an integration by key, first occurrence wins. */
export function indexModels(
  doc: JsonObject,
): Map<string, { pointer: string; entityType?: string }> {
  const byKey = new Map<string, { pointer: string; entityType?: string }>();
  const integration = asObject(own(doc, 'integration'));
  for (const { item, pointer } of objectItems(integration, 'models', '/integration')) {
    const key = asString(own(item, 'key'));
    if (key !== undefined && !byKey.has(key))
      byKey.set(key, { pointer, entityType: asString(own(item, 'entityType')) });
  }
  return byKey;
}
