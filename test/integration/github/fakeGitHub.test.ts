/**
 * The fake GitHub itself, driven by octokit: the shapes, paging (Link headers that
 * `octokit.paginate` follows) and auth rules other tests rely on.
 */
import { Octokit } from 'octokit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../helpers/fakeGitHub.js';

const REPO = { owner: 'acme', repo: 'registry' };
const SHA = 'e'.repeat(40);
const TOKEN = 'ghp_faketoken';

let gh: FakeGitHub;
let octokit: Octokit;

beforeEach(async () => {
  gh = await startFakeGitHub({ token: TOKEN });
  gh.addRepo('acme/registry');
  octokit = new Octokit({
    auth: TOKEN,
    baseUrl: gh.url,
    throttle: { enabled: false },
    retry: { enabled: false },
  });
});
afterEach(async () => {
  await gh.close();
});

describe('fake GitHub', () => {
  it('lists commit statuses newest first, across pages octokit.paginate follows by Link', async () => {
    for (let i = 0; i < 45; i++)
      gh.addStatus('acme/registry', SHA, { context: `c${i}`, state: 'success' });
    const all = await octokit.paginate(octokit.rest.repos.listCommitStatusesForRef, {
      ...REPO,
      ref: SHA,
      per_page: 20,
    });
    expect(all).toHaveLength(45);
    expect(all[0]?.context).toBe('c44');
    expect(gh.requests.map((r) => r.query.page ?? '1')).toEqual(['1', '2', '3']);
  });

  it('the combined status keeps the latest per context and sums up the state', async () => {
    gh.addStatus('acme/registry', SHA, { context: 'a', state: 'failure' });
    gh.addStatus('acme/registry', SHA, { context: 'a', state: 'success' });
    gh.addStatus('acme/registry', SHA, { context: 'b', state: 'pending' });
    const { data } = await octokit.rest.repos.getCombinedStatusForRef({ ...REPO, ref: SHA });
    expect(data.state).toBe('pending');
    expect(data.total_count).toBe(2);
    expect(data.statuses.map((s) => [s.context, s.state])).toEqual([
      ['b', 'pending'],
      ['a', 'success'],
    ]);
  });

  it("check runs: filter=latest (GitHub's default) hides older runs of a name, filter=all shows them", async () => {
    gh.addCheckRun('acme/registry', SHA, { name: 'validate', conclusion: 'failure' });
    gh.addCheckRun('acme/registry', SHA, { name: 'validate', conclusion: 'success' });
    gh.addCheckRun('acme/registry', SHA, { name: 'lint', status: 'in_progress', conclusion: null });
    const latest = await octokit.rest.checks.listForRef({ ...REPO, ref: SHA });
    expect(latest.data.check_runs.map((r) => [r.name, r.conclusion])).toEqual([
      ['validate', 'success'],
      ['lint', null],
    ]);
    const all = await octokit.rest.checks.listForRef({
      ...REPO,
      ref: SHA,
      filter: 'all',
      check_name: 'validate',
    });
    expect(all.data.total_count).toBe(2);
    const queued = await octokit.rest.checks.listForRef({
      ...REPO,
      ref: SHA,
      status: 'in_progress',
    });
    expect(queued.data.check_runs.map((r) => r.name)).toEqual(['lint']);
  });

  it('comments: created by the token user, listed oldest first, edited in place', async () => {
    gh.addComment('acme/registry', 7, 'first');
    const created = await octokit.rest.issues.createComment({
      ...REPO,
      issue_number: 7,
      body: 'second',
    });
    expect(created.status).toBe(201);
    expect(created.data.user?.login).toBe('regsync-bot');
    await octokit.rest.issues.updateComment({
      ...REPO,
      comment_id: created.data.id,
      body: 'edited',
    });
    const { data } = await octokit.rest.issues.listComments({ ...REPO, issue_number: 7 });
    expect(data.map((c) => c.body)).toEqual(['first', 'edited']);
    await expect(
      octokit.rest.issues.updateComment({ ...REPO, comment_id: 999_999, body: 'x' }),
    ).rejects.toMatchObject({
      status: 404,
    });
  });

  it('accepts `token` and `Bearer` schemes, refuses others with 401, records headers', async () => {
    // No `auth` here: octokit's auth hook would overwrite the header under test.
    const anonymous = new Octokit({
      baseUrl: gh.url,
      throttle: { enabled: false },
      retry: { enabled: false },
    });
    for (const authorization of [`token ${TOKEN}`, `Bearer ${TOKEN}`]) {
      const { status } = await anonymous.request(
        'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
        {
          ...REPO,
          issue_number: 1,
          headers: { authorization },
        },
      );
      expect(status).toBe(200);
    }
    await expect(
      anonymous.request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        ...REPO,
        issue_number: 1,
        headers: { authorization: `Basic ${TOKEN}` },
      }),
    ).rejects.toMatchObject({ status: 401 });
    expect(gh.requests.map((r) => r.headers.authorization)).toEqual([
      `token ${TOKEN}`,
      `Bearer ${TOKEN}`,
      `Basic ${TOKEN}`,
    ]);
  });

  it('unknown repositories and routes answer 404', async () => {
    await expect(
      octokit.rest.checks.listForRef({ owner: 'acme', repo: 'nope', ref: SHA }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(octokit.request('GET /repos/{owner}/{repo}/pulls', REPO)).rejects.toMatchObject({
      status: 404,
    });
  });

  it('rate limit: 403 with x-ratelimit-remaining 0 and the reset epoch, then normal again', async () => {
    const resetAt = new Date('2030-01-01T00:00:00Z');
    gh.rateLimit({ resetAt });
    const error = (await octokit.rest.checks
      .listForRef({ ...REPO, ref: SHA })
      .catch((e: unknown) => e)) as {
      status: number;
      response: { headers: Record<string, string> };
    };
    expect(error.status).toBe(403);
    expect(error.response.headers['x-ratelimit-remaining']).toBe('0');
    expect(error.response.headers['x-ratelimit-reset']).toBe(String(resetAt.getTime() / 1000));
    expect((await octokit.rest.checks.listForRef({ ...REPO, ref: SHA })).status).toBe(200);
  });
});
