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
import { lastSyncedRevision } from './lastSyncedRevision.js';
import { markDefinitionsRemoved } from './markDefinitionsRemoved.js';
import { replaceNeverIngested, writeManifestStates } from './writeManifestStates.js';
import { syncRunToRow } from './syncRunRows.js';
import { chunks, INSERT_CHUNK, saveManifests } from './saveManifests.js';
import { DEFAULT_FEED_RETENTION, type FeedRetention } from '../feed/ports.js';
import { diffServed, recordChangeEvent, servedAt, type WriteScope } from './recordChangeEvent.js';

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

  constructor(options: { orm: MikroORM; clock?: Clock; feed?: StoreFeedOptions }) {
    this.#orm = options.orm;
    this.#clock = options.clock ?? systemClock;
    this.#feed = options.feed ?? {};
  }

  #em(): EntityManager {
    return this.#orm.em.fork() as unknown as EntityManager;
  }

  lastSyncedRevision(): Promise<string | undefined> {
    return lastSyncedRevision(this.#em());
  }

  async activeChecksums(paths?: readonly string[]): Promise<Map<string, string>> {
    if (paths?.length === 0) return new Map();
    const rows = await this.#em()
      .createQueryBuilder(DefinitionSchema)
      .select(['path', 'checksum'])
      .where({
        source: 'MANIFEST',
        removedAt: null,
        ...(paths ? { path: { $in: [...paths] } } : {}),
      })
      .execute<Array<{ path: string; checksum: string }>>('all');
    return new Map(rows.map((r) => [r.path, r.checksum]));
  }

  async countActive(): Promise<number> {
    return this.#em().count(DefinitionSchema, { source: 'MANIFEST', removedAt: null });
  }

  /** One transaction: the bulk save (saveManifests.ts) of one manifest. */
  async saveManifest(valid: ValidManifest, revision: string): Promise<'added' | 'updated'> {
    const now = this.#clock.now();
    const [outcome] = await this.#em().transactional((em) =>
      saveManifests(em, [valid], revision, now),
    );
    return outcome ?? 'added';
  }

  async applyRevision(changes: RevisionChanges): Promise<RevisionWritten> {
    const { revision } = changes;
    const now = this.#clock.now();
    const scope: WriteScope = {
      paths: [...changes.save.map((m) => m.path), ...changes.removed],
      keys: changes.save.map((m) => m.manifest.key),
    };
    const written = await this.#em().transactional(async (em) => {
      const previousRevision = await lastSyncedRevision(em);
      const before = await servedAt(em, scope);
      const outcomes = await saveManifests(em, changes.save, revision, now);
      for (const paths of chunks(changes.recovered))
        await writeManifestStates(em, { paths, state: 'active', findings: [], revision, at: now });
      for (const entry of changes.invalid)
        await writeManifestStates(em, {
          paths: [entry.path],
          state: 'invalid',
          findings: entry.findings,
          revision,
          at: now,
        });
      for (const paths of chunks(changes.removed))
        await this.#markRemovedIn(em, paths, revision, now);
      await replaceNeverIngested(em, {
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
    return written;
  }

  async #markRemovedIn(em: EntityManager, paths: string[], revision: string, now: Date) {
    const definitions = await em.find(
      DefinitionSchema,
      { path: { $in: paths }, source: 'MANIFEST', removedAt: null },
      { fields: ['id'] },
    );
    await markDefinitionsRemoved(em, { ids: definitions.map((d) => d.id), at: now });
    await writeManifestStates(em, { paths, state: 'removed', findings: [], revision, at: now });
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
      .where({ state: 'invalid' })
      .execute<Array<{ path: string }>>('all');
    return new Set(rows.map((r) => r.path));
  }

  async markValid(paths: string[], revision: string): Promise<void> {
    if (paths.length === 0) return;
    const now = this.#clock.now();
    await this.#em().transactional(async (em) => {
      await writeManifestStates(em, { paths, state: 'active', findings: [], revision, at: now });
    });
  }

  async markNeverIngested(
    paths: readonly string[],
    revision: string,
    detail: string,
  ): Promise<void> {
    const now = this.#clock.now();
    await this.#em().transactional((em) =>
      replaceNeverIngested(em, { paths, detail, revision, at: now, chunkSize: INSERT_CHUNK }),
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
    // One statement; `is distinct from` keeps the newest succeeded run even when there is none.
    const result = await this.#em()
      .getConnection()
      .execute<{ affectedRows: number }>(
        `delete from "sync_run" as r
          where r."status" <> 'running'
            and r."id" in (select "id" from "sync_run" order by "started_at" desc, "id" desc offset ?)
            and r."id" is distinct from (
              select "id" from "sync_run" where "status" = 'succeeded' and "to_revision" is not null
              order by "started_at" desc limit 1)`,
        [keep],
        'run',
      );
    return result.affectedRows;
  }

  async saveRun(run: SyncRunRecord): Promise<void> {
    await this.#em().upsert(SyncRunSchema, syncRunToRow(run), {
      onConflictFields: ['id'],
      onConflictAction: 'merge',
    });
  }
}
