/**
 * Why a sync run ended as it did: Flux-style condition reasons, stored on every run and
 * shown by `GET /sync/runs`. Documented constants, never ad-hoc strings.
 */
export const SyncReason = {
  /** Every change was applied (invalid manifests are recorded, not fatal). */
  Succeeded: 'Succeeded',
  /** The source already points at the last synced revision; nothing was read or written. */
  UpToDate: 'UpToDate',
  /** The remote could not be reached or read; retried with backoff. */
  SourceUnreachable: 'SourceUnreachable',
  /** The configuration of the source is wrong (unsafe URL, unknown ref); needs a human. */
  SourceMisconfigured: 'SourceMisconfigured',
  /** The validation check on the commit has not finished; the run is retried later. */
  GatePending: 'GatePending',
  /** The validation check failed on the commit; it is skipped, the last good revision stays. */
  GateFailed: 'GateFailed',
  /** The gate could not be asked (GitHub unreachable or rate limited); retried later. */
  GateUnavailable: 'GateUnavailable',
  /** The run would remove too many manifests; refused unless forced. */
  DeletionGuard: 'DeletionGuard',
  /** Writing to the database failed; the transaction was rolled back, the next run completes. */
  StoreFailed: 'StoreFailed',
  /** The process running this sync died before it finished; a later run completed the work. */
  Interrupted: 'Interrupted',
  /** Another instance holds the sync lock; this one keeps serving. */
  LockHeld: 'LockHeld',
} as const;

export type SyncReasonValue = (typeof SyncReason)[keyof typeof SyncReason];
