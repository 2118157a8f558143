/**
 * The one base of every operational error, in the spirit of Flux's `internal/error`: an
 * error is a stable `code`, a message written for whoever must act, an optional `cause`,
 * and a retry `policy` that travels with the kind, so nothing downstream decides again.
 *
 * - `stalling`: a human or a new revision must act (a refused credential, an unsafe URL,
 *   a bad request); retrying the same thing cannot help.
 * - `transient`: the same call may succeed later without any change (network, outage,
 *   timeout, a lock held elsewhere); retry with backoff.
 * - `ignore`: not a failure at all (nothing to do); callers record it and move on.
 */
export type ErrorPolicy = 'stalling' | 'transient' | 'ignore';

/** Options every error class accepts. */
export interface RegsyncErrorOptions {
  cause?: unknown;
}

/**
 * Base class of SourceError, GitHubError, DatabaseError, ConnectionError, WorkspaceError and
 * ApiError. Subclasses fix `policy` from their code (a table per class), so one code always
 * has one policy; `retryable` is the same fact as a boolean.
 */
export abstract class RegsyncError<C extends string = string> extends Error {
  readonly code: C;
  readonly policy: ErrorPolicy;
  /** True when the same call may succeed later without a change: `policy === 'transient'`. */
  readonly retryable: boolean;

  protected constructor(
    code: C,
    message: string,
    policy: ErrorPolicy,
    options: RegsyncErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.policy = policy;
    this.retryable = policy === 'transient';
  }
}

/**
 * The policy of any thrown value: a RegsyncError's own, else `transient` for what we cannot
 * classify (an unexpected bug or a dropped socket is retried with backoff rather than given
 * up on; the run's error text tells a human what happened).
 */
export function policyOf(error: unknown): ErrorPolicy {
  return error instanceof RegsyncError ? error.policy : 'transient';
}
