import { raw } from '@mikro-orm/core';
import type { FilterQuery, MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ManifestKind } from '../manifest/types.js';
import type { ManifestStateKind, SyncRunRecord } from '../sync/ports.js';
import type { ListDefinitionsQuery as CatalogListQuery } from '../http/ports.js';
import { decodeCursor, encodeCursor, InvalidCursorError, likePattern } from './catalogQuery.js';
import {
  toAttributeView,
  toDefinitionSummary,
  toEntityTypeView,
  toFieldMappingView,
  toManifestStateView,
  toRelationshipView,
} from './catalogViews.js';
import type {
  AttributeView,
  DefinitionDetail,
  DefinitionSummary,
  EntityTypeView,
  ManifestStateView,
  Page,
} from './catalogViews.js';
import {
  AttributeSchema,
  DefinitionSchema,
  EntityTypeSchema,
  FieldMappingSchema,
  ManifestStateSchema,
  RegistrySourceSchema,
  RelationshipSchema,
  SyncRunSchema,
} from './entities/index.js';
import type { DefinitionRow, DefinitionSource, ManifestStateRow } from './entities/index.js';
import { lastSyncedRevision } from './lastSyncedRevision.js';
import { rowToSyncRun } from './syncRunRows.js';
import { isUuid } from '../manifest/uuid.js';

/**
 * The catalog port's query, with `limit` optional here: a page size 1 to 200, default 50
 * (the HTTP layer always passes one from its page-limit table); a `cursor` that is not a
 * `nextCursor` of this reader throws InvalidCursorError.
 */
export type ListDefinitionsQuery = Omit<CatalogListQuery, 'limit' | 'source'> & {
  limit?: number;
  /** Only definitions of this origin (the recorded id of a source, see registry_source). */
  origin?: string;
};

/** Columns of a definition summary: everything but the (large) document. */
const SUMMARY_FIELDS = [
  'id',
  'kind',
  'key',
  'origin',
  'source',
  'readonly',
  'name',
  'description',
  'category',
  'provider',
  'tags',
  'path',
  'manifestVersion',
  'checksum',
  'revision',
  'createdAt',
  'updatedAt',
] as const;

/**
 * Read side of the catalog for the HTTP API: served (not removed) definitions and their
 * children, manifest states and sync runs. Read-only; each call uses its own fork.
 */
export class MikroOrmCatalogReader {
  readonly #orm: MikroORM;

  constructor(options: { orm: MikroORM }) {
    this.#orm = options.orm;
  }

  #em(): EntityManager {
    return this.#orm.em.fork() as unknown as EntityManager;
  }

  /** Served definitions of a kind, ordered by key, keyset-paginated. */
  async listDefinitions(query: ListDefinitionsQuery): Promise<Page<DefinitionSummary>> {
    const limit = Math.min(Math.max(Math.trunc(query.limit ?? 50), 1), 200);
    const em = this.#em();
    const qb = em
      .createQueryBuilder(DefinitionSchema, 'd')
      .select([...SUMMARY_FIELDS])
      .where({ kind: query.kind, removedAt: null });
    if (query.origin !== undefined) qb.andWhere({ origin: query.origin });
    if (query.category) qb.andWhere({ category: query.category });
    if (query.tag) qb.andWhere('d.tags @> ?::jsonb', [JSON.stringify([query.tag])]);
    if (query.q) {
      const pattern = likePattern(query.q);
      qb.andWhere({
        $or: [
          { key: { $ilike: pattern } },
          { name: { $ilike: pattern } },
          { description: { $ilike: pattern } },
        ],
      });
    }
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (query.cursor !== undefined && !after) throw new InvalidCursorError();
    if (after)
      qb.andWhere({
        $or: [{ key: { $gt: after.key } }, { key: after.key, source: { $gt: after.source } }],
      });
    const rows = await qb
      .orderBy({ key: 'asc', source: 'asc' })
      .limit(limit + 1)
      .getResultList();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(toDefinitionSummary),
      ...(rows.length > limit && last
        ? { nextCursor: encodeCursor({ key: last.key, source: last.source }) }
        : {}),
    };
  }

  /** One served definition with its entity types (and attributes), relationships and mappings. */
  async getDefinition(
    kind: ManifestKind,
    key: string,
    source: DefinitionSource = 'MANIFEST',
  ): Promise<DefinitionDetail | undefined> {
    const em = this.#em();
    const definition = await em.findOne(DefinitionSchema, { kind, key, source, removedAt: null });
    if (!definition) return undefined;
    const [entityTypes, relationships, mappings] = await Promise.all([
      this.#entityTypesOf(em, [definition]),
      em.find(
        RelationshipSchema,
        { definition: definition.id, removedAt: null },
        { orderBy: { position: 'asc' } },
      ),
      em.find(
        FieldMappingSchema,
        { definition: definition.id, removedAt: null },
        { orderBy: { position: 'asc' } },
      ),
    ]);
    return {
      ...toDefinitionSummary(definition),
      document: definition.document,
      entityTypes,
      relationships: relationships.map(toRelationshipView),
      mappings: mappings.map(toFieldMappingView),
    };
  }

  /** Served entity types with attributes, optionally of one kind and/or one definition key. */
  async listEntityTypes(
    filter: { kind?: ManifestKind; definitionKey?: string } = {},
  ): Promise<EntityTypeView[]> {
    const em = this.#em();
    const where: FilterQuery<DefinitionRow> = { removedAt: null };
    if (filter.kind) where.kind = filter.kind;
    if (filter.definitionKey) where.key = filter.definitionKey;
    const definitions = await em.find(DefinitionSchema, where, {
      fields: ['id', 'kind', 'key'],
      orderBy: { kind: 'asc', key: 'asc', source: 'asc' },
    });
    return this.#entityTypesOf(em, definitions);
  }

  async #entityTypesOf(
    em: EntityManager,
    definitions: Array<Pick<DefinitionRow, 'id' | 'kind' | 'key'>>,
  ): Promise<EntityTypeView[]> {
    if (definitions.length === 0) return [];
    const byId = new Map(definitions.map((d, i) => [d.id, { d, i }]));
    const entityTypes = await em.find(
      EntityTypeSchema,
      { definition: { $in: [...byId.keys()] }, removedAt: null },
      { orderBy: { position: 'asc' } },
    );
    const attributes = entityTypes.length
      ? await em.find(
          AttributeSchema,
          { entityType: { $in: entityTypes.map((e) => e.id) }, removedAt: null },
          { orderBy: { position: 'asc' } },
        )
      : [];
    const attributesOf = new Map<string, AttributeView[]>();
    for (const a of attributes) {
      const id = a.entityType.id;
      attributesOf.set(id, [...(attributesOf.get(id) ?? []), toAttributeView(a)]);
    }
    const rank = (definitionId: string): number => byId.get(definitionId)?.i ?? 0;
    return entityTypes
      .sort((a, b) => rank(a.definition.id) - rank(b.definition.id) || a.position - b.position)
      .map((et) => {
        const owner = byId.get(et.definition.id)?.d ?? { kind: 'integration' as const, key: '' };
        return toEntityTypeView(et, owner, attributesOf.get(et.id) ?? []);
      });
  }

  /** Every recorded manifest path, by path; optionally only those in one state. */
  /**
   * Manifest states by path; `state` filters, `q` keeps paths containing it (any case),
   * `after` and `limit` page through them in path order (keyset, so a page costs the same
   * wherever it starts).
   */
  async listManifestStates(
    filter: {
      state?: ManifestStateKind;
      q?: string;
      after?: { path: string; origin: string };
      limit?: number;
    } = {},
  ): Promise<ManifestStateView[]> {
    const em = this.#em();
    const where: FilterQuery<ManifestStateRow>[] = [];
    if (filter.state) where.push({ state: filter.state });
    if (filter.q) where.push({ path: { $ilike: likePattern(filter.q) } });
    // Keyset on (path, origin): two sources' copies of one path are two items, so a page
    // that ends between them resumes at the second, not past the path.
    // The redundant `path >= after` bounds the scan of the (path, origin) index where the
    // page starts; the `$or` alone would be a filter on a scan from the first row.
    if (filter.after)
      where.push(
        { path: { $gte: filter.after.path } },
        {
          $or: [
            { path: { $gt: filter.after.path } },
            { path: filter.after.path, origin: { $gt: filter.after.origin } },
          ],
        },
      );
    const rows = await em.find(ManifestStateSchema, where.length > 0 ? { $and: where } : {}, {
      orderBy: { path: 'asc', origin: 'asc' },
      ...(filter.limit !== undefined ? { limit: filter.limit } : {}),
    });
    if (rows.length === 0) return [];
    const paths = [...new Set(rows.map((r) => r.path))];
    const [sources, served] = await Promise.all([
      em.find(RegistrySourceSchema, {}, { fields: ['origin', 'name'] }),
      em
        .createQueryBuilder(DefinitionSchema)
        .select(['origin', 'path'])
        .where({ path: { $in: paths }, source: 'MANIFEST', removedAt: null })
        .execute<Array<{ origin: string; path: string }>>('all'),
    ]);
    const names = new Map(sources.map((s) => [s.origin, s.name]));
    const servedBy = new Map(served.map((d) => [d.path, d.origin]));
    return rows.map((row) => toManifestStateView(row, names, servedBy.get(row.path)));
  }

  /** Sync runs, newest first; `limit` 1 to 200, default 20. */
  async listSyncRuns(options: { limit?: number } = {}): Promise<SyncRunRecord[]> {
    const limit = Math.min(Math.max(Math.trunc(options.limit ?? 20), 1), 200);
    const rows = await this.#em().find(
      SyncRunSchema,
      {},
      { orderBy: { startedAt: 'desc', id: 'desc' }, limit },
    );
    return rows.map(rowToSyncRun);
  }

  /** The newest sync run, whatever its status. */
  async lastRun(): Promise<SyncRunRecord | undefined> {
    const [run] = await this.listSyncRuns({ limit: 1 });
    return run;
  }

  /** One sync run by id (undefined for an unknown or malformed id). */
  async getSyncRun(id: string): Promise<SyncRunRecord | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await this.#em().findOne(SyncRunSchema, { id });
    return row ? rowToSyncRun(row) : undefined;
  }

  /** Revision of the newest succeeded run, if any (the same answer as the store's). */
  lastSyncedRevision(): Promise<string | undefined> {
    return lastSyncedRevision(this.#em());
  }

  /** Number of recorded manifest paths in each state. */
  async countManifestStates(): Promise<Record<ManifestStateKind, number>> {
    const rows = await this.#em()
      .createQueryBuilder(ManifestStateSchema)
      .select(['state', raw('count(*) as n')])
      .groupBy('state')
      .execute<Array<{ state: ManifestStateKind; n: string | number }>>('all', false);
    const counts: Record<ManifestStateKind, number> = {
      active: 0,
      invalid: 0,
      removed: 0,
      'never-ingested': 0,
      shadowed: 0,
    };
    for (const row of rows) counts[row.state] = Number(row.n);
    return counts;
  }

  /** Resolves when the database answers a trivial query; throws otherwise. */
  async ping(): Promise<void> {
    await this.#em().getConnection().execute('select 1');
  }
}
