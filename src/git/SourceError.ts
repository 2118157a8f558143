/**
 * Why a registry source failed, as a stable code. Flux-style retry policy travels with the
 * kind: a source that is unreachable or a ref that moved is worth retrying on the next tick;
 * an unsafe input or a refused credential needs a human and is never retried.
 */
export const SOURCE_ERROR_CODES = {
  /** Network, DNS, timeout, server error: retry later. */
  SOURCE_UNREACHABLE: { retryable: true },
  /** The remote refused the credential (HTTP 401/403, ssh permission denied): fix the token. */
  AUTH_FAILED: { retryable: false },
  /** The branch, tag or pinned revision does not exist on the remote (or not yet: retried). */
  REF_NOT_FOUND: { retryable: true },
  /** The registry subfolder does not exist at the revision. */
  SUBDIR_NOT_FOUND: { retryable: false },
  /** The URL would make git run a command, or uses a transport we do not allow. */
  UNSAFE_URL: { retryable: false },
  /** A branch, tag or revision that is not a plain ref name or full object id. */
  UNSAFE_REF: { retryable: false },
  /** A subfolder or manifest path that could leave the registry (`..`, absolute, `-`). */
  UNSAFE_PATH: { retryable: false },
  /** The local mirror or folder could not be read or written. */
  LOCAL_IO: { retryable: true },
  /** Git failed in a way we do not classify; retried once the cause is gone. */
  GIT_FAILED: { retryable: true },
} as const satisfies Record<string, { retryable: boolean }>;

export type SourceErrorCode = keyof typeof SOURCE_ERROR_CODES;

/**
 * An operational error of a registry source. Its message and its `cause` never hold a
 * credential: every text that came from git is scrubbed before it is wrapped here.
 */
export class SourceError extends Error {
  override readonly name = 'SourceError';
  readonly code: SourceErrorCode;
  /** True when the same call may succeed later without a configuration change. */
  readonly retryable: boolean;

  constructor(code: SourceErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.retryable = SOURCE_ERROR_CODES[code].retryable;
  }
}

/**
 * Throws `UNSAFE_PATH` when `integrations` or `templates` itself is among the symlinks: no
 * manifest behind it can be listed, and a listing without them would read as "all deleted".
 */
export function refuseLinkedKindFolder(symlinks: readonly string[]): void {
  const linked = symlinks.find((path) => path === 'integrations' || path === 'templates');
  if (linked !== undefined) {
    throw new SourceError(
      'UNSAFE_PATH',
      `The registry folder ${linked}/ is a symbolic link; replace it with the folder itself (nothing was synced or removed)`,
    );
  }
}
