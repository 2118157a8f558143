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

/** What the engine needs from the outside; wired by the composition root. */
export interface SyncDeps {
  source: RegistrySource;
  store: DefinitionStore;
  clock: Clock;
  gate?: ValidationGate;
  notifier?: ChangeNotifier;
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

/** One run's working state, filled in by the steps in order. */
export interface SyncContext {
  readonly deps: SyncDeps;
  readonly force: boolean;
  /** The record being built; persisted at the start (running) and at the end. */
  readonly run: SyncRunRecord;
  /** Whether the run is worth a row in sync_run (a quiet scheduled no-op is not). */
  record: boolean;
  /** Last synced revision, if any. */
  previous?: string;
  target?: Revision;
  /** True when every manifest is compared (no previous revision, or history rewritten). */
  fullScan: boolean;
  /** Paths to read and validate. */
  candidates: string[];
  /** Paths deleted at the target revision. */
  deleted: string[];
  /** Symbolic links found at the target revision (each is an invalid entry). */
  symlinks: string[];
  /** Checksums of active manifests before the run, by path (of the changed paths only after a diff). */
  stored: Map<string, string>;
  /** How many manifests were active before the run. */
  activeCount: number;
  valid: ValidManifest[];
  invalid: Array<{ path: string; findings: Finding[] }>;
}

/**
 * A step of the run. Returns `'continue'` to go on, or `'stop'` once it has set the run's
 * final status and reason. A thrown error fails the run (the engine classifies it).
 */
export type SyncStep = (ctx: SyncContext) => Promise<'continue' | 'stop'>;
