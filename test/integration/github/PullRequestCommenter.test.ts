import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitHubError } from '../../../src/github/GitHubError.js';
import {
  MAX_COMMENT_LENGTH,
  PullRequestCommenter,
  REGSYNC_DIFF_MARKER,
  composeBody,
} from '../../../src/github/PullRequestCommenter.js';
import { startFakeGitHub, type FakeGitHub } from '../../helpers/fakeGitHub.js';

const REPO = 'acme/registry';
const PR = 42;
const TOKEN = 'ghs_installationtoken42';
const BOT = 'regsync[bot]';

let gh: FakeGitHub;
let commenter: PullRequestCommenter;

beforeEach(async () => {
  gh = await startFakeGitHub({ token: TOKEN, login: BOT });
  gh.addRepo(REPO);
  commenter = new PullRequestCommenter({ token: TOKEN, apiUrl: gh.url, retries: 0 });
});
afterEach(async () => {
  await gh.close();
});

const calls = () =>
  gh.requests.map((r) => `${r.method} ${r.path}${r.query.page ? `?page=${r.query.page}` : ''}`);

describe('upsertComment', () => {
  it('creates the comment, then updates it: one comment after two runs', async () => {
    const first = await commenter.upsertComment({ repo: REPO, issueNumber: PR, body: 'diff v1' });
    expect(first.action).toBe('created');
    expect(first.url).toBe(`https://github.com/acme/registry/pull/42#issuecomment-${first.id}`);
    expect(gh.comments(REPO, PR).map((c) => c.body)).toEqual([`${REGSYNC_DIFF_MARKER}\ndiff v1`]);

    const second = await commenter.upsertComment({ repo: REPO, issueNumber: PR, body: 'diff v2' });
    expect(second).toEqual({ action: 'updated', id: first.id, url: first.url });
    expect(gh.comments(REPO, PR).map((c) => c.body)).toEqual([`${REGSYNC_DIFF_MARKER}\ndiff v2`]);

    expect(calls()).toEqual([
      'GET /repos/acme/registry/issues/42/comments?page=1',
      'POST /repos/acme/registry/issues/42/comments',
      'GET /repos/acme/registry/issues/42/comments?page=1',
      `PATCH /repos/acme/registry/issues/comments/${first.id}`,
    ]);
    expect(gh.requests.every((r) => r.headers.authorization === `token ${TOKEN}`)).toBe(true);
    expect(gh.requests[0]?.query.per_page).toBe('100');
    expect(gh.requests[1]?.body).toEqual({ body: `${REGSYNC_DIFF_MARKER}\ndiff v1` });
    expect(gh.requests[3]?.body).toEqual({ body: `${REGSYNC_DIFF_MARKER}\ndiff v2` });
  });

  it('finds its comment past 100+ others (pagination) and updates it instead of adding one', async () => {
    for (let i = 0; i < 130; i++) gh.addComment(REPO, PR, `review comment ${i}`);
    const ours = gh.addComment(REPO, PR, `${REGSYNC_DIFF_MARKER}\nold diff`, BOT);
    for (let i = 0; i < 80; i++) gh.addComment(REPO, PR, `later comment ${i}`);

    const result = await commenter.upsertComment({ repo: REPO, issueNumber: PR, body: 'new diff' });
    expect(result).toMatchObject({ action: 'updated', id: ours.id });
    const comments = gh.comments(REPO, PR);
    expect(comments).toHaveLength(211);
    expect(comments.filter((c) => c.body.includes(REGSYNC_DIFF_MARKER)).map((c) => c.body)).toEqual(
      [`${REGSYNC_DIFF_MARKER}\nnew diff`],
    );
    // Page 2 holds it: page 3 is never read.
    expect(calls()).toEqual([
      'GET /repos/acme/registry/issues/42/comments?page=1',
      'GET /repos/acme/registry/issues/42/comments?page=2',
      `PATCH /repos/acme/registry/issues/comments/${ours.id}`,
    ]);
  });

  it('reads every page before creating, and creates exactly one comment across runs', async () => {
    for (let i = 0; i < 200; i++) gh.addComment(REPO, PR, `comment ${i}`);
    await commenter.upsertComment({ repo: REPO, issueNumber: PR, body: 'one' });
    expect(calls().filter((c) => c.startsWith('GET'))).toHaveLength(3); // 100 + 100 + 0
    await commenter.upsertComment({ repo: REPO, issueNumber: PR, body: 'two' });
    await commenter.upsertComment({ repo: REPO, issueNumber: PR, body: 'three' });
    const marked = gh.comments(REPO, PR).filter((c) => c.body.startsWith(REGSYNC_DIFF_MARKER));
    expect(marked.map((c) => c.body)).toEqual([`${REGSYNC_DIFF_MARKER}\nthree`]);
    expect(gh.comments(REPO, PR)).toHaveLength(201);
  });

  it('leaves an identical comment alone (no PATCH)', async () => {
    await commenter.upsertComment({ repo: REPO, issueNumber: PR, body: 'same' });
    const again = await commenter.upsertComment({ repo: REPO, issueNumber: PR, body: 'same' });
    expect(again.action).toBe('unchanged');
    expect(calls().filter((c) => c.startsWith('PATCH'))).toEqual([]);
  });

  it('keeps comments with other markers, or quoting ours mid-text, apart', async () => {
    gh.addComment(REPO, PR, '<!-- other-tool -->\nsomething else');
    gh.addComment(REPO, PR, `> quoting: ${REGSYNC_DIFF_MARKER}`);
    const result = await commenter.upsertComment({ repo: REPO, issueNumber: PR, body: 'diff' });
    expect(result.action).toBe('created');
    const custom = await commenter.upsertComment({
      repo: REPO,
      issueNumber: PR,
      marker: '<!-- other-tool -->',
      body: 'replaced',
    });
    expect(custom.action).toBe('updated');
    expect(gh.comments(REPO, PR).map((c) => c.body)).toEqual([
      '<!-- other-tool -->\nreplaced',
      `> quoting: ${REGSYNC_DIFF_MARKER}`,
      `${REGSYNC_DIFF_MARKER}\ndiff`,
    ]);
  });

  it('with an author set, a marked comment by someone else is not taken over', async () => {
    gh.addComment(REPO, PR, `${REGSYNC_DIFF_MARKER}\nposted by a human`, 'mallory');
    const own = new PullRequestCommenter({ token: TOKEN, apiUrl: gh.url, author: BOT });
    expect((await own.upsertComment({ repo: REPO, issueNumber: PR, body: 'v1' })).action).toBe(
      'created',
    );
    expect((await own.upsertComment({ repo: REPO, issueNumber: PR, body: 'v2' })).action).toBe(
      'updated',
    );
    expect(gh.comments(REPO, PR).map((c) => [c.user.login, c.body])).toEqual([
      ['mallory', `${REGSYNC_DIFF_MARKER}\nposted by a human`],
      [BOT, `${REGSYNC_DIFF_MARKER}\nv2`],
    ]);
  });

  it('cuts a body too long for GitHub instead of failing with 422', async () => {
    const result = await commenter.upsertComment({
      repo: REPO,
      issueNumber: PR,
      body: '😀'.repeat(40_000),
    });
    expect(result.action).toBe('created');
    const [comment] = gh.comments(REPO, PR);
    expect(comment?.body.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH);
    expect(comment?.body).toMatch(/… truncated: the full text is 80000 characters/);
    expect(composeBody(REGSYNC_DIFF_MARKER, 'short')).toBe(`${REGSYNC_DIFF_MARKER}\nshort`);
    expect(composeBody(REGSYNC_DIFF_MARKER, '😀'.repeat(40_000))).not.toMatch(
      /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/,
    );
  });
});

describe('errors', () => {
  it.each([
    [{ repo: 'not a repo', issueNumber: 1, body: 'x' }],
    [{ repo: REPO, issueNumber: 0, body: 'x' }],
    [{ repo: REPO, issueNumber: 1.5, body: 'x' }],
    [{ repo: REPO, issueNumber: 1, body: 'x', marker: 'regsync-diff' }],
    [{ repo: REPO, issueNumber: 1, body: 'x', marker: '<!-- a --> <script> <!-- b -->' }],
  ])('refuses %j without asking GitHub', async (input) => {
    await expect(commenter.upsertComment(input)).rejects.toMatchObject({ code: 'GITHUB_INVALID' });
    expect(gh.requests).toHaveLength(0);
  });

  it('a token without write access is GITHUB_AUTH, token-free', async () => {
    gh.fail({
      status: 403,
      body: { message: 'Resource not accessible by integration' },
      match: (r) => r.method === 'POST',
    });
    const error = await commenter
      .upsertComment({ repo: REPO, issueNumber: PR, body: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubError);
    expect(error).toMatchObject({ code: 'GITHUB_AUTH', status: 403 });
    expect(JSON.stringify(error) + String(error)).not.toContain(TOKEN);
    expect(gh.comments(REPO, PR)).toHaveLength(0);
  });

  it('a rate limit while listing creates nothing', async () => {
    gh.rateLimit({ resetAt: new Date(Date.now() + 60_000) });
    await expect(
      commenter.upsertComment({ repo: REPO, issueNumber: PR, body: 'x' }),
    ).rejects.toMatchObject({
      code: 'GITHUB_RATE_LIMITED',
      retryable: true,
    });
    expect(gh.comments(REPO, PR)).toHaveLength(0);
  });

  it('a 5xx on a later page creates nothing (no duplicate from a half-read list)', async () => {
    for (let i = 0; i < 150; i++) gh.addComment(REPO, PR, `comment ${i}`);
    gh.fail({ status: 502, match: (r) => r.query.page === '2' });
    await expect(
      commenter.upsertComment({ repo: REPO, issueNumber: PR, body: 'x' }),
    ).rejects.toMatchObject({
      code: 'GITHUB_UNAVAILABLE',
    });
    expect(calls().filter((c) => c.startsWith('POST'))).toEqual([]);
  });
});
