/**
 * Why a sync run ended as it did: Flux-style condition reasons, stored on every run and
 * shown by `GET /sync/runs`. Documented constants, never ad-hoc strings: every reason any
 * code writes is a `SyncReasonValue` from this file, and its retry policy is fixed here.
 */
import { policyOf, type ErrorPolicy } from '../errors/RegsyncError.js';

/**
 * Each reason with its retry policy (what the scheduler does after a run ends with it):
 * `transient` retries with backoff before the next tick; `stalling` waits for a human or a
 * new revision (the cron ticks go on, no backoff retries); `ignore` is not a failure.
 */
export const SYNC_REASONS = {
  /** The run has started and not ended. */
  Progressing: { policy: 'ignore' },
  /** The run waits behind the one in progress in this process. */
  Queued: { policy: 'ignore' },
  /** Every change was applied (invalid manifests are recorded, not fatal). */
  Succeeded: { policy: 'ignore' },
  /** The source already points at the last synced revision; nothing was read or written. */
  UpToDate: { policy: 'ignore' },
  /** The remote could not be reached or read; retried with backoff. */
  SourceUnreachable: { policy: 'transient' },
  /** The configuration of the source is wrong (unsafe URL, unknown ref, refused credential); needs a human. */
  SourceMisconfigured: { policy: 'stalling' },
  /** The validation check on the commit has not finished; the run is retried later. */
  GatePending: { policy: 'transient' },
  /** The validation check failed on the commit; it is skipped, the last good revision stays. */
  GateFailed: { policy: 'stalling' },
  /** The gate could not be asked (GitHub unreachable or rate limited); retried later. */
  GateUnavailable: { policy: 'transient' },
  /** The gate refused the token or cannot see the repository or commit (GitHub 401/403/404, 422); needs a human. */
  GateMisconfigured: { policy: 'stalling' },
  /** The run would remove too many manifests; refused unless forced. */
  DeletionGuard: { policy: 'stalling' },
  /** Writing to the database failed; the transaction was rolled back, the next run completes. */
  StoreFailed: { policy: 'transient' },
  /** The process running this sync died before it finished; a later run completed the work. */
  Interrupted: { policy: 'ignore' },
  /** Another instance holds the sync lock; this one keeps serving. */
  LockHeld: { policy: 'ignore' },
} as const satisfies Record<string, { policy: ErrorPolicy }>;

/** A reason a run can carry. */
export type SyncReasonValue = keyof typeof SYNC_REASONS;

/** The reasons as constants: `SyncReason.Succeeded` is `'Succeeded'`. */
export const SyncReason = Object.fromEntries(
  Object.keys(SYNC_REASONS).map((reason) => [reason, reason]),
) as { readonly [R in SyncReasonValue]: R };

/** The retry policy of a reason. */
export function reasonPolicy(reason: SyncReasonValue): ErrorPolicy {
  return SYNC_REASONS[reason].policy;
}

/** True for a string that is one of the reasons (a row read back from the database). */
export function isSyncReason(value: string): value is SyncReasonValue {
  return Object.hasOwn(SYNC_REASONS, value);
}

/** Which part of the run a failing step belongs to: it picks the reason family. */
export type StepArea = 'source' | 'gate' | 'store';

/** The reason of each area's failure, by the error's policy. */
const FAILURE_REASONS: Record<StepArea, Record<'transient' | 'stalling', SyncReasonValue>> = {
  source: { transient: SyncReason.SourceUnreachable, stalling: SyncReason.SourceMisconfigured },
  gate: { transient: SyncReason.GateUnavailable, stalling: SyncReason.GateMisconfigured },
  store: { transient: SyncReason.StoreFailed, stalling: SyncReason.StoreFailed },
};

/**
 * The one mapping from a thrown error to a run reason: the step's area and the error's own
 * policy (RegsyncError.policy; anything unclassified is transient). An `ignore` error in a
 * step is still a failed step, so it counts as transient here.
 */
export function failureReason(area: StepArea, error: unknown): SyncReasonValue {
  const policy = policyOf(error);
  return FAILURE_REASONS[area][policy === 'stalling' ? 'stalling' : 'transient'];
}

/**
 * True when a finished run cannot have changed what the catalog serves: it found nothing to
 * do, was gated or was skipped. The HTTP layer keeps its response caches for such runs.
 */
export function leftCatalogUnchanged(run: { status: string; reason: SyncReasonValue }): boolean {
  return run.reason === SyncReason.UpToDate || run.status === 'skipped' || run.status === 'gated';
}
