import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Finding } from '../manifest/Finding.js';
import type {
  Clock,
  DefinitionStore,
  RevisionChanges,
  RevisionWritten,
  SyncRunRecord,
  ValidManifest,
} from '../sync/ports.js';
import { SyncReason } from '../sync/reasons.js';
import { DefinitionSchema, ManifestStateSchema, SyncRunSchema } from './entities/index.js';
import { activeDefinitionIdsAt } from './definitionLookups.js';
import { lastSyncedRevision } from './lastSyncedRevision.js';
import { markDefinitionsRemoved } from './markDefinitionsRemoved.js';
import { replaceNeverIngested, writeManifestStates } from './writeManifestStates.js';
import { syncRunToRow } from './syncRunRows.js';
import { chunks, INSERT_CHUNK, saveManifests } from './saveManifests.js';
import { DEFAULT_FEED_RETENTION, type FeedRetention } from '../feed/ports.js';
import { diffServed, recordChangeEvent, servedAt, type WriteScope } from './recordChangeEvent.js';
import { ANALYZE_AFTER_MANIFESTS, refreshPlannerStatistics } from './refreshPlannerStatistics.js';

const systemClock: Clock = { now: () => new Date() };

/** How the store records the change feed (recordChangeEvent.ts). */
export interface StoreFeedOptions {
  retention?: FeedRetention;
  /** PostgreSQL: NOTIFY this channel with the event id inside the transaction. */
  notifyChannel?: string;
  /** Called after the transaction that recorded event `id` committed (PGlite's in-process signal). */
  onRecorded?: (id: number) => void;
}

/**
 * DefinitionStore on MikroORM (PGlite or PostgreSQL). Each method is one transaction on a
 * fresh EntityManager fork. Writes go through batch inserts and set-based updates, never
 * through the unit of work: the ORM's per-entity bookkeeping is most of a write's cost.
 */
export class MikroOrmDefinitionStore implements DefinitionStore {
  readonly #orm: MikroORM;
  readonly #clock: Clock;
  readonly #feed: StoreFeedOptions;
  /** The registry source this store reads and writes for (layered registries; `primary` alone). */
  readonly origin: string;

  constructor(options: { orm: MikroORM; clock?: Clock; feed?: StoreFeedOptions; origin?: string }) {
    this.#orm = options.orm;
    this.#clock = options.clock ?? systemClock;
    this.#feed = options.feed ?? {};
    this.origin = options.origin ?? 'primary';
  }

  /** The same database seen as the store of another source: the sync of that source writes through it. */
  forOrigin(origin: string): MikroOrmDefinitionStore {
    return new MikroOrmDefinitionStore({
      orm: this.#orm,
      clock: this.#clock,
      feed: this.#feed,
      origin,
    });
  }

  #em(): EntityManager {
    return this.#orm.em.fork() as unknown as EntityManager;
  }

  lastSyncedRevision(): Promise<string | undefined> {
    return lastSyncedRevision(this.#em(), this.origin);
  }

  async activeChecksums(paths?: readonly string[]): Promise<Map<string, string>> {
    if (paths?.length === 0) return new Map();
    const inPaths = paths ? `and "path" in (${paths.map(() => '?').join(', ')})` : '';
    // One round trip for both halves (a one-manifest sync made two). A shadowed copy is
    // this source's too (another source's copy is served over it): its checksum says it is
    // unchanged, and a full scan that misses it marks it removed. The shadowed rows come
    // second, so they win, as they did when read apart.
    const rows = await this.#em()
      .getConnection()
      .execute<Array<{ path: string; checksum: string | null; shadowed: boolean }>>(
        `select "path", "checksum", false as "shadowed" from "definition"
          where "origin" = ? and "source" = 'MANIFEST' and "removed_at" is null ${inPaths}
         union all
         select "path", "checksum", true from "manifest_state"
          where "origin" = ? and "state" = 'shadowed' ${inPaths}`,
        [this.origin, ...(paths ?? []), this.origin, ...(paths ?? [])],
        'all',
      );
    const out = new Map<string, string>();
    for (const r of rows) if (!r.shadowed && r.checksum) out.set(r.path, r.checksum);
    for (const r of rows) if (r.shadowed && r.checksum) out.set(r.path, r.checksum);
    return out;
  }

  async countActive(): Promise<number> {
    return this.#em().count(DefinitionSchema, {
      origin: this.origin,
      source: 'MANIFEST',
      removedAt: null,
    });
  }

  /** One transaction: the bulk save (saveManifests.ts) of one manifest. */
  async saveManifest(valid: ValidManifest, revision: string): Promise<'added' | 'updated'> {
    const now = this.#clock.now();
    const [outcome] = await this.#em().transactional((em) =>
      saveManifests(em, [valid], revision, now, this.origin),
    );
    return outcome ?? 'added';
  }

  async applyRevision(changes: RevisionChanges): Promise<RevisionWritten> {
    const { revision } = changes;
    const { origin } = this;
    const now = this.#clock.now();
    const scope: WriteScope = {
      paths: [
        ...changes.save.map((m) => m.path),
        ...changes.removed,
        ...(changes.shadowed ?? []).map((m) => m.path),
      ],
      keys: changes.save.map((m) => ({ kind: m.manifest.kind, key: m.manifest.key })),
    };
    const written = await this.#em().transactional(async (em) => {
      const previousRevision = await lastSyncedRevision(em, origin);
      const before = await servedAt(em, scope);
      const outcomes = await saveManifests(em, changes.save, revision, now, origin);
      for (const paths of chunks(changes.recovered))
        await writeManifestStates(em, {
          origin,
          paths,
          state: 'active',
          findings: [],
          revision,
          at: now,
        });
      for (const entry of changes.invalid)
        await writeManifestStates(em, {
          origin,
          paths: [entry.path],
          state: 'invalid',
          findings: entry.findings,
          revision,
          at: now,
        });
      for (const paths of chunks(changes.removed))
        await this.#markRemovedIn(em, paths, revision, now);
      const shadowedPaths = (changes.shadowed ?? []).map((s) => s.path);
      if (shadowedPaths.length > 0) {
        // A shadowed copy is not served: a definition this source served there retires.
        const served = await activeDefinitionIdsAt(em, shadowedPaths, origin);
        await markDefinitionsRemoved(em, { ids: served, at: now });
      }
      for (const entry of changes.shadowed ?? [])
        await writeManifestStates(em, {
          origin,
          paths: [entry.path],
          state: 'shadowed',
          checksum: entry.checksum,
          findings: [],
          detail: entry.detail,
          revision,
          at: now,
        });
      for (const entry of changes.displaced ?? [])
        await writeManifestStates(em, {
          origin: entry.origin,
          paths: [entry.path],
          state: 'shadowed',
          findings: [],
          detail: entry.detail,
          revision,
          at: now,
        });
      await replaceNeverIngested(em, {
        origin,
        paths: [],
        detail: '',
        revision,
        at: now,
        chunkSize: INSERT_CHUNK,
      });
      // The feed's event commits with the revision or not at all.
      const eventId = await recordChangeEvent(em, {
        revision,
        previousRevision,
        changes: diffServed(before, await servedAt(em, scope)),
        at: now,
        retention: this.#feed.retention ?? DEFAULT_FEED_RETENTION,
        notifyChannel: this.#feed.notifyChannel,
      });
      return {
        added: outcomes.filter((o) => o === 'added').length,
        updated: outcomes.filter((o) => o === 'updated').length,
        ...(eventId === undefined ? {} : { eventId }),
      };
    });
    if (written.eventId !== undefined) this.#feed.onRecorded?.(written.eventId);
    // A write this large changed the tables' size; the next sync's lookups are planned on it.
    if (changes.save.length + changes.removed.length >= ANALYZE_AFTER_MANIFESTS)
      // The revision has committed: a failure here leaves the old statistics, not a failed run.
      await refreshPlannerStatistics(this.#em()).catch(() => undefined);
    return written;
  }

  async #markRemovedIn(em: EntityManager, paths: string[], revision: string, now: Date) {
    // A join to the paths (definitionLookups.ts): `path in (...)` of a large removal is taken
    // for the whole table by the planner when the table was not analyzed since it filled.
    const ids = await activeDefinitionIdsAt(em, paths, this.origin);
    await markDefinitionsRemoved(em, { ids, at: now });
    await writeManifestStates(em, {
      origin: this.origin,
      paths,
      state: 'removed',
      findings: [],
      revision,
      at: now,
    });
  }

  async markRemoved(paths: string[], revision: string): Promise<void> {
    if (paths.length === 0) return;
    const now = this.#clock.now();
    await this.#em().transactional((em) => this.#markRemovedIn(em, paths, revision, now));
  }

  async markInvalid(path: string, findings: Finding[], revision: string): Promise<void> {
    const now = this.#clock.now();
    await this.#em().transactional(async (em) => {
      await writeManifestStates(em, {
        origin: this.origin,
        paths: [path],
        state: 'invalid',
        findings,
        revision,
        at: now,
      });
    });
  }

  async invalidPaths(): Promise<Set<string>> {
    const rows = await this.#em()
      .createQueryBuilder(ManifestStateSchema)
      .select(['path'])
      .where({ origin: this.origin, state: 'invalid' })
      .execute<Array<{ path: string }>>('all');
    return new Set(rows.map((r) => r.path));
  }

  async markValid(paths: string[], revision: string): Promise<void> {
    if (paths.length === 0) return;
    const now = this.#clock.now();
    await this.#em().transactional(async (em) => {
      await writeManifestStates(em, {
        origin: this.origin,
        paths,
        state: 'active',
        findings: [],
        revision,
        at: now,
      });
    });
  }

  async markNeverIngested(
    paths: readonly string[],
    revision: string,
    detail: string,
  ): Promise<void> {
    const now = this.#clock.now();
    await this.#em().transactional((em) =>
      replaceNeverIngested(em, {
        origin: this.origin,
        paths,
        detail,
        revision,
        at: now,
        chunkSize: INSERT_CHUNK,
      }),
    );
  }

  async closeInterruptedRuns(currentId: string, at: Date): Promise<number> {
    return this.#em()
      .createQueryBuilder(SyncRunSchema)
      .update({
        status: 'failed',
        reason: SyncReason.Interrupted,
        message: 'the process running this sync stopped before it finished',
        finishedAt: at,
      })
      .where({ status: 'running', id: { $ne: currentId } })
      .execute<{ affectedRows: number }>('run')
      .then((result) => result.affectedRows);
  }

  async pruneRuns(keep: number): Promise<number> {
    // One statement; the newest succeeded run of every source (origin) stays: it holds
    // that source's last synced revision.
    const result = await this.#em()
      .getConnection()
      .execute<{ affectedRows: number }>(
        `delete from "sync_run" as r
          where r."status" <> 'running'
            and r."id" in (select "id" from "sync_run" order by "started_at" desc, "id" desc offset ?)
            and r."id" not in (
              select distinct on ("origin") "id" from "sync_run"
               where "status" = 'succeeded' and "to_revision" is not null
               order by "origin", "started_at" desc)`,
        [keep],
        'run',
      );
    return result.affectedRows;
  }

  async saveRun(run: SyncRunRecord): Promise<void> {
    await this.#em().upsert(SyncRunSchema, syncRunToRow(run, this.origin), {
      onConflictFields: ['id'],
      onConflictAction: 'merge',
    });
  }
}
