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
  const keys = Object.keys(object).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    if (i > 0) out += ',';
    out += `${JSON.stringify(key)}:${canonicalJson(object[key])}`;
  }
  return `${out}}`;
}

/** `sha256:<hex>` of a value's canonical JSON: the manifest's identity for change detection. */
export function manifestChecksum(value: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex')}`;
}
