import { RegsyncError, type ErrorPolicy } from '../errors/RegsyncError.js';

/**
 * Codes of the operational errors the GitHub adapters throw, each with its retry policy:
 * - `GITHUB_UNAVAILABLE`: network error, timeout or 5xx; retry later.
 * - `GITHUB_RATE_LIMITED`: the token's quota is spent (or a secondary limit hit); retry after `resetAt`.
 * - `GITHUB_AUTH`: the token is missing, wrong, expired or lacks a permission; needs a human.
 * - `GITHUB_NOT_FOUND`: no such repository or commit, or the token cannot see it (GitHub answers
 *   404 for private repositories it hides); needs a human.
 * - `GITHUB_INVALID`: our request or configuration is wrong (bad `owner/name`, bad sha, 400/422).
 */
export type GitHubErrorCode =
  | 'GITHUB_UNAVAILABLE'
  | 'GITHUB_RATE_LIMITED'
  | 'GITHUB_AUTH'
  | 'GITHUB_NOT_FOUND'
  | 'GITHUB_INVALID';

/** What a `GitHubError` carries besides its code and message. */
export interface GitHubErrorOptions {
  /** HTTP status GitHub answered, when it answered. */
  status?: number;
  /** When the rate limit resets (GITHUB_RATE_LIMITED only). */
  resetAt?: Date;
  cause?: unknown;
}

/** The retry policy of each code: only an outage or a spent quota passes by itself. */
export const GITHUB_ERROR_POLICY: Record<GitHubErrorCode, ErrorPolicy> = {
  GITHUB_UNAVAILABLE: 'transient',
  GITHUB_RATE_LIMITED: 'transient',
  GITHUB_AUTH: 'stalling',
  GITHUB_NOT_FOUND: 'stalling',
  GITHUB_INVALID: 'stalling',
};

/**
 * An operational error from a GitHub adapter. The message never contains a token: it is
 * built from the operation, the status and GitHub's own message, with any configured token
 * scrubbed (see `toGitHubError`). `policy` (and `retryable`) say whether trying again later can help.
 */
export class GitHubError extends RegsyncError<GitHubErrorCode> {
  override readonly name = 'GitHubError';
  readonly status?: number;
  readonly resetAt?: Date;

  constructor(code: GitHubErrorCode, message: string, options: GitHubErrorOptions = {}) {
    super(code, message, GITHUB_ERROR_POLICY[code], options);
    if (options.status !== undefined) this.status = options.status;
    if (options.resetAt !== undefined) this.resetAt = options.resetAt;
  }
}
