/**
 * The small interfaces the HTTP layer reads and drives. The service's routes speak only to
 * these; `createHttpRuntime.ts` adapts the database, the sync engine, the mapping engine and
 * the GitHub webhook helpers to them. Each port holds what a route needs and no more.
 */
import type { Finding } from '../manifest/Finding.js';
import type { EntityType, Manifest, ManifestKind, ModelMapping } from '../manifest/types.js';
import type { MappingFinding, MappingMode } from '../mapping/types.js';
import type { ManifestStateKind, SyncRunRecord, SyncRunOptions } from './syncTypes.js';

/** One definition in a listing (no document: listings stay small). */
export interface DefinitionSummary {
  kind: ManifestKind;
  key: string;
  name: string;
  description: string;
  /** Integration category; null for templates. */
  category: string | null;
  provider: string | null;
  tags: string[];
  path: string;
  /** Revision at which this version of the definition was written. */
  revision: string;
  checksum: string;
  updatedAt: Date;
  /**
   * Name of the registry source the served copy comes from (layered registries: the name
   * `GET /api/v1/sync` lists and `?source=` takes).
   */
  origin: string;
}

/** One definition with its whole validated manifest. */
export interface DefinitionDetail extends DefinitionSummary {
  manifestVersion: string;
  document: Manifest;
}

/**
 * A page request of `GET /api/v1/integrations` or `/templates`: kind, filters and the cursor of
 * the previous page.
 */
export interface ListDefinitionsQuery {
  kind: ManifestKind;
  category?: string;
  tag?: string;
  /** Free text, matched case-insensitively against key, name and description. */
  q?: string;
  /** Only definitions served from the registry source of this name. */
  source?: string;
  /** The `nextCursor` of the previous page (opaque). */
  cursor?: string;
  limit: number;
}

/** One page of definitions; `nextCursor` is absent on the last page. */
export interface DefinitionPage {
  items: DefinitionSummary[];
  nextCursor?: string;
}

/** An entity type with the definition it belongs to. */
export interface EntityTypeEntry {
  definition: { kind: ManifestKind; key: string };
  entityType: EntityType;
}

/** Per-path state as `GET /manifests` shows it. */
export interface ManifestStateEntry {
  path: string;
  kind: ManifestKind | null;
  key: string | null;
  state: ManifestStateKind;
  /** Checksum of the version served (the last good one for an invalid path). */
  checksum: string | null;
  findings: Finding[];
  /** Why the path is in its state when findings do not say it (`never-ingested`); else null. */
  detail: string | null;
  revision: string;
  updatedAt: Date;
}

/** Catalog reads against the database (implemented by src/db/DbCatalogQueries.ts). */
export interface CatalogQueries {
  /** Definitions ordered by key, one page. Throws ApiError INVALID_QUERY for a cursor it did not issue. */
  listDefinitions(query: ListDefinitionsQuery): Promise<DefinitionPage>;
  /**
   * Names of the registry sources definitions can come from, in configured order (sources
   * removed from the configuration whose definitions are still recorded come last).
   */
  sourceNames(): Promise<string[]>;
  /** A non-removed definition, or undefined. */
  getDefinition(kind: ManifestKind, key: string): Promise<DefinitionDetail | undefined>;
  /** Entity types of non-removed definitions, optionally of one definition. */
  listEntityTypes(filter: { kind?: ManifestKind; key?: string }): Promise<EntityTypeEntry[]>;
  /** Every recorded manifest path, sorted by path. */
  /** Manifest states in path order; see MikroOrmCatalogReader.listManifestStates. */
  listManifestStates(options?: {
    state?: ManifestStateKind;
    q?: string;
    after?: string;
    limit?: number;
  }): Promise<ManifestStateEntry[]>;
  /** Count of recorded paths by state (the `regsync_manifests` gauge). */
  countManifestStates(): Promise<Record<ManifestStateKind, number>>;
  /** Recorded sync runs, newest first. */
  listSyncRuns(limit: number): Promise<SyncRunRecord[]>;
  getSyncRun(id: string): Promise<SyncRunRecord | undefined>;
  /** Revision of the newest succeeded run, if any. */
  lastSyncedRevision(): Promise<string | undefined>;
  /** Throws when the database cannot be reached. */
  ping(): Promise<void>;
}

/** A run that was started or queued; `done` resolves when it ends. */
export interface StartedSync {
  id: string;
  done: Promise<SyncRunRecord>;
}

/** Starting syncs and reading the engine's live state (ObservedSync over SyncEngine). */
export interface SyncControl {
  start(options: SyncRunOptions): StartedSync;
  /** True while a run is in progress in this process. */
  readonly running: boolean;
  /** The newest run this process finished (recorded or not: scheduled no-op polls are not). */
  readonly lastResult: SyncRunRecord | undefined;
  /** A run started by this process that the database does not hold (queued, or never recorded). */
  pendingRun(id: string): SyncRunRecord | undefined;
  nextRunAt(): Date | undefined;
  /** What the service follows, for `GET /sync`. */
  readonly source: {
    description: string;
    branch: string | null;
    pinnedRevision: string | null;
    gate: string | null;
  };
}

/** A mapping compiled once per (definition checksum, model). */
export interface CompiledModelMapping {
  /** Compile-time findings (skipped fields), all warnings. */
  readonly warnings: readonly MappingFinding[];
  apply(
    record: unknown,
    mode: MappingMode,
  ): { ok: boolean; attributes: Record<string, unknown>; findings: MappingFinding[] };
}

/** Compiles and caches mappings (the mapping engine behind a checksum-keyed cache). */
export interface MappingService {
  /** The compiled mapping of `mapping` onto `entityType`, cached under `cacheKey`. */
  compiled(options: {
    checksum: string;
    mapping: ModelMapping;
    entityType: EntityType;
  }): CompiledModelMapping;
  /** Drops every compiled mapping (the catalog changed). */
  clear(): void;
}

/** What a webhook delivery asks for (src/github parsePushEvent decides it). */
export type WebhookDecision =
  | { kind: 'ping' }
  | { kind: 'push'; ref: string; after: string; repository: string }
  | { kind: 'ignored'; reason: string };

/** The GitHub webhook helpers the route needs (src/github adapters). */
export interface WebhookTools {
  /** Constant-time check of `X-Hub-Signature-256` over the raw body bytes. */
  verify(secret: string, rawBody: Buffer, signatureHeader: string | undefined): boolean;
  /** What the delivery means for an instance following `branch` (unset: the default branch) of `repository`. */
  decide(input: {
    event: string | undefined;
    body: unknown;
    branch?: string;
    repository?: string;
  }): WebhookDecision;
  /** Records a delivery id; false when it was seen before (a redelivery). */
  firstDelivery(id: string): boolean;
  /** Forgets a delivery that could not be handled, so GitHub's retry is accepted. */
  forgetDelivery(id: string): void;
}

/** The states of `GET /manifests`, in display order. */
export const MANIFEST_STATE_KINDS = [
  'active',
  'invalid',
  'removed',
  'never-ingested',
  'shadowed',
] as const satisfies readonly ManifestStateKind[];
