/**
 * Counts object keys two ways, so that a document parsed by `JSON.parse` can be known free
 * of repeated keys without building a syntax tree: `JSON.parse` keeps one property per
 * repeated key, so the parsed value has fewer keys than the text exactly when some object
 * repeats a key. Both passes are linear and allocate nothing per key.
 */
import { scanJsonText } from './scanJsonText.js';

/**
 * Number of object keys written in `text`, which must be valid JSON (strings are skipped
 * with their escapes; a string is a key when it follows `{` or `,` inside an object). The
 * parser takes this count from its one pass over the text (scanJsonText.ts).
 */
export function countKeysInText(text: string): number {
  return scanJsonText(text, Number.POSITIVE_INFINITY).keys;
}

/** Number of own enumerable keys of every object inside `value` (a `JSON.parse` result). */
export function countKeysInValue(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let keys = 0;
  if (Array.isArray(value)) {
    for (const item of value) keys += countKeysInValue(item);
    return keys;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    keys++;
    keys += countKeysInValue((value as Record<string, unknown>)[key]);
  }
  return keys;
}
