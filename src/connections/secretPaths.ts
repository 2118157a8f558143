/**
 * Where the secrets of a connection config are: the property paths of a connection config
 * schema whose property schema says `"x-secret": true`, following nested `properties` of
 * object schemas (a secret inside an array is not supported by the format and not looked for).
 */
import { joinPointer } from '../manifest/jsonPointer.js';
/**
 * The property paths of every `"x-secret": true` property of a connection config schema, in
 * schema order, following nested object `properties` (at most 16 deep; deeper is not searched).
 * Pure; a malformed schema yields fewer paths, never a throw.
 */
export function secretPaths(schema: Record<string, unknown>, depth = 0): string[][] {
  const properties = schema.properties;
  if (
    depth > 16 ||
    properties === null ||
    typeof properties !== 'object' ||
    Array.isArray(properties)
  )
    return [];
  const paths: string[][] = [];
  for (const [name, child] of Object.entries(properties as Record<string, unknown>)) {
    if (child === null || typeof child !== 'object') continue;
    const childSchema = child as Record<string, unknown>;
    if (childSchema['x-secret'] === true) paths.push([name]);
    else for (const rest of secretPaths(childSchema, depth + 1)) paths.push([name, ...rest]);
  }
  return paths;
}

/** The JSON pointer of a property path (`/apiSecret`). */
export function pathPointer(path: readonly string[]): string {
  return joinPointer('', ...path);
}

/** Reads an own property path; undefined when any step is missing or not an object. */
export function getPath(value: unknown, path: readonly string[]): unknown {
  let node = value;
  for (const segment of path) {
    if (
      node === null ||
      typeof node !== 'object' ||
      Array.isArray(node) ||
      !Object.hasOwn(node, segment)
    )
      return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/** A copy of `value` with `path` set (or deleted when `next` is undefined); creates missing objects. */
export function setPath(
  value: Record<string, unknown>,
  path: readonly string[],
  next: unknown,
): Record<string, unknown> {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const copy = { ...value };
  if (rest.length === 0) {
    if (next === undefined) delete copy[head];
    else copy[head] = next;
    return copy;
  }
  const child = copy[head];
  const childObject =
    child !== null && typeof child === 'object' && !Array.isArray(child)
      ? (child as Record<string, unknown>)
      : {};
  if (next === undefined && childObject === child && !Object.hasOwn(childObject, rest[0] as string))
    return copy;
  copy[head] = setPath(childObject, rest, next);
  return copy;
}
