import type { Database } from './openDatabase.js';
import { decodeCursor } from './catalogQuery.js';
import type { AttributeView, EntityTypeView } from './catalogViews.js';
import { SyncRunSchema } from './entities/index.js';
import { rowToSyncRun } from './syncRunRows.js';
import type { Attribute, DataType, EntityType } from '../manifest/types.js';
import type {
  CatalogQueries,
  DefinitionPage,
  EntityTypeEntry,
  ListDefinitionsQuery,
  ManifestStateEntry,
  SourceStateRecord,
} from '../http/ports.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { listSourceStates } from './listSourceStates.js';
import type { ManifestStateKind, SyncRunRecord } from '../sync/ports.js';

/**
 * CatalogQueries over the database adapter: the catalog reader (MikroOrmCatalogReader) for
 * definitions, entity types, manifest states and run history; the store for the synced
 * revision; and three small queries the reader does not have (one run by id, counts by
 * state, a ping), written here against the db entities. `badCursor` makes the error a
 * cursor this service did not issue is answered with (the HTTP layer's, handed in by the
 * composition root so this adapter does not import it).
 */
export class DbCatalogQueries implements CatalogQueries {
  readonly #badCursor: () => Error;

  constructor(
    private readonly db: Database,
    options: { badCursor: () => Error },
  ) {
    this.#badCursor = options.badCursor;
  }

  /**
   * Origin (the recorded id) to source name. A database whose rows predate the source table
   * (or an origin no source row names) shows the origin itself.
   */
  async #names(): Promise<(origin: string) => string> {
    const sources = await this.db.layers.listSources();
    const byOrigin = new Map(sources.map((s) => [s.origin, s.name]));
    return (origin) => byOrigin.get(origin) ?? origin;
  }

  async sourceNames(): Promise<string[]> {
    return (await this.db.layers.listSources()).map((s) => s.name);
  }

  async listDefinitions(query: ListDefinitionsQuery): Promise<DefinitionPage> {
    if (query.cursor !== undefined && !decodeCursor(query.cursor)) throw this.#badCursor();
    const { source, ...rest } = query;
    const sources = await this.db.layers.listSources();
    const nameOf = new Map(sources.map((s) => [s.origin, s.name]));
    const origin =
      source === undefined ? undefined : sources.find((s) => s.name === source)?.origin;
    // A name no source has (the route refuses those first) matches nothing.
    if (source !== undefined && origin === undefined) return { items: [] };
    const page = await this.db.catalog.listDefinitions({
      ...rest,
      ...(origin !== undefined ? { origin } : {}),
    });
    return {
      items: page.items.map((d) => ({
        ...d,
        origin: nameOf.get(d.origin) ?? d.origin,
        category: d.category ?? null,
        provider: d.provider ?? null,
      })),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  }

  async getDefinition(kind: 'integration' | 'template', key: string) {
    const [detail, nameOf] = await Promise.all([
      this.db.catalog.getDefinition(kind, key),
      this.#names(),
    ]);
    if (!detail) return undefined;
    return {
      ...detail,
      origin: nameOf(detail.origin),
      category: detail.category ?? null,
      provider: detail.provider ?? null,
    };
  }

  async listEntityTypes(filter: {
    kind?: 'integration' | 'template';
    key?: string;
  }): Promise<EntityTypeEntry[]> {
    const views = await this.db.catalog.listEntityTypes({
      kind: filter.kind,
      definitionKey: filter.key,
    });
    return views.map(toEntry);
  }

  async listManifestStates(
    options: Parameters<CatalogQueries['listManifestStates']>[0] = {},
  ): Promise<ManifestStateEntry[]> {
    const views = await this.db.catalog.listManifestStates(options);
    return views.map((v) => ({
      ...v,
      kind: v.kind ?? null,
      key: v.key ?? null,
      checksum: v.checksum ?? null,
    }));
  }

  countManifestStates(): Promise<Record<ManifestStateKind, number>> {
    return this.db.catalog.countManifestStates();
  }

  listSyncRuns(limit: number): Promise<SyncRunRecord[]> {
    return this.db.catalog.listSyncRuns({ limit });
  }

  listSourceStates(): Promise<SourceStateRecord[]> {
    return listSourceStates(this.db.orm.em.fork() as unknown as EntityManager);
  }

  async getSyncRun(id: string): Promise<SyncRunRecord | undefined> {
    const row = await this.db.orm.em.fork().findOne(SyncRunSchema, { id });
    return row ? rowToSyncRun(row) : undefined;
  }

  lastSyncedRevision(): Promise<string | undefined> {
    return this.db.store.lastSyncedRevision();
  }

  async ping(): Promise<void> {
    const check = await this.db.orm.checkConnection();
    if (!check.ok) throw new Error(check.reason);
  }
}

function toEntry(view: EntityTypeView): EntityTypeEntry {
  const entityType: EntityType = {
    key: view.key,
    displayName: view.displayName,
    ...(view.description !== undefined ? { description: view.description } : {}),
    readonly: view.readonly,
    ...(view.primaryKey !== undefined ? { primaryKey: view.primaryKey } : {}),
    attributes: view.attributes.map(toAttribute),
    ...(view.semantic !== undefined ? { semantic: view.semantic } : {}),
  };
  return { definition: { kind: view.definitionKind, key: view.definitionKey }, entityType };
}

function toAttribute(view: AttributeView): Attribute {
  return {
    key: view.key,
    ...(view.displayName !== undefined ? { displayName: view.displayName } : {}),
    dataType: view.dataType as DataType,
    list: view.list,
    required: view.required,
    ...(view.enumValues !== undefined ? { enumValues: view.enumValues } : {}),
    ...(view.references !== undefined ? { references: view.references } : {}),
    ...(view.validation !== undefined ? { validation: view.validation } : {}),
    ...(view.semantic !== undefined ? { semantic: view.semantic } : {}),
  };
}
