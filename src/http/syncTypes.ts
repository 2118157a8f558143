/** Re-exports of the sync types the HTTP layer shows, so routes import them from one place. */
export type {
  ManifestStateKind,
  SyncCounts,
  SyncRunRecord,
  SyncRunStatus,
  SyncTrigger,
} from '../sync/ports.js';
/** A run's options: trigger, force, and (layered registries) which sources to sync. */
export type { LayeredRunOptions as SyncRunOptions } from '../sync/layers/LayeredSync.js';
