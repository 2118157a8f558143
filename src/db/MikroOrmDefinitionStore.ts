import { LockMode } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { Finding } from '../manifest/Finding.js';
import type { Clock, DefinitionStore, SyncRunRecord, ValidManifest } from '../sync/ports.js';
import { SyncReason } from '../sync/reasons.js';
import {
  AttributeSchema,
  DefinitionSchema,
  EntityTypeSchema,
  FieldMappingSchema,
  ManifestStateSchema,
  RelationshipSchema,
  SyncRunSchema,
} from './entities/index.js';
import { lastSyncedRevision } from './lastSyncedRevision.js';
import { manifestRows } from './manifestRows.js';
import { markDefinitionsRemoved } from './markDefinitionsRemoved.js';
import { replaceNeverIngested, writeManifestStates } from './writeManifestStates.js';
import { syncRunToRow } from './syncRunRows.js';

const systemClock: Clock = { now: () => new Date() };

/** Rows per insert statement: 1,000 rows of at most 15 columns stay far below 65,535 parameters. */
const INSERT_CHUNK = 1000;

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) out.push(rows.slice(i, i + INSERT_CHUNK));
  return out;
}

/**
 * DefinitionStore on MikroORM (PGlite or PostgreSQL). Each method is one transaction on a
 * fresh EntityManager fork. Writes go through batch inserts and set-based updates, never
 * through the unit of work: the ORM's per-entity bookkeeping is most of a write's cost.
 */
export class MikroOrmDefinitionStore implements DefinitionStore {
  readonly #orm: MikroORM;
  readonly #clock: Clock;

  constructor(options: { orm: MikroORM; clock?: Clock }) {
    this.#orm = options.orm;
    this.#clock = options.clock ?? systemClock;
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

  /**
   * One transaction: lock the definition row (if any), update or insert it, delete its
   * children (attributes go with their entity types by ON DELETE CASCADE), batch-insert the
   * new children, retire any other definition still claiming the same path, and record the
   * path as active with the new checksum. Any failure rolls all of it back.
   */
  async saveManifest(valid: ValidManifest, revision: string): Promise<'added' | 'updated'> {
    const now = this.#clock.now();
    return this.#em().transactional(async (em) => {
      const { kind, key } = valid.manifest;
      const existing = await em.findOne(
        DefinitionSchema,
        { source: 'MANIFEST', kind, key },
        { fields: ['id', 'removedAt'], lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      const definitionId = existing?.id ?? randomUUID();
      const rows = manifestRows({ valid, revision, definitionId });
      if (existing) {
        await em.nativeUpdate(
          DefinitionSchema,
          { id: definitionId },
          { ...rows.definition, updatedAt: now, removedAt: null },
        );
        await em.nativeDelete(EntityTypeSchema, { definition: definitionId });
        await em.nativeDelete(RelationshipSchema, { definition: definitionId });
        await em.nativeDelete(FieldMappingSchema, { definition: definitionId });
      } else {
        await em.insert(DefinitionSchema, {
          id: definitionId,
          ...rows.definition,
          createdAt: now,
          updatedAt: now,
          removedAt: null,
        });
      }
      // Chunks keep each statement under PostgreSQL's 65,535 bind parameters.
      for (const chunk of chunks(rows.entityTypes)) await em.insertMany(EntityTypeSchema, chunk);
      for (const chunk of chunks(rows.attributes)) await em.insertMany(AttributeSchema, chunk);
      for (const chunk of chunks(rows.relationships))
        await em.insertMany(RelationshipSchema, chunk);
      for (const chunk of chunks(rows.mappings)) await em.insertMany(FieldMappingSchema, chunk);

      // A path serves one definition: if the file now declares another key, the old one goes.
      const others = await em.find(
        DefinitionSchema,
        { path: valid.path, source: 'MANIFEST', removedAt: null, id: { $ne: definitionId } },
        { fields: ['id'] },
      );
      await markDefinitionsRemoved(em, { ids: others.map((d) => d.id), at: now });

      await writeManifestStates(em, {
        paths: [valid.path],
        state: 'active',
        checksum: valid.checksum,
        findings: [],
        revision,
        at: now,
      });
      return existing && !existing.removedAt ? 'updated' : 'added';
    });
  }

  async markRemoved(paths: string[], revision: string): Promise<void> {
    if (paths.length === 0) return;
    const now = this.#clock.now();
    await this.#em().transactional(async (em) => {
      const definitions = await em.find(
        DefinitionSchema,
        { path: { $in: paths }, source: 'MANIFEST', removedAt: null },
        { fields: ['id'] },
      );
      await markDefinitionsRemoved(em, { ids: definitions.map((d) => d.id), at: now });
      await writeManifestStates(em, { paths, state: 'removed', findings: [], revision, at: now });
    });
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
