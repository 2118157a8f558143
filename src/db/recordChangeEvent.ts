/**
 * The change event of one revision write, inside its transaction (see
 * MikroOrmDefinitionStore.applyRevision): what the catalog served before and after the
 * write, by kind and key, compared; one `change_event` row when anything differs; the
 * retention applied; and, on PostgreSQL, a NOTIFY that PostgreSQL delivers at commit.
 *
 * Everything here goes through the transactional EntityManager it is given (`em.execute`,
 * its query builder): `em.getConnection().execute` would run on another pooled session,
 * outside the transaction, and could announce an event that is then rolled back.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { DefinitionChange, FeedRetention } from '../feed/ports.js';
import {
  DEFINITIONS_AT_PATHS,
  definitionsOfPairs,
  pairsParameter,
  pathsParameter,
  type KindAndKey,
} from './definitionLookups.js';

/** What the catalog serves for one kind and key. */
interface Served {
  kind: 'integration' | 'template';
  key: string;
  checksum: string;
}

/** The paths and kinds and keys a revision write can touch: what `servedAt` reads. */
export interface WriteScope {
  paths: readonly string[];
  keys: readonly KindAndKey[];
}

const idOf = (s: { kind: string; key: string }) => `${s.kind}\u0000${s.key}`;

/**
 * The active manifest definitions at `scope`'s paths or with its kinds and keys, by kind
 * and key. Read before and after the write with the same scope, the two cover every
 * definition the write added, replaced or retired (a save retires the old key of its path; a
 * removal retires its path's definition).
 *
 * One statement whatever the scope's size (a one-manifest sync made four round trips once,
 * and a cold sync one per thousand paths and keys): both halves are joins to the values given
 * as JSON parameters, one index probe each (definitionLookups.ts says why not `in (...)`).
 */
export async function servedAt(em: EntityManager, scope: WriteScope): Promise<Map<string, Served>> {
  const out = new Map<string, Served>();
  const parts: string[] = [];
  const params: string[] = [];
  if (scope.paths.length > 0) {
    parts.push(`select "d"."kind", "d"."key", "d"."checksum" ${DEFINITIONS_AT_PATHS}
      where "d"."source" = 'MANIFEST' and "d"."removed_at" is null`);
    params.push(pathsParameter(scope.paths));
  }
  if (scope.keys.length > 0) {
    parts.push(`select "d"."kind", "d"."key", "d"."checksum" ${definitionsOfPairs()}
      where "d"."removed_at" is null`);
    params.push(pairsParameter(scope.keys));
  }
  if (parts.length === 0) return out;
  const rows = await em.execute<Served[]>(parts.join('\n union all\n'), params, 'all');
  for (const row of rows) out.set(idOf(row), row);
  return out;
}

/** Every difference between two reads of `servedAt`, sorted by kind then key. */
export function diffServed(
  before: Map<string, Served>,
  after: Map<string, Served>,
): DefinitionChange[] {
  const changes: DefinitionChange[] = [];
  for (const [id, old] of before) {
    const now = after.get(id);
    if (!now)
      changes.push({
        ...key(old),
        change: 'removed',
        oldChecksum: old.checksum,
        newChecksum: null,
      });
    else if (now.checksum !== old.checksum)
      changes.push({
        ...key(old),
        change: 'updated',
        oldChecksum: old.checksum,
        newChecksum: now.checksum,
      });
  }
  for (const [id, now] of after)
    if (!before.has(id))
      changes.push({ ...key(now), change: 'added', oldChecksum: null, newChecksum: now.checksum });
  return changes.sort((a, b) =>
    a.kind === b.kind ? (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) : a.kind < b.kind ? -1 : 1,
  );
}

const key = (s: Served) => ({ kind: s.kind, key: s.key });

/** What recordChangeEvent writes. */
export interface ChangeEventInput {
  revision: string;
  previousRevision: string | undefined;
  changes: readonly DefinitionChange[];
  at: Date;
  retention: FeedRetention;
  /** PostgreSQL: the channel to NOTIFY with the new id (delivered at commit). */
  notifyChannel?: string;
}

/**
 * Inserts the event (when `changes` is not empty), prunes the history to the retention
 * (moving the horizon `change_feed.pruned_through`, and dropping the deliveries of pruned
 * events), and sends the NOTIFY. Returns the new event's id, or undefined when nothing
 * changed.
 */
export async function recordChangeEvent(
  em: EntityManager,
  input: ChangeEventInput,
): Promise<number | undefined> {
  if (input.changes.length === 0) return undefined;
  // Two statements, not four: the insert carries the NOTIFY (queued by PostgreSQL, sent at
  // commit), and the prune carries the deletion of the pruned events' deliveries. Both
  // run in the caller's transaction, so the NOTIFY still goes out only if it commits.
  const insert = `insert into "change_event" ("revision", "previous_revision", "changes", "recorded_at")
       values (?, ?, ?::jsonb, ?) returning "id"`;
  const [row] = await em.execute<Array<{ id: string | number }>>(
    input.notifyChannel
      ? `with "added" as (${insert}) select "id", pg_notify(?, "id"::text) from "added"`
      : insert,
    [
      input.revision,
      input.previousRevision ?? null,
      JSON.stringify(input.changes),
      input.at,
      ...(input.notifyChannel ? [input.notifyChannel] : []),
    ],
    'all',
  );
  const id = Number(row?.id);
  const oldest = new Date(input.at.getTime() - input.retention.maxAgeMs);
  // One statement sees one snapshot: "gone" sees the event inserted above (an earlier
  // statement), and the deliveries go up to the new horizon computed here, not to the
  // one the update writes (which this statement cannot read back).
  await em.execute(
    `with "gone" as (
       delete from "change_event"
        where "id" <= coalesce((select "id" from "change_event" order by "id" desc
                                 offset ? limit 1), 0)
           or "recorded_at" < ?
        returning "id"),
     "horizon" as (
       select greatest("pruned_through", coalesce((select max("id") from "gone"), 0)) as "through"
         from "change_feed" where "id" = 1),
     "feed" as (
       update "change_feed" set "pruned_through" = (select "through" from "horizon")
        where "id" = 1)
     delete from "notify_delivery"
      where "event_id" <= (select "through" from "horizon")`,
    [input.retention.maxEvents, oldest],
    'run',
  );
  return id;
}
