/**
 * Counts object keys two ways, so that a document parsed by `JSON.parse` can be known free
 * of repeated keys without building a syntax tree: `JSON.parse` keeps one property per
 * repeated key, so the parsed value has fewer keys than the text exactly when some object
 * repeats a key. Both passes are linear and allocate nothing per key.
 */

/**
 * Number of object keys written in `text`, which must be valid JSON (strings are skipped
 * with their escapes; a string is a key when it follows `{` or `,` inside an object).
 */
export function countKeysInText(text: string): number {
  // One bit per open container: 1 for an object. Depth is bounded by MAX_JSON_DEPTH, checked
  // before this runs; an array keeps it general for any depth.
  const inObject: boolean[] = [];
  let depth = 0;
  let expectKey = false;
  let keys = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22) {
      if (expectKey) {
        keys++;
        expectKey = false;
      }
      for (i++; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x5c) i++;
        else if (c === 0x22) break;
      }
    } else if (ch === 0x7b) {
      inObject[depth++] = true;
      expectKey = true;
    } else if (ch === 0x5b) {
      inObject[depth++] = false;
      expectKey = false;
    } else if (ch === 0x7d || ch === 0x5d) {
      depth--;
      expectKey = false;
    } else if (ch === 0x2c) {
      expectKey = depth > 0 && inObject[depth - 1] === true;
    }
  }
  return keys;
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
