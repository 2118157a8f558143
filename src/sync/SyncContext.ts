import type { Finding } from '../manifest/Finding.js';
import type { PluginInfo } from '../manifest/validateManifest.js';
import type {
  ChangeNotifier,
  Clock,
  DefinitionStore,
  RegistrySource,
  Revision,
  SyncRunRecord,
  ValidManifest,
  ValidationGate,
} from './ports.js';
import type { LayerContext } from './layers/LayerContext.js';

/** What the engine needs from the outside; wired by the composition root. */
export interface SyncDeps {
  source: RegistrySource;
  store: DefinitionStore;
  clock: Clock;
  gate?: ValidationGate;
  notifier?: ChangeNotifier;
  /** Layered registries: this source's place among the others (unset for one source). */
  layer?: LayerContext;
  /** The registered mapping plugins, as the validator checks them (see pluginInfos). */
  plugins?: ReadonlyMap<string, PluginInfo>;
  /** Share of active manifests one run may remove before it is refused (0..1). */
  maxRemoveRatio: number;
  /** How many recorded runs to keep (`REGSYNC_SYNC_RUN_RETENTION`); unset keeps all. */
  runRetention?: number;
  /** Called as manifests are processed, for a progress line on a terminal. */
  onProgress?: (done: number, total: number) => void;
  log?: SyncLog;
}

/** The few log calls the engine makes (pino's shape, so the service passes its logger). */
export interface SyncLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/**
 * What every step of one run sees besides its input: the dependencies, the force flag and
 * the run record. Steps write the record's outcome fields (status, reason, message,
 * counts); everything else they pass on as their return value.
 */
export interface RunEnv {
  readonly deps: SyncDeps;
  readonly force: boolean;
  readonly run: SyncRunRecord;
}

/**
 * Returned by a step that has set the run's final status and reason and ends the run
 * early (up to date, gated, refused). The engine then goes straight to `finalizeRun`.
 */
export const STOP: unique symbol = Symbol('sync.stop');
/** The type of `STOP`, what a step returns to end the chain. */
export type Stop = typeof STOP;

/**
 * A step of the run: takes what the previous step produced and returns what the next one
 * needs, or `STOP`. A thrown error fails the run; the engine classifies it by the step's
 * area (`failureReason`). Because each step's input is the previous step's output type,
 * the order of the steps is checked by the compiler, not at run time.
 */
export type SyncStep<In, Out> = (input: In, env: RunEnv) => Promise<Out | Stop>;

/** After `resolveTarget`: where the run goes and where it comes from. */
export interface Targeted {
  readonly target: Revision;
  /** Last synced revision, if any. */
  readonly previous?: string;
}

/** After `listCandidates`: which manifests the run reads, and what is stored for them. */
export interface Listed extends Targeted {
  /** True when every manifest is compared (no previous revision, or history rewritten). */
  readonly fullScan: boolean;
  /** Paths to read and validate. */
  readonly candidates: readonly string[];
  /** Paths deleted at the target revision. */
  readonly deleted: readonly string[];
  /** Symbolic links found at the target revision (each is an invalid entry). */
  readonly symlinks: readonly string[];
  /** Checksums of active manifests before the run, by path (of the changed paths only after a diff). */
  readonly stored: ReadonlyMap<string, string>;
  /**
   * How many manifests were active before the run (for the deletion guard). After a diff that
   * deletes nothing it is not counted and is 0: the guard has nothing to weigh, and counting
   * cost 220 ms of a one-manifest sync at 100,000 manifests.
   */
  readonly activeCount: number;
}

/** After `validateCandidates`: each candidate valid (with its checksum) or invalid (with findings). */
export interface Validated extends Listed {
  readonly valid: readonly ValidManifest[];
  readonly invalid: ReadonlyArray<{ path: string; findings: Finding[] }>;
  /** Layered registries (`resolveCollisions`): valid copies another source's copy is served over. */
  readonly shadowed?: ReadonlyArray<{ path: string; checksum: string; detail: string }>;
  /** Layered registries: other sources' copies this run's saves replace as the served one. */
  readonly displaced?: ReadonlyArray<{ origin: string; path: string; detail: string }>;
}
