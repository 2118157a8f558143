import { GitHubError } from './GitHubError.js';

/** What `toGitHubError` needs to know about the failed call. */
export interface ToGitHubErrorOptions {
  /** What we were doing, for the message: `reading check runs of acme/registry@<sha>`. */
  operation: string;
  /** The configured token, scrubbed from every message should GitHub ever echo it. */
  token?: string;
  /** Clock for rate-limit resets given as `retry-after` seconds. */
  now?: () => Date;
}

interface ResponseLike {
  status?: number;
  headers?: Record<string, string | number | undefined>;
}

/**
 * Classifies anything octokit threw (a RequestError, a fetch TypeError, an AbortError) into a
 * GitHubError with the retry policy of its code. A GitHubError passes through unchanged.
 * Rate limits are recognised the way GitHub signals them: 429, or 403 with
 * `x-ratelimit-remaining: 0`, a `retry-after` header or a "rate limit" message; any other
 * 401/403 is an authentication or permission problem.
 */
export function toGitHubError(error: unknown, options: ToGitHubErrorOptions): GitHubError {
  if (error instanceof GitHubError) return error;
  const scrub = (text: string): string =>
    options.token !== undefined && options.token.length > 0
      ? text.split(options.token).join('[REDACTED]')
      : text;
  const op = options.operation;
  // The raw error holds the request, response headers and body (a 502 can be a page of HTML):
  // keep a short, scrubbed copy as the cause, so logging the error stays small and token-free.
  const cause = safeCause(error, scrub);

  const err = error as {
    status?: unknown;
    message?: unknown;
    response?: ResponseLike;
    name?: unknown;
  };
  const status = typeof err?.status === 'number' ? err.status : undefined;
  const response = err?.response;
  const ghMessage = shorten(scrub(typeof err?.message === 'string' ? err.message : String(error)));

  // No response at all: DNS, refused connection, reset socket (octokit reports these as 500).
  if (response === undefined || status === undefined) {
    return new GitHubError(
      'GITHUB_UNAVAILABLE',
      `GitHub could not be reached while ${op}: ${ghMessage}`,
      { cause },
    );
  }

  const headers = response.headers ?? {};
  const remaining = headers['x-ratelimit-remaining'];
  const retryAfter = headers['retry-after'];
  const rateLimited =
    status === 429 ||
    (status === 403 &&
      (String(remaining) === '0' || retryAfter !== undefined || /rate limit/i.test(ghMessage)));
  if (rateLimited) {
    const resetAt = rateLimitReset(headers, options.now ?? (() => new Date()));
    const when = resetAt ? ` until ${resetAt.toISOString()}` : '';
    return new GitHubError(
      'GITHUB_RATE_LIMITED',
      `GitHub rate limit reached${when} while ${op} (HTTP ${status})`,
      {
        status,
        ...(resetAt ? { resetAt } : {}),
        cause,
      },
    );
  }
  if (status === 401 || status === 403) {
    const hint =
      status === 401 ? 'the token is missing, wrong or expired' : 'the token lacks a permission';
    return new GitHubError(
      'GITHUB_AUTH',
      `GitHub refused access while ${op} (HTTP ${status}: ${hint}): ${ghMessage}`,
      {
        status,
        cause,
      },
    );
  }
  if (status === 404) {
    return new GitHubError(
      'GITHUB_NOT_FOUND',
      `GitHub answered 404 while ${op}: the repository or commit does not exist, or the token cannot see it`,
      { status, cause },
    );
  }
  if (status >= 500) {
    return new GitHubError(
      'GITHUB_UNAVAILABLE',
      `GitHub failed while ${op} (HTTP ${status}): ${ghMessage}`,
      { status, cause },
    );
  }
  return new GitHubError(
    'GITHUB_INVALID',
    `GitHub rejected the request while ${op} (HTTP ${status}): ${ghMessage}`,
    {
      status,
      cause,
    },
  );
}

function rateLimitReset(
  headers: Record<string, string | number | undefined>,
  now: () => Date,
): Date | undefined {
  const reset = Number(headers['x-ratelimit-reset']);
  if (Number.isFinite(reset) && reset > 0) return new Date(reset * 1000);
  const retryAfter = Number(headers['retry-after']);
  if (Number.isFinite(retryAfter) && retryAfter >= 0)
    return new Date(now().getTime() + retryAfter * 1000);
  return undefined;
}

/** A small, token-free stand-in for the raw error: name, scrubbed message, status, errno code. */
function safeCause(error: unknown, scrub: (text: string) => string): Error {
  const err = error as { name?: unknown; message?: unknown; status?: unknown; cause?: unknown };
  const copy = new Error(
    shorten(scrub(typeof err?.message === 'string' ? err.message : String(error))),
  ) as Error & {
    status?: number;
    code?: string;
  };
  if (typeof err?.name === 'string') copy.name = err.name;
  if (typeof err?.status === 'number') copy.status = err.status;
  for (
    let c: unknown = err?.cause, depth = 0;
    c !== undefined && c !== null && depth < 3;
    depth++
  ) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === 'string') {
      copy.code = code;
      break;
    }
    c = (c as { cause?: unknown }).cause;
  }
  return copy;
}

/** GitHub's message, cut short: a proxy's 502 can answer a whole HTML page. */
function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 300 ? `${oneLine.slice(0, 300)}…` : oneLine;
}
