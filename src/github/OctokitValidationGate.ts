import type { Octokit } from 'octokit';
import type { GateVerdict, ValidationGate } from '../sync/ports.js';
import { apiRoot, createOctokit, type GitHubClientOptions } from './createOctokit.js';
import { decideVerdict, type CheckRunLike, type CommitStatusLike } from './decideVerdict.js';
import { GitHubError } from './GitHubError.js';
import { parseRepo, type RepoRef } from './parseRepo.js';
import { withTimeout } from './withTimeout.js';

/** Settings of the gate (REGSYNC_GITHUB_REPO, _TOKEN, _API_URL, REGSYNC_GATE_CHECK_NAME). */
export interface OctokitValidationGateOptions extends GitHubClientOptions {
  /** `owner/name` of the registry repository. */
  repo: string;
  /** Check run name, or commit status context, that must pass. Default `validate`. */
  checkName?: string;
  /**
   * Only check runs of this GitHub App count (15368 is GitHub Actions), and commit statuses
   * are not read: any token with write access can post a status or, through another app, a
   * check run of the same name, so pinning the app is what makes the gate mean "our workflow
   * passed".
   */
  appId?: number;
  /** Upper bound of one `verdict` call, retries included. Default 15000. */
  timeoutMs?: number;
}

const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;
const PER_PAGE = 100;
/** A commit with more than 1,000 runs of one check is not a case worth more requests. */
const MAX_PAGES = 10;

/**
 * ValidationGate backed by GitHub's REST API through octokit. `verdict(sha)` reads the check
 * runs named `checkName` on the commit (all of them, re-runs included, paginated), then, only
 * when there is none, the combined commit status; `decideVerdict` turns that into
 * passed/pending/failed. It never writes to GitHub.
 *
 * Throws a GitHubError when GitHub cannot answer: `GITHUB_UNAVAILABLE` (network, timeout,
 * 5xx after retries) and `GITHUB_RATE_LIMITED` (with `resetAt`) are retryable;
 * `GITHUB_AUTH`, `GITHUB_NOT_FOUND` and `GITHUB_INVALID` need a human. The constructor throws
 * `GITHUB_INVALID` for a malformed `repo`. Messages never contain the token.
 */
export class OctokitValidationGate implements ValidationGate {
  readonly description: string;
  private readonly ref: RepoRef;
  private readonly checkName: string;
  private readonly appId: number | undefined;
  private readonly timeoutMs: number;
  private readonly token: string | undefined;
  private readonly octokit: Octokit;

  constructor(options: OctokitValidationGateOptions) {
    this.ref = parseRepo(options.repo);
    this.checkName = options.checkName ?? 'validate';
    if (this.checkName.trim() === '') {
      throw new GitHubError('GITHUB_INVALID', 'the gate check name must not be empty');
    }
    if (
      options.appId !== undefined &&
      !(Number.isSafeInteger(options.appId) && options.appId > 0)
    ) {
      throw new GitHubError(
        'GITHUB_INVALID',
        `the gate app id must be a positive integer, got ${options.appId}`,
      );
    }
    this.appId = options.appId;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.token = options.token;
    this.octokit = createOctokit(options);
    this.description =
      `${hostOf(options.apiUrl)}/${this.ref.owner}/${this.ref.repo} check ${JSON.stringify(this.checkName)}` +
      (this.appId === undefined ? '' : ` of app ${this.appId}`);
  }

  async verdict(sha: string): Promise<GateVerdict> {
    if (!SHA.test(sha)) {
      const message = `the gate needs a full commit sha, got ${JSON.stringify(sha)}`;
      throw new GitHubError('GITHUB_INVALID', message);
    }
    const operation = this.operation(sha);
    return withTimeout(
      { timeoutMs: this.timeoutMs, operation, ...(this.token ? { token: this.token } : {}) },
      (signal) => this.ask(sha, signal),
    );
  }

  private async ask(sha: string, signal: AbortSignal): Promise<GateVerdict> {
    const runs: CheckRunLike[] = [];
    // Paged by hand rather than with octokit.paginate, which drops `request.signal`.
    for (let page = 1; page <= MAX_PAGES; page++) {
      const { data } = await this.octokit.rest.checks.listForRef({
        ...this.ref,
        ref: sha,
        check_name: this.checkName,
        ...(this.appId === undefined ? {} : { app_id: this.appId }),
        filter: 'all',
        per_page: PER_PAGE,
        page,
        request: { signal },
      });
      runs.push(
        ...data.check_runs.filter(
          (r) =>
            r.name === this.checkName && (this.appId === undefined || r.app?.id === this.appId),
        ),
      );
      if (data.check_runs.length < PER_PAGE || page * PER_PAGE >= data.total_count) break;
    }
    // A pinned app reports through check runs only; a status of the same name proves nothing.
    if (runs.length > 0 || this.appId !== undefined)
      return decideVerdict({ checkName: this.checkName, checkRuns: runs });
    return decideVerdict({
      checkName: this.checkName,
      checkRuns: [],
      status: await this.findStatus(sha, signal),
    });
  }

  /** The latest status with our context: the combined status holds one per context, paged. */
  private async findStatus(
    sha: string,
    signal: AbortSignal,
  ): Promise<CommitStatusLike | undefined> {
    for (let page = 1; page <= MAX_PAGES; page++) {
      const { data } = await this.octokit.rest.repos.getCombinedStatusForRef({
        ...this.ref,
        ref: sha,
        per_page: PER_PAGE,
        page,
        request: { signal },
      });
      const found = data.statuses.find((s) => s.context === this.checkName);
      if (found !== undefined) return found;
      if (data.statuses.length < PER_PAGE || page * PER_PAGE >= data.total_count) break;
    }
    return undefined;
  }

  private operation(sha: string): string {
    return `reading the ${JSON.stringify(this.checkName)} check of ${this.ref.owner}/${this.ref.repo}@${sha.slice(0, 12)}`;
  }
}

function hostOf(apiUrl: string | undefined): string {
  const url = new URL(apiRoot(apiUrl));
  return url.host === 'api.github.com' ? 'github.com' : url.host;
}
