/** Re-exports of the sync types the HTTP layer shows, so routes import them from one place. */
export type {
  ManifestStateKind,
  SyncCounts,
  SyncRunRecord,
  SyncRunStatus,
  SyncTrigger,
} from '../sync/ports.js';
export type { SyncRunOptions } from '../sync/SyncEngine.js';
