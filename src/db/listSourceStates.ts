import type { EntityManager } from '@mikro-orm/postgresql';
import type { SourceStateRecord } from '../http/ports.js';
import { SyncRunSchema } from './entities/index.js';
import { rowToSyncRun } from './syncRunRows.js';

/**
 * Every registry source the database knows (`registry_source`, by position) with what its
 * runs recorded: the revision it serves (its newest succeeded run's), its newest finished
 * run and its newest run that did not succeed (failed, gated, refused). Two statements
 * whatever the number of sources: the ids come from correlated subqueries on
 * `sync_run (origin, status, started_at)`, then the runs are read by id.
 */
export async function listSourceStates(em: EntityManager): Promise<SourceStateRecord[]> {
  const rows = await em.getConnection().execute<
    Array<{
      origin: string;
      name: string;
      position: number;
      revision: string | null;
      last_id: string | null;
      error_id: string | null;
    }>
  >(
    `select s."origin", s."name", s."position",
       (select r."to_revision" from "sync_run" r
         where r."origin" = s."origin" and r."status" = 'succeeded' and r."to_revision" is not null
         order by r."started_at" desc limit 1) as "revision",
       (select r."id" from "sync_run" r
         where r."origin" = s."origin" and r."status" in ('succeeded', 'failed', 'gated', 'refused')
         order by r."started_at" desc limit 1) as "last_id",
       (select r."id" from "sync_run" r
         where r."origin" = s."origin" and r."status" in ('failed', 'gated', 'refused')
         order by r."started_at" desc limit 1) as "error_id"
     from "registry_source" s order by s."position"`,
  );
  const ids = [
    ...new Set(rows.flatMap((r) => [r.last_id, r.error_id]).filter((id) => id !== null)),
  ];
  const runs =
    ids.length === 0
      ? new Map()
      : new Map(
          (await em.find(SyncRunSchema, { id: { $in: ids } })).map((row) => [
            row.id,
            rowToSyncRun(row),
          ]),
        );
  return rows.map((r) => {
    const lastRun = r.last_id === null ? undefined : runs.get(r.last_id);
    const lastError = r.error_id === null ? undefined : runs.get(r.error_id);
    return {
      origin: r.origin,
      name: r.name,
      position: Number(r.position),
      ...(r.revision !== null ? { revision: r.revision } : {}),
      ...(lastRun ? { lastRun } : {}),
      ...(lastError ? { lastError } : {}),
    };
  });
}
