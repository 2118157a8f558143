import { RegsyncError, type ErrorPolicy } from '../errors/RegsyncError.js';

/**
 * Why a registry source failed, as a stable code. Flux-style retry policy travels with the
 * kind: a source that is unreachable or a ref that moved is worth retrying on the next tick
 * (`transient`); an unsafe input or a refused credential needs a human (`stalling`).
 */
export const SOURCE_ERROR_CODES = {
  /** Network, DNS, timeout, server error: retry later. */
  SOURCE_UNREACHABLE: { policy: 'transient' },
  /** The remote refused the credential (HTTP 401/403, ssh permission denied): fix the token. */
  AUTH_FAILED: { policy: 'stalling' },
  /** The branch, tag or pinned revision does not exist on the remote (or not yet: retried). */
  REF_NOT_FOUND: { policy: 'transient' },
  /** The registry subfolder does not exist at the revision. */
  SUBDIR_NOT_FOUND: { policy: 'stalling' },
  /** The URL would make git run a command, or uses a transport we do not allow. */
  UNSAFE_URL: { policy: 'stalling' },
  /** A branch, tag or revision that is not a plain ref name or full object id. */
  UNSAFE_REF: { policy: 'stalling' },
  /** A subfolder or manifest path that could leave the registry (`..`, absolute, `-`). */
  UNSAFE_PATH: { policy: 'stalling' },
  /** The local mirror or folder could not be read or written. */
  LOCAL_IO: { policy: 'transient' },
  /** Git failed in a way we do not classify; retried once the cause is gone. */
  GIT_FAILED: { policy: 'transient' },
} as const satisfies Record<string, { policy: ErrorPolicy }>;

/** The codes of `SourceError`, each with its fixed policy in `SOURCE_ERROR_CODES`. */
export type SourceErrorCode = keyof typeof SOURCE_ERROR_CODES;

/**
 * An operational error of a registry source. Its message and its `cause` never hold a
 * credential: every text that came from git is scrubbed before it is wrapped here.
 */
export class SourceError extends RegsyncError<SourceErrorCode> {
  override readonly name = 'SourceError';

  constructor(code: SourceErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, SOURCE_ERROR_CODES[code].policy, options);
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
