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
  /**
   * Layered registries: the source this copy of the path comes from (its configured name;
   * the origin of a source no longer configured) and its origin as the database records it.
   */
  source: string;
  origin: string;
  /** True when the served definition of the path is this copy. */
  served: boolean;
  /**
   * The source whose copy of the path is served (this one, another one for a collision or an
   * override, null when no copy is: hidden, removed, never ingested, or invalid from the start).
   */
  servedBy: string | null;
}

/** A registry source as the database records it, for `GET /sync` (src/db/listSourceStates.ts). */
export interface SourceStateRecord {
  origin: string;
  name: string;
  position: number;
  /** The revision it serves: its newest succeeded run's. */
  revision?: string;
  /** Its newest finished run (succeeded, failed, gated or refused). */
  lastRun?: SyncRunRecord;
  /** Its newest run that did not succeed (failed, gated or refused). */
  lastError?: SyncRunRecord;
}

/** A configured registry source as the service follows it (`GET /sync`, the push webhook). */
export interface FollowedSource {
  name: string;
  description: string;
  branch: string | null;
  pinnedRevision: string | null;
  gate: string | null;
  /**
   * `owner/name` whose pushes sync it: its gate's repository, else the one a github.com URL
   * names; null when neither says (then any signed push syncs it, see webhooksRouter).
   */
  repository: string | null;
  /** A Git source (pushes can move it); false for a plain folder. */
  git: boolean;
}

/** Where a page of `GET /manifests` resumes: after this (path, origin), in that order. */
export interface ManifestStateKey {
  path: string;
  origin: string;
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
  /**
   * Manifest states in (path, origin) order, one per source's copy of a path; see
   * MikroOrmCatalogReader.listManifestStates.
   */
  listManifestStates(options?: {
    state?: ManifestStateKind;
    q?: string;
    after?: ManifestStateKey;
    limit?: number;
  }): Promise<ManifestStateEntry[]>;
  /** Count of recorded paths by state (the `regsync_manifests` gauge). */
  countManifestStates(): Promise<Record<ManifestStateKind, number>>;
  /** Recorded sync runs, newest first. */
  listSyncRuns(limit: number): Promise<SyncRunRecord[]>;
  /** Every registry source the database knows, by position, with its recorded runs. */
  listSourceStates(): Promise<SourceStateRecord[]>;
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
  /** Every configured source, in order (one for a single-source instance). */
  readonly sources: readonly FollowedSource[];
  /** The newest run this process finished of one source (recorded or not), by name. */
  lastRunOf(name: string): SyncRunRecord | undefined;
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

/** The fields of one access-log line, written in this order after the logger's own. */
export interface AccessLineFields {
  reqId: string;
  method: string;
  /** The request path without its query string. */
  path: string;
  route: string;
  status: number;
  durationMs: number;
  bytes: number;
  remoteAddress: string | undefined;
}

/**
 * Writes one finished request's access line (`msg: "request"`, at `warn` for a 5xx, else
 * `info`) to the app's logger: src/logging/accessLine.ts, wired by createHttpRuntime.
 */
export type AccessLineWriter = (fields: AccessLineFields) => void;
