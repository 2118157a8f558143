/**
 * The canonical textual form of a UUID (RFC 9562), any version, either case. Written without
 * flags, so its `source` is also the OpenAPI document's `pattern` (JSON Schema has no `i`).
 */
export const UUID_PATTERN =
  /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * True when `value` is a UUID in canonical form. Ids of rows (connections, workspaces, sync
 * runs) are checked with it before they reach a `uuid` column, which would refuse anything
 * else with a database error instead of a 404.
 */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}
