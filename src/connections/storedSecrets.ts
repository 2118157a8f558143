import { isEncrypted } from './SecretBox.js';
import type { EncryptedValue } from './SecretBox.js';
import { getPath, pathPointer, secretPaths, setPath } from './secretPaths.js';
import { splitPointer } from '../manifest/jsonPointer.js';

/**
 * What a stored connection config holds at the secret paths of the integration's current
 * schema, and which encrypted values it holds anywhere. Pure: no key, no I/O. The schema of
 * the day decides what is secret, the stored shape decides what is encrypted; the two can
 * disagree after a registry change, and this module is where that disagreement is found.
 */
export interface StoredSecrets {
  /** Every `{ "$enc" }` in the stored config, by pointer (found by shape, whatever the schema says). */
  encrypted: Array<[pointer: string, value: EncryptedValue]>;
  /** Pointers of values stored in plain text at a path the current schema marks `x-secret`. */
  plain: string[];
}

/** Reads a stored config against a schema (`undefined` when the integration was removed: nothing is known secret then). */
export function inspectStoredSecrets(
  config: Record<string, unknown>,
  schema: Record<string, unknown> | undefined,
): StoredSecrets {
  const plain: string[] = [];
  for (const path of schema ? secretPaths(schema) : []) {
    const value = getPath(config, path);
    if (value !== undefined && !isEncrypted(value)) plain.push(pathPointer(path));
  }
  return { encrypted: encryptedLeaves(config), plain };
}

/**
 * The config as every view shows it: each encrypted value, and each value at a secret path of
 * the current schema (plain or not), replaced by `{ "set": true }`. Masking by both rules means
 * neither a property that became secret (still plain at rest) nor one that stopped being secret
 * (still encrypted at rest) is ever returned.
 */
export function maskConfig(
  config: Record<string, unknown>,
  schema: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const found = inspectStoredSecrets(config, schema);
  let masked = config;
  for (const pointer of [...found.encrypted.map(([p]) => p), ...found.plain])
    masked = setPath(masked, pointerPath(pointer), { set: true });
  return masked;
}

/** The property path of a JSON pointer (`/a~1b/c` is `["a/b", "c"]`). */
export function pointerPath(pointer: string): string[] {
  return splitPointer(pointer);
}

function encryptedLeaves(
  config: Record<string, unknown>,
  prefix = '',
  depth = 0,
): Array<[string, EncryptedValue]> {
  const out: Array<[string, EncryptedValue]> = [];
  if (depth > 16) return out;
  for (const [name, value] of Object.entries(config)) {
    const pointer = `${prefix}${pathPointer([name])}`;
    if (isEncrypted(value)) out.push([pointer, value]);
    else if (value !== null && typeof value === 'object' && !Array.isArray(value))
      out.push(...encryptedLeaves(value as Record<string, unknown>, pointer, depth + 1));
  }
  return out;
}
