import { Octokit } from 'octokit';
import { GitHubError } from './GitHubError.js';

/** How to reach GitHub; shared by every adapter in this folder. */
export interface GitHubClientOptions {
  /** Token (PAT, fine-grained or installation token); sent as `Authorization: token <t>`. */
  token?: string;
  /** REST API root: `https://api.github.com` (default) or `https://ghe.example.com/api/v3`. */
  apiUrl?: string;
  /**
   * Retries of a 5xx or network error inside one call (octokit's retry plugin, waiting
   * 1 s, 4 s, 9 s...). Default 2. 4xx, rate limits included, are never retried here: the
   * caller learns of them at once and decides (the sync retries on its next run).
   */
  retries?: number;
  /** Base of the retry wait in ms (octokit's `retryAfterBaseValue`, default 1000); tests shorten it. */
  retryBaseMs?: number;
}

/** Default REST API root. */
export const GITHUB_API_URL = 'https://api.github.com';

/**
 * Builds the octokit client the adapters share. The throttling plugin is off on purpose: it
 * would sleep until a rate limit resets (up to an hour) inside a sync run; we throw
 * `GITHUB_RATE_LIMITED` with the reset time instead.
 */
export function createOctokit(options: GitHubClientOptions): Octokit {
  return new Octokit({
    ...(options.token ? { auth: options.token } : {}),
    baseUrl: apiRoot(options.apiUrl),
    userAgent: 'regsync',
    throttle: { enabled: false },
    // Retries go in the plugin's own options, not `request.retries`: with the latter, plugin-retry
    // 8 re-sends every failed request, 401/403/404 included, at once (its Bottleneck `failed`
    // handler reads `request.retries` whatever the status). test/integration/github checks it.
    retry: { retries: options.retries ?? 2, retryAfterBaseValue: options.retryBaseMs ?? 1000 },
  });
}

/**
 * The API root without a trailing slash; throws `GITHUB_INVALID` unless it is an http(s) URL
 * without credentials (a token goes in `token`, never in the URL, where logs would show it).
 */
export function apiRoot(apiUrl: string | undefined): string {
  const value = apiUrl ?? GITHUB_API_URL;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new GitHubError('GITHUB_INVALID', 'the GitHub API URL is not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new GitHubError(
      'GITHUB_INVALID',
      `the GitHub API URL must be http(s), got ${url.protocol}`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new GitHubError(
      'GITHUB_INVALID',
      'the GitHub API URL must not hold credentials: use the token setting',
    );
  }
  if (url.search !== '' || url.hash !== '') {
    throw new GitHubError('GITHUB_INVALID', 'the GitHub API URL must not have a query or fragment');
  }
  return value.replace(/\/+$/, '');
}
