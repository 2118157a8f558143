import { GitHubError } from './GitHubError.js';
import { toGitHubError } from './toGitHubError.js';

/**
 * How `withTimeout` bounds a GitHub call: the deadline, the words its error names, and the
 * token to scrub.
 */
export interface WithTimeoutOptions {
  timeoutMs: number;
  /** What is being done, for messages: `reading the "validate" check of acme/registry@abc`. */
  operation: string;
  /** Scrubbed from every message. */
  token?: string;
}

/**
 * Runs `call` with an AbortSignal that fires after `timeoutMs`, and settles by then at the
 * latest (a retry wait inside octokit is not abortable, so the call is also raced). Every
 * failure comes out as a GitHubError (see toGitHubError); a timeout is `GITHUB_UNAVAILABLE`.
 */
export async function withTimeout<T>(
  options: WithTimeoutOptions,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      const message = `GitHub did not answer in ${options.timeoutMs} ms while ${options.operation}`;
      reject(new GitHubError('GITHUB_UNAVAILABLE', message));
    }, options.timeoutMs);
  });
  try {
    return await Promise.race([call(controller.signal), timedOut]);
  } catch (error) {
    throw toGitHubError(error, {
      operation: options.operation,
      ...(options.token ? { token: options.token } : {}),
    });
  } finally {
    clearTimeout(timer);
  }
}
