import { createHash } from 'node:crypto';

/**
 * Canonical JSON of a value: object keys sorted (by UTF-16 code units) at every level, no
 * whitespace, numbers and strings as JSON.stringify writes them. Two documents that differ
 * only in formatting or key order have the same canonical JSON.
 */
export function canonicalJson(value: unknown): string {
  // One string built by appending, rather than an array per container joined: a full scan
  // checksums every manifest, and the arrays and joins were most of this function's cost.
  // The output is byte for byte the earlier map/join form's (checksum.test.ts compares the
  // two on generated values), so stored checksums stay valid.
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      // A hole wrote nothing in the map/join form; JSON.parse never makes one.
      if (i in value) out += canonicalJson(value[i]);
    }
    return `${out}]`;
  }
  const object = value as Record<string, unknown>;
  const keys = sortKeys(Object.keys(object));
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (i > 0) out += ',';
    out += quotedKey(key) + canonicalJson(object[key]);
  }
  return `${out}}`;
}

/**
 * Keys sorted by UTF-16 code units, as `Array.prototype.sort` without a comparator orders
 * strings. A manifest's objects have a handful of keys, where an insertion sort with `>`
 * costs a fraction of the built-in sort (which was a third of this function in a profile).
 */
function sortKeys(keys: string[]): string[] {
  if (keys.length > 16) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i] as string;
    let j = i - 1;
    while (j >= 0 && (keys[j] as string) > key) {
      keys[j + 1] = keys[j] as string;
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}

/**
 * `"key":` for a key: the same few dozen keys (`key`, `dataType`, `source`, ...) recur in
 * every manifest, so their quoted form is kept. Only short keys are kept, and only so many,
 * so a manifest with long or many distinct keys cannot grow the cache without bound.
 */
const QUOTED_KEYS = new Map<string, string>();
const MAX_QUOTED_KEYS = 4096;
const MAX_QUOTED_KEY_LENGTH = 64;

function quotedKey(key: string): string {
  let quoted = QUOTED_KEYS.get(key);
  if (quoted === undefined) {
    quoted = `${JSON.stringify(key)}:`;
    if (key.length <= MAX_QUOTED_KEY_LENGTH && QUOTED_KEYS.size < MAX_QUOTED_KEYS)
      QUOTED_KEYS.set(key, quoted);
  }
  return quoted;
}

/** `sha256:<hex>` of a value's canonical JSON: the manifest's identity for change detection. */
export function manifestChecksum(value: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex')}`;
}
