import type { SyncReasonValue } from './reasons.js';
/**
 * The ports the sync orchestrator speaks to. Adapters implement them (src/git, src/db,
 * src/github); only src/main.ts and src/cli wire the two together. Each port is a few
 * methods on purpose: an adapter that needs more is doing the orchestrator's job.
 */
import type { Finding } from '../manifest/Finding.js';
import type { Manifest } from '../manifest/types.js';

/**
 * A registry revision: a commit for Git, a content digest for a plain folder. It says which
 * it is (`kind`), so a step that treats them differently (the validation gate) never guesses
 * from the shape of the id.
 */
export interface Revision {
  /** `commit`: a Git commit (SHA-1 or SHA-256 object id); `digest`: a folder's content digest. */
  kind: 'commit' | 'digest';
  /** Full commit object id (40 hex for SHA-1, 64 hex for SHA-256) or `sha256:<hex>` for a folder. */
  id: string;
  /** Human label in Flux style: `main@sha1:<sha>`, `v1.2.0@sha1:<sha>`, `folder@sha256:<hex>`. */
  label: string;
}

/** One manifest that changed between two revisions. */
export interface ManifestChange {
  /** Registry-relative path: `integrations/<key>/manifest.json` or `templates/<key>/manifest.json`. */
  path: string;
  status: 'added' | 'modified' | 'deleted';
}

/**
 * The manifests of a revision, and every symbolic link in the registry (each is recorded as an
 * invalid entry, never followed).
 */
export interface RegistryListing {
  /** Every manifest path at the revision, registry-relative, sorted. */
  manifests: string[];
  /** Registry-relative paths of symbolic links anywhere in the registry (each is a finding). */
  symlinks: string[];
}

/** Reading one manifest either yields its bytes or says why not; it never means "deleted". */
export type ManifestRead =
  | { ok: true; text: string; bytes: number }
  | { ok: false; rule: 'symlink' | 'file-too-large' | 'file-unreadable'; message: string };

/** What the engine knows before it asks a source for its revision. */
export interface ResolveHint {
  /**
   * True when the run was started by a push notification (a webhook): the followed ref
   * most likely moved, so fetching it straight away saves asking first.
   */
  changeExpected?: boolean;
}

/** Where manifests come from: a Git repository (SimpleGitSource) or a plain folder (FolderSource). */
export interface RegistrySource {
  /** Where the source points, with any credential redacted: safe for logs and the sync-run table. */
  readonly description: string;
  /**
   * The revision to sync to, asked cheaply (Git: `ls-remote`, no fetch). Honours a pinned
   * revision (`REGSYNC_REVISION`). Throws a SourceError when the remote is unreachable.
   * `hint.changeExpected` (a push webhook) lets a source fetch at once instead of asking
   * first; the answer is the same revision either way.
   */
  resolveRevision(hint?: ResolveHint): Promise<Revision>;
  /** Makes `revision` readable locally; fetches only when it is not present yet. */
  prepare(revision: Revision): Promise<void>;
  /**
   * Manifests changed between two revisions, or `undefined` when `from` is unknown here or
   * not an ancestor of `to` (a force-push): the caller then compares checksums of all.
   */
  listChanges(from: string, to: string): Promise<ManifestChange[] | undefined>;
  /** Every manifest and symlink at `revision`. */
  list(revision: string): Promise<RegistryListing>;
  /** Reads one manifest at `revision`. */
  read(revision: string, path: string): Promise<ManifestRead>;
}

/** A manifest that passed validation, ready to store. */
export interface ValidManifest {
  path: string;
  manifest: Manifest;
  /** `sha256:<hex>` of the canonical JSON (key order and whitespace do not count). */
  checksum: string;
  /** The manifestVersion in the file, when it was upgraded in memory to the current one. */
  upgradedFrom?: string;
}

/** What started a run; recorded with it and shown by the API and the CLI. */
export type SyncTrigger = 'startup' | 'schedule' | 'webhook' | 'manual' | 'cli';

/** `queued`: triggered while another run of this process was in progress; it runs next. */
export type SyncRunStatus =
  'queued' | 'running' | 'succeeded' | 'failed' | 'refused' | 'gated' | 'skipped';

/**
 * What a run did, counted per manifest: the CLI's and the API's `added`, `updated`,
 * `unchanged`, `removed`, `invalid`.
 */
export interface SyncCounts {
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  invalid: number;
}

/** A manifest that failed validation in a run, with every finding. */
export interface InvalidManifest {
  path: string;
  findings: Finding[];
}

/** What a run did; written once when it starts (status running) and once when it ends. */
export interface SyncRunRecord {
  id: string;
  trigger: SyncTrigger;
  source: string;
  fromRevision?: string;
  toRevision?: string;
  status: SyncRunStatus;
  /** Condition reason in Flux style (src/sync/reasons.ts), which also fixes the retry policy. */
  reason: SyncReasonValue;
  message?: string;
  counts: SyncCounts;
  invalid: InvalidManifest[];
  /** Manifests read in an older format and upgraded in memory: path and the version read. */
  upgraded: Array<{ path: string; from: string }>;
  startedAt: Date;
  finishedAt?: Date;
  durationMs?: number;
  /** Layered registries: the run of each source this run synced, in list order. */
  sources?: SourceRunSummary[];
}

/** One source's part of a layered run (its own run record is `runId`). */
export interface SourceRunSummary {
  name: string;
  runId?: string;
  status: SyncRunStatus;
  reason: SyncReasonValue;
  message?: string;
  fromRevision?: string;
  toRevision?: string;
  counts: SyncCounts;
}

/**
 * Per-path state, what `GET /manifests` shows. `never-ingested`: the path is in a revision
 * this instance has seen but not synced (the validation gate holds it back, or the
 * deletion guard refused the run), and no version of it was ever synced.
 */
/** What one run writes for its revision (DefinitionStore.applyRevision). */
export interface RevisionChanges {
  revision: string;
  /** Valid manifests whose checksum differs from the stored one. */
  save: readonly ValidManifest[];
  /** Previously invalid paths whose content is the served version again. */
  recovered: readonly string[];
  invalid: readonly InvalidManifest[];
  /** Deleted paths. */
  removed: readonly string[];
  /**
   * Layered registries: valid copies of this source that are not served because another
   * source's copy of the key is (overridden by a later source, or hidden); stored as state
   * `shadowed` with their checksum, no definition written.
   */
  shadowed?: ReadonlyArray<{ path: string; checksum: string; detail: string }>;
  /**
   * Layered registries: other sources' copies that this run's saves replace as the served
   * one (an allowed override); their state becomes `shadowed` in the same transaction.
   */
  displaced?: ReadonlyArray<{ origin: string; path: string; detail: string }>;
}

/**
 * What applyRevision wrote: how many definitions it added and replaced, and the id of the
 * change event it recorded in the same transaction (absent when the served catalog did not
 * change, or the store keeps no feed).
 */
export interface RevisionWritten {
  added: number;
  updated: number;
  eventId?: number;
}

/**
 * The state of a manifest in the catalog: served (`active`), last version served with findings
 * (`invalid`), deleted (`removed`), never stored (`never-ingested`, held by the gate or the
 * deletion guard), or a valid copy not served because another source's copy of the same key
 * is (`shadowed`: a later source overrides it, or hides the key).
 */
export type ManifestStateKind = 'active' | 'invalid' | 'removed' | 'never-ingested' | 'shadowed';

/** What the sync reads of the stored catalog before it decides what to write. */
export interface SyncStateReader {
  /** Revision of the last run that succeeded, if any. */
  lastSyncedRevision(): Promise<string | undefined>;
  /**
   * Checksum of every active (not removed) manifest, by path; with `paths`, of those only
   * (a sync after `git diff` must not read the whole catalog).
   */
  activeChecksums(paths?: readonly string[]): Promise<Map<string, string>>;
  /** How many manifests are active (not removed). */
  countActive(): Promise<number>;
  /** Paths whose manifest_state is currently `invalid`. */
  invalidPaths(): Promise<Set<string>>;
}

/**
 * The sync's writes of definitions and per-path states. Each call is one transaction: a
 * failure leaves what was stored before.
 */
export interface DefinitionWriter {
  /**
   * Writes one manifest's definition and all its children, replacing the previous version,
   * and its checksum, in one transaction: a failure leaves the previous version intact and
   * no checksum that claims otherwise.
   */
  saveManifest(manifest: ValidManifest, revision: string): Promise<'added' | 'updated'>;
  /**
   * Writes everything one run found at its revision in ONE transaction, set-based: the
   * changed manifests (as `saveManifest` each), the recovered paths (as `markValid`), the
   * invalid ones (as `markInvalid`), the removed ones (as `markRemoved`), and no path left
   * `never-ingested`. Readers and other instances see the catalog of the old revision or of
   * the new one, never a mix; a failure or a killed process leaves the old one whole.
   */
  applyRevision(changes: RevisionChanges): Promise<RevisionWritten>;
  /** Marks manifests removed (rows stay, with a removal timestamp). */
  markRemoved(paths: string[], revision: string): Promise<void>;
  /** Records that a path is invalid at a revision; its last good version stays served. */
  markInvalid(path: string, findings: Finding[], revision: string): Promise<void>;
  /**
   * Records that previously invalid paths are valid again at `revision` although their
   * content equals the stored version (state active, findings cleared); no definition write.
   */
  markValid(paths: string[], revision: string): Promise<void>;
  /**
   * Records the manifest paths of a revision the run did not sync that have no state yet as
   * `never-ingested`, with why (`detail`), replacing the previous such set: a path deleted
   * again before it was ever synced disappears with it. Called with `[]` by a run that
   * synced its revision, which leaves no path unsynced. Paths with a state keep it.
   */
  markNeverIngested(paths: readonly string[], revision: string, detail: string): Promise<void>;
}

/** The record of sync runs: what `GET /sync/runs` lists and the last synced revision comes from. */
export interface SyncRunLog {
  /** Creates or updates a run record. */
  saveRun(run: SyncRunRecord): Promise<void>;
  /**
   * Marks runs still recorded as `running`, other than `currentId`, as failed with reason
   * `Interrupted` (their process died mid-sync). Called while holding the sync lock, so no
   * other run can really be in progress. Returns how many were closed.
   */
  closeInterruptedRuns(currentId: string, at: Date): Promise<number>;
  /**
   * Deletes finished runs beyond the newest `keep`, except the newest succeeded one (it
   * holds the last synced revision). Returns how many were deleted.
   */
  pruneRuns(keep: number): Promise<number>;
}

/**
 * The runtime store of definitions, as the composition root hands it to the sync: the three
 * ports above on one database (MikroOrmDefinitionStore on PGlite or PostgreSQL,
 * InMemoryDefinitionStore in unit tests; both run test/contracts/definitionStore.cases.ts).
 */
export interface DefinitionStore extends SyncStateReader, DefinitionWriter, SyncRunLog {}

/** Lets one instance sync at a time (PostgreSQL advisory lock; in-process for the embedded database). */
export interface SyncLock {
  /** Runs `fn` holding the lock; resolves to `{ acquired: false }` at once when another holder has it. */
  tryWithLock<T>(fn: () => Promise<T>): Promise<{ acquired: true; value: T } | { acquired: false }>;
}

/** Tells other instances on the same database that the catalog changed (LISTEN/NOTIFY). */
export interface ChangeNotifier {
  publish(revision: string): Promise<void>;
  /** Returns an unsubscribe function. */
  subscribe(onChange: (revision: string) => void): Promise<() => Promise<void>>;
}

/** Time, injected so tests control it. */
export interface Clock {
  now(): Date;
}

/** Verdict of the registry's validation check on a commit (GitHub check run or commit status). */
export type GateVerdict =
  { state: 'passed' } | { state: 'pending'; detail: string } | { state: 'failed'; detail: string };

/**
 * Lets a commit be synced only after the registry validation check succeeded on it
 * (OctokitValidationGate). Without a configured GitHub repository there is no gate.
 */
export interface ValidationGate {
  /** Human description, e.g. `github.com/acme/registry check "validate"`. */
  readonly description: string;
  verdict(sha: string): Promise<GateVerdict>;
}

/** One source's record of a path, as layered registries weigh it (LayerStore.claims). */
export interface LayerClaim {
  origin: string;
  path: string;
  state: ManifestStateKind;
  /** True when the served definition of the path is this source's copy. */
  served: boolean;
  /** True when the state is invalid because of a `key-collision` finding only. */
  collision: boolean;
  checksum?: string;
}

/** A configured registry source as the database knows it (table `registry_source`). */
export interface SourceRecord {
  origin: string;
  name: string;
  position: number;
  description: string;
  revision?: string;
  updatedAt: Date;
}

/**
 * What layered registries read and record across sources (MikroOrmLayerStore). The
 * per-source writes go through `forOrigin`, a DefinitionStore scoped to one source.
 */
export interface LayerStore {
  /** The DefinitionStore of one source (origin). */
  forOrigin(origin: string): DefinitionStore;
  /** Every source's record of these paths (states, and which copy is served). */
  claims(paths: readonly string[]): Promise<LayerClaim[]>;
  /** Paths recorded by more than one source, or shadowed: what a change of the list may move. */
  contestedPaths(): Promise<string[]>;
  /**
   * Gives each configured source its origin, in list order: a known name keeps its origin;
   * on a database with no source recorded yet the first source takes `primary` (the rows
   * of a single-source database), the others their name. Records names, positions and
   * descriptions. Returns origin by name.
   */
  registerSources(
    sources: ReadonlyArray<{ name: string; description: string }>,
  ): Promise<Map<string, string>>;
  /** Every recorded source, configured or not, by position. */
  listSources(): Promise<SourceRecord[]>;
  /** Records the revision last synced from a source. */
  recordSourceRevision(origin: string, revision: string): Promise<void>;
  /** Origins that still serve definitions or have states, other than `configured`. */
  strayOrigins(configured: readonly string[]): Promise<string[]>;
  /** Paths an origin still serves or has as active or shadowed (a removed source's manifests). */
  pathsOf(origin: string): Promise<string[]>;
}
