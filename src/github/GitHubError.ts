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

export interface GitHubErrorOptions {
  /** HTTP status GitHub answered, when it answered. */
  status?: number;
  /** When the rate limit resets (GITHUB_RATE_LIMITED only). */
  resetAt?: Date;
  cause?: unknown;
}

const RETRYABLE: ReadonlySet<GitHubErrorCode> = new Set([
  'GITHUB_UNAVAILABLE',
  'GITHUB_RATE_LIMITED',
]);

/**
 * An operational error from a GitHub adapter. The message never contains a token: it is
 * built from the operation, the status and GitHub's own message, with any configured token
 * scrubbed (see `toGitHubError`). `retryable` says whether trying again later can help.
 */
export class GitHubError extends Error {
  readonly code: GitHubErrorCode;
  readonly retryable: boolean;
  readonly status?: number;
  readonly resetAt?: Date;

  constructor(code: GitHubErrorCode, message: string, options: GitHubErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GitHubError';
    this.code = code;
    this.retryable = RETRYABLE.has(code);
    if (options.status !== undefined) this.status = options.status;
    if (options.resetAt !== undefined) this.resetAt = options.resetAt;
  }
}
