import type { SyncReasonValue } from '../sync/reasons.js';
import type { SyncRunRecord } from '../sync/ports.js';
import type { SyncRunRow } from './entities/index.js';

/** The `sync_run` row of a run record. */
export function syncRunToRow(run: SyncRunRecord, origin = 'primary'): SyncRunRow {
  return {
    id: run.id,
    trigger: run.trigger,
    origin,
    source: run.source,
    fromRevision: run.fromRevision ?? null,
    toRevision: run.toRevision ?? null,
    status: run.status,
    reason: run.reason,
    message: run.message ?? null,
    added: run.counts.added,
    updated: run.counts.updated,
    unchanged: run.counts.unchanged,
    removed: run.counts.removed,
    invalid: run.counts.invalid,
    invalidManifests: run.invalid,
    upgraded: run.upgraded,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt ?? null,
    durationMs: run.durationMs ?? null,
  };
}

/** The run record of a `sync_run` row (optional fields left out when null). */
export function rowToSyncRun(row: SyncRunRow): SyncRunRecord {
  return {
    id: row.id,
    trigger: row.trigger,
    source: row.source,
    ...(row.fromRevision ? { fromRevision: row.fromRevision } : {}),
    ...(row.toRevision ? { toRevision: row.toRevision } : {}),
    status: row.status,
    // Rows are written only from a SyncRunRecord, so the column holds a SyncReasonValue.
    reason: row.reason as SyncReasonValue,
    ...(row.message ? { message: row.message } : {}),
    counts: {
      added: row.added,
      updated: row.updated,
      unchanged: row.unchanged,
      removed: row.removed,
      invalid: row.invalid,
    },
    invalid: row.invalidManifests,
    upgraded: row.upgraded,
    startedAt: new Date(row.startedAt),
    ...(row.finishedAt ? { finishedAt: new Date(row.finishedAt) } : {}),
    ...(row.durationMs !== null && row.durationMs !== undefined
      ? { durationMs: row.durationMs }
      : {}),
  };
}
