import { createHash } from 'node:crypto';

/**
 * Canonical JSON of a value: object keys sorted (by UTF-16 code units) at every level, no
 * whitespace, numbers and strings as JSON.stringify writes them. Two documents that differ
 * only in formatting or key order have the same canonical JSON.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(object[k])}`).join(',')}}`;
}

/** `sha256:<hex>` of a value's canonical JSON: the manifest's identity for change detection. */
export function manifestChecksum(value: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex')}`;
}
