/**
 * Manifest definitions by kind and key, or by path, looked up as a join against the wanted
 * values, inside the caller's transaction: the locking read of a save, its retirement of a
 * path's other definition, and the served-catalog reads of a revision's change event.
 *
 * Why a join and not `key in (...)`: the only index that leads to a key is
 * `(source, kind, key)`. Filtered by source and key alone, `kind` is an unbounded middle
 * column, so PostgreSQL walks every `MANIFEST` entry once per key, and a lookup of a batch of
 * keys cost batch size times table size: one lookup of 1,000 keys among 100,000 definitions
 * took 25.6 s under load, and a cold sync does one per batch, so its cost grew with the square
 * of the registry. Adding `kind = any(...)` fixed that plan but not the planner: on a table
 * filled in the same transaction (never analyzed) it estimates that a list of 500 keys
 * matches every row and picked a bitmap scan of `(source, kind)` with the keys as a filter,
 * the same walk. Joined to the pairs as a relation, each pair is one probe of the unique
 * index, and the planner knows each probe returns at most one row (docs/performance.md,
 * "Issue 13 points 1 and 7"). Paths go the same way: `path in (500 paths)` on a table never
 * analyzed is estimated the same way, as every row.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ManifestKind } from '../manifest/types.js';

/** One manifest definition as the lookups return it. */
export interface KindKeyRow {
  id: string;
  kind: ManifestKind;
  key: string;
  checksum: string;
  removedAt: Date | null;
}

/** A kind and key to look up. */
export interface KindAndKey {
  kind: ManifestKind;
  key: string;
}

/**
 * The SQL that joins `definition` to the pairs given as one JSON parameter (alias `d`, its
 * columns `id`, `kind`, `key`, `checksum`, `removed_at`); with `lock`, each row found is
 * locked `FOR UPDATE`. The lateral subquery with `limit 1` (one row at most: the key is
 * unique) is a fence the planner cannot flatten: it probes the index once per pair. As a
 * plain join, on a table never analyzed, it estimated `source = 'MANIFEST'` at 35 of 20,000
 * rows and hashed a scan of all of them.
 */
export function definitionsOfPairs(options: { lock?: boolean } = {}): string {
  return `from json_to_recordset(?::json) as "wanted"("kind" text, "key" text)
  cross join lateral (
    select "id", "kind", "key", "checksum", "removed_at", "path", "origin" from "definition"
     where "source" = 'MANIFEST' and "kind" = "wanted"."kind" and "key" = "wanted"."key"
     limit 1${options.lock ? ' for update' : ''}) as "d"`;
}

/**
 * The SQL that joins `definition` to the paths given as one JSON array parameter (alias
 * `d`, the same columns and its `source`). The fence (`offset 0`) keeps one probe of the path
 * index per path, and `source` is tested outside it: inside, the planner may take the
 * `source` index instead, as selective as `path` by its estimate and a walk of every
 * `MANIFEST` row in fact.
 */
export const DEFINITIONS_AT_PATHS = `from json_array_elements_text(?::json) as "wanted"("path")
  cross join lateral (
    select "id", "kind", "key", "checksum", "removed_at", "path", "origin", "source"
      from "definition" where "path" = "wanted"."path" offset 0) as "d"`;

/** `paths` without repeats, as the JSON parameter of `DEFINITIONS_AT_PATHS`. */
export function pathsParameter(paths: readonly string[]): string {
  return JSON.stringify([...new Set(paths)]);
}

/** `pairs` without repeats, as the JSON parameter of `definitionsOfPairs`. */
export function pairsParameter(pairs: readonly KindAndKey[]): string {
  const seen = new Map<string, KindAndKey>();
  for (const { kind, key } of pairs) seen.set(`${kind}\u0000${key}`, { kind, key });
  return JSON.stringify([...seen.values()]);
}

/**
 * The `MANIFEST` definitions (removed ones too) of `pairs`, in `em`'s transaction; with
 * `lock`, each row is locked `FOR UPDATE` until the transaction ends.
 */
export async function definitionsByKindAndKey(
  em: EntityManager,
  pairs: readonly KindAndKey[],
  options: { lock?: boolean } = {},
): Promise<KindKeyRow[]> {
  if (pairs.length === 0) return [];
  const rows = await em.execute<
    Array<{
      id: string;
      kind: ManifestKind;
      key: string;
      checksum: string;
      removed_at: Date | string | null;
    }>
  >(
    `select "d"."id", "d"."kind", "d"."key", "d"."checksum", "d"."removed_at"
     ${definitionsOfPairs(options)}`,
    [pairsParameter(pairs)],
    'all',
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    key: r.key,
    checksum: r.checksum,
    removedAt: r.removed_at === null ? null : new Date(r.removed_at),
  }));
}

/** The ids of the active `MANIFEST` definitions of `origin` at `paths`, in `em`'s transaction. */
export async function activeDefinitionIdsAt(
  em: EntityManager,
  paths: readonly string[],
  origin: string,
): Promise<string[]> {
  if (paths.length === 0) return [];
  const rows = await em.execute<Array<{ id: string }>>(
    `select "d"."id" ${DEFINITIONS_AT_PATHS}
      where "d"."source" = 'MANIFEST' and "d"."origin" = ? and "d"."removed_at" is null`,
    [pathsParameter(paths), origin],
    'all',
  );
  return rows.map((r) => r.id);
}
