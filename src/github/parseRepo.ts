import { GitHubError } from './GitHubError.js';

/** A repository named the way GitHub's REST paths take it. */
export interface RepoRef {
  owner: string;
  repo: string;
}

const REPO = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/**
 * Splits `owner/name`; throws `GITHUB_INVALID` for anything else (no URL, no `.git` suffix
 * check, no third segment), so a typo fails at start-up rather than as a 404 at every run.
 * `.` and `..` are refused as either part: they would change the request path.
 */
export function parseRepo(value: string): RepoRef {
  const [owner = '', repo = ''] = value.split('/');
  if (!REPO.test(value) || /^\.+$/.test(owner) || /^\.+$/.test(repo)) {
    throw new GitHubError(
      'GITHUB_INVALID',
      `repository must look like owner/name, got ${JSON.stringify(value)}`,
    );
  }
  return { owner, repo };
}
