import type { Octokit } from 'octokit';
import { createOctokit, type GitHubClientOptions } from './createOctokit.js';
import { GitHubError } from './GitHubError.js';
import { parseRepo } from './parseRepo.js';
import { withTimeout } from './withTimeout.js';

/** The hidden marker `regsync diff` puts at the top of its pull-request comment. */
export const REGSYNC_DIFF_MARKER = '<!-- regsync-diff -->';

/** GitHub refuses comment bodies longer than this (HTTP 422). */
export const MAX_COMMENT_LENGTH = 65_536;

/**
 * Options of `PullRequestCommenter`: the GitHub client settings, whose comments it may update,
 * and its overall deadline.
 */
export interface PullRequestCommenterOptions extends GitHubClientOptions {
  /**
   * Login whose comments may be updated (e.g. `github-actions[bot]`). When set, a marked
   * comment by anyone else is left alone. Unset: any comment starting with the marker is ours.
   */
  author?: string;
  /** Upper bound of one `upsertComment`, all pages and retries included. Default 30000. */
  timeoutMs?: number;
}

/** One comment to create or update on a pull request, found again by its marker. */
export interface UpsertCommentInput {
  /** `owner/name`. */
  repo: string;
  /** Pull request (or issue) number. */
  issueNumber: number;
  /** An HTML comment, `<!-- regsync-diff -->` by default; it opens the body and finds it again. */
  marker?: string;
  /** Markdown; cut short (with a note) to fit GitHub's limit. */
  body: string;
}

/**
 * What `upsertComment` did (`unchanged` when the body was already the same) and the comment it
 * did it to.
 */
export interface UpsertCommentResult {
  action: 'created' | 'updated' | 'unchanged';
  id: number;
  /** Link to the comment on github.com. */
  url: string;
}

const MARKER = /^<!--[\w .:/-]+-->$/;
const PER_PAGE = 100;
const MAX_PAGES = 1000;

/**
 * Keeps one Regsync comment per pull request up to date (for `regsync diff`). `upsertComment`
 * reads every page of the issue's comments (oldest first) for the first one that starts with
 * the marker (and, if `author` is set, was written by that login): found, it is updated with
 * PATCH, or left as is when the body is already the same; not found, one comment is created
 * with POST. Two runs never leave two comments, provided they do not run at the same time
 * (give the CI job a concurrency group). Throws GitHubError (see toGitHubError).
 */
export class PullRequestCommenter {
  private readonly octokit: Octokit;
  private readonly token: string | undefined;
  private readonly author: string | undefined;
  private readonly timeoutMs: number;

  constructor(options: PullRequestCommenterOptions = {}) {
    this.octokit = createOctokit(options);
    this.token = options.token;
    this.author = options.author;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  async upsertComment(input: UpsertCommentInput): Promise<UpsertCommentResult> {
    const ref = parseRepo(input.repo);
    const marker = input.marker ?? REGSYNC_DIFF_MARKER;
    if (!MARKER.test(marker)) {
      throw new GitHubError(
        'GITHUB_INVALID',
        `marker must be an HTML comment like ${REGSYNC_DIFF_MARKER}`,
      );
    }
    if (!Number.isSafeInteger(input.issueNumber) || input.issueNumber < 1) {
      throw new GitHubError(
        'GITHUB_INVALID',
        `issue number must be a positive integer, got ${input.issueNumber}`,
      );
    }
    const body = composeBody(marker, input.body);
    const operation = `commenting on ${input.repo}#${input.issueNumber}`;
    const token = this.token ? { token: this.token } : {};

    return withTimeout({ timeoutMs: this.timeoutMs, operation, ...token }, async (signal) => {
      const params = { ...ref, issue_number: input.issueNumber, request: { signal } };
      const existing = await this.findMarked(params, marker);
      if (existing === undefined) {
        const { data } = await this.octokit.rest.issues.createComment({ ...params, body });
        return { action: 'created', id: data.id, url: data.html_url };
      }
      if (existing.body === body)
        return { action: 'unchanged', id: existing.id, url: existing.html_url };
      const { issue_number: _n, ...repoParams } = params;
      const { data } = await this.octokit.rest.issues.updateComment({
        ...repoParams,
        comment_id: existing.id,
        body,
      });
      return { action: 'updated', id: data.id, url: data.html_url };
    });
  }

  /** The first (oldest) comment that opens with `marker`, paging by hand to keep the signal. */
  private async findMarked(
    params: { owner: string; repo: string; issue_number: number; request: { signal: AbortSignal } },
    marker: string,
  ): Promise<{ id: number; body: string; html_url: string } | undefined> {
    for (let page = 1; page <= MAX_PAGES; page++) {
      const { data } = await this.octokit.rest.issues.listComments({
        ...params,
        per_page: PER_PAGE,
        page,
      });
      const found = data.find(
        (c) =>
          (c.body ?? '').trimStart().startsWith(marker) &&
          (this.author === undefined || c.user?.login === this.author),
      );
      if (found !== undefined)
        return { id: found.id, body: found.body ?? '', html_url: found.html_url };
      if (data.length < PER_PAGE) return undefined;
    }
    return undefined;
  }
}

/** `marker`, a newline, then `body`, cut to GitHub's limit with a note saying so. */
export function composeBody(marker: string, body: string): string {
  const full = `${marker}\n${body}`;
  if (full.length <= MAX_COMMENT_LENGTH) return full;
  const note = `\n\n… truncated: the full text is ${body.length} characters, more than a GitHub comment holds.`;
  let cut = full.slice(0, MAX_COMMENT_LENGTH - note.length);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1); // never split a surrogate pair
  return cut + note;
}
