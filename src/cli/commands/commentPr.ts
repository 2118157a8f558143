import { readFile } from 'node:fs/promises';
import { DIFF_MARKER } from '../../manifest/diff/index.js';
import { PullRequestCommenter } from '../../github/PullRequestCommenter.js';
import type { UpsertCommentResult } from '../../github/PullRequestCommenter.js';
import { UsageError } from '../UsageError.js';

/**
 * What `regsync diff --comment` needs to post its report: the markdown, the GitHub Actions
 * environment, and optionally the pull request number.
 */
export interface CommentOnPullRequestOptions {
  /** The markdown report (it may open with the marker; it is not repeated). */
  markdown: string;
  /** Where GitHub Actions puts its settings: GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL, GITHUB_EVENT_PATH. */
  env: NodeJS.ProcessEnv;
  /** `--pr N`; otherwise the pull request of the event in GITHUB_EVENT_PATH. */
  pr?: string;
  /** Only a marked comment by this login is updated (`github-actions[bot]` in a workflow). */
  author?: string;
}

/**
 * Posts the diff report as the one Regsync comment of a pull request: updates the comment
 * that opens with `<!-- regsync-diff -->`, or creates it (PullRequestCommenter.upsertComment),
 * so re-runs never add a second comment. Missing settings are a UsageError; GitHub failures
 * are GitHubErrors.
 */
export async function commentOnPullRequest(
  options: CommentOnPullRequestOptions,
): Promise<UpsertCommentResult> {
  const { env } = options;
  const token = env.GITHUB_TOKEN;
  const repo = env.GITHUB_REPOSITORY;
  if (!token)
    throw new UsageError(
      '--comment needs GITHUB_TOKEN (in a workflow: env: GITHUB_TOKEN: ${{ github.token }})',
    );
  if (!repo)
    throw new UsageError(
      '--comment needs GITHUB_REPOSITORY (owner/name), as GitHub Actions sets it',
    );
  const issueNumber = await pullRequestNumber(options.pr, env.GITHUB_EVENT_PATH);
  const body = options.markdown.startsWith(DIFF_MARKER)
    ? options.markdown.slice(DIFF_MARKER.length).replace(/^\n/, '')
    : options.markdown;
  const commenter = new PullRequestCommenter({
    token,
    ...(env.GITHUB_API_URL ? { apiUrl: env.GITHUB_API_URL } : {}),
    ...(options.author ? { author: options.author } : {}),
  });
  return commenter.upsertComment({ repo, issueNumber, marker: DIFF_MARKER, body });
}

/** `--pr N`, else `pull_request.number` of the event file GitHub Actions writes. */
async function pullRequestNumber(
  pr: string | undefined,
  eventPath: string | undefined,
): Promise<number> {
  if (pr !== undefined) {
    if (!/^[1-9]\d{0,9}$/.test(pr))
      throw new UsageError(`--pr must be a pull request number, got ${JSON.stringify(pr)}`);
    return Number(pr);
  }
  if (!eventPath)
    throw new UsageError('--comment needs --pr N or GITHUB_EVENT_PATH (a pull_request event)');
  let event: unknown;
  try {
    event = JSON.parse(await readFile(eventPath, 'utf8'));
  } catch (error) {
    throw new UsageError(
      `cannot read the event file GITHUB_EVENT_PATH (${eventPath}): ${(error as Error).message}`,
    );
  }
  const number = (event as { pull_request?: { number?: unknown } } | null)?.pull_request?.number;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 1) {
    throw new UsageError(
      'the event in GITHUB_EVENT_PATH is not a pull request (no pull_request.number); pass --pr N',
    );
  }
  return number;
}
