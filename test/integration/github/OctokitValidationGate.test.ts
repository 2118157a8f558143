import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OctokitValidationGate } from '../../../src/github/OctokitValidationGate.js';
import { startFakeGitHub, type FakeGitHub } from '../../helpers/fakeGitHub.js';

const REPO = 'acme/registry';
const SHA = 'a'.repeat(40);
const TOKEN = 'ghp_testtoken1234567890';

let gh: FakeGitHub;
let gate: OctokitValidationGate;

beforeEach(async () => {
  gh = await startFakeGitHub({ token: TOKEN });
  gh.addRepo(REPO);
  gate = new OctokitValidationGate({ repo: REPO, token: TOKEN, apiUrl: gh.url, retries: 0 });
});
afterEach(async () => {
  await gh.close();
});

describe('check runs', () => {
  it.each([
    ['success', 'passed'],
    ['neutral', 'passed'],
    ['skipped', 'passed'],
    ['failure', 'failed'],
    ['cancelled', 'failed'],
    ['timed_out', 'failed'],
    ['action_required', 'failed'],
    ['stale', 'failed'],
  ] as const)('completed with %s is %s', async (conclusion, state) => {
    const run = gh.addCheckRun(REPO, SHA, { name: 'validate', status: 'completed', conclusion });
    const verdict = await gate.verdict(SHA);
    expect(verdict.state).toBe(state);
    if (verdict.state === 'failed') {
      expect(verdict.detail).toBe(`check "validate" concluded ${conclusion} (${run.html_url})`);
    }
  });

  it.each(['queued', 'in_progress', 'waiting'] as const)('%s is pending', async (status) => {
    const run = gh.addCheckRun(REPO, SHA, { name: 'validate', status, conclusion: null });
    expect(await gate.verdict(SHA)).toEqual({
      state: 'pending',
      detail: `check "validate" is ${status} (${run.html_url})`,
    });
  });

  it('sends the request octokit is expected to send: path, query, token', async () => {
    gh.addCheckRun(REPO, SHA, { name: 'validate' });
    await gate.verdict(SHA);
    expect(gh.requests).toHaveLength(1);
    const [req] = gh.requests;
    expect(req?.method).toBe('GET');
    expect(req?.path).toBe(`/repos/acme/registry/commits/${SHA}/check-runs`);
    expect(req?.query).toEqual({
      check_name: 'validate',
      filter: 'all',
      per_page: '100',
      page: '1',
    });
    expect(req?.headers.authorization).toBe(`token ${TOKEN}`);
    expect(req?.headers.accept).toBe('application/vnd.github.v3+json');
  });

  it('a re-run decides: the newest run wins over an older failure, and the other way round', async () => {
    gh.addCheckRun(REPO, SHA, {
      name: 'validate',
      conclusion: 'failure',
      started_at: '2026-01-01T10:00:00Z',
    });
    gh.addCheckRun(REPO, SHA, {
      name: 'validate',
      conclusion: 'success',
      started_at: '2026-01-01T11:00:00Z',
    });
    expect(await gate.verdict(SHA)).toEqual({ state: 'passed' });

    const other = 'b'.repeat(40);
    // Inserted out of order: the time decides, not the position in GitHub's answer.
    gh.addCheckRun(REPO, other, {
      name: 'validate',
      conclusion: 'failure',
      started_at: '2026-01-02T11:00:00Z',
    });
    gh.addCheckRun(REPO, other, {
      name: 'validate',
      conclusion: 'success',
      started_at: '2026-01-02T10:00:00Z',
    });
    expect((await gate.verdict(other)).state).toBe('failed');
  });

  it('a re-run still queued makes the commit pending again', async () => {
    gh.addCheckRun(REPO, SHA, { name: 'validate', conclusion: 'failure' });
    gh.addCheckRun(REPO, SHA, {
      name: 'validate',
      status: 'queued',
      conclusion: null,
      completed_at: null,
    });
    expect((await gate.verdict(SHA)).state).toBe('pending');
  });

  it('ignores checks of other names and reads every page of re-runs', async () => {
    gh.addCheckRun(REPO, SHA, { name: 'lint', conclusion: 'failure' });
    for (let i = 0; i < 150; i++)
      gh.addCheckRun(REPO, SHA, { name: 'validate', conclusion: 'failure' });
    gh.addCheckRun(REPO, SHA, { name: 'validate', conclusion: 'success' });
    expect(await gate.verdict(SHA)).toEqual({ state: 'passed' });
    expect(gh.requests.map((r) => r.query.page)).toEqual(['1', '2']);
  });

  it('a check run wins over a commit status of the same name', async () => {
    gh.addCheckRun(REPO, SHA, { name: 'validate', conclusion: 'success' });
    gh.addStatus(REPO, SHA, { context: 'validate', state: 'failure' });
    expect(await gate.verdict(SHA)).toEqual({ state: 'passed' });
    expect(gh.requests).toHaveLength(1);
  });

  it("pinned to an app, counts only that app's check runs and never a commit status", async () => {
    const pinned = new OctokitValidationGate({
      repo: REPO,
      token: TOKEN,
      apiUrl: gh.url,
      retries: 0,
      appId: 15368,
    });
    expect(pinned.description).toContain('check "validate" of app 15368');
    // A look-alike from another app, and a status anyone with write access could post.
    gh.addCheckRun(REPO, SHA, {
      name: 'validate',
      conclusion: 'success',
      app: { id: 999, slug: 'impostor' },
    });
    gh.addStatus(REPO, SHA, { context: 'validate', state: 'success' });
    expect(await pinned.verdict(SHA)).toMatchObject({ state: 'pending' });
    expect(gh.requests.map((r) => r.query['app_id'])).toEqual(['15368']);
    expect(gh.requests.some((r) => r.path.endsWith('/status'))).toBe(false);
    // The workflow's own run decides.
    gh.addCheckRun(REPO, SHA, { name: 'validate', status: 'completed', conclusion: 'failure' });
    expect(await pinned.verdict(SHA)).toMatchObject({ state: 'failed' });
    // Unpinned, the impostor's success would have passed the commit.
    const other = 'b'.repeat(40);
    gh.addCheckRun(REPO, other, {
      name: 'validate',
      conclusion: 'success',
      app: { id: 999, slug: 'impostor' },
    });
    expect(await gate.verdict(other)).toEqual({ state: 'passed' });
    expect(await pinned.verdict(other)).toMatchObject({ state: 'pending' });
    expect(() => new OctokitValidationGate({ repo: REPO, appId: -1 })).toThrow(/positive integer/);
  });

  it('honours a configured check name', async () => {
    const named = new OctokitValidationGate({
      repo: REPO,
      token: TOKEN,
      apiUrl: gh.url,
      checkName: 'registry / validate',
    });
    gh.addCheckRun(REPO, SHA, { name: 'registry / validate', conclusion: 'failure' });
    gh.addCheckRun(REPO, SHA, { name: 'validate', conclusion: 'success' });
    expect((await named.verdict(SHA)).state).toBe('failed');
    expect(gh.requests[0]?.query.check_name).toBe('registry / validate');
    expect(named.description).toBe(
      `127.0.0.1:${new URL(gh.url).port}/acme/registry check "registry / validate"`,
    );
  });
});

describe('commit statuses (fallback when no check run has the name)', () => {
  it.each([
    ['success', 'passed'],
    ['pending', 'pending'],
    ['failure', 'failed'],
    ['error', 'failed'],
  ] as const)('%s is %s', async (state, expected) => {
    gh.addStatus(REPO, SHA, {
      context: 'validate',
      state,
      description: 'registry check',
      target_url: 'https://ci.example/1',
    });
    const verdict = await gate.verdict(SHA);
    expect(verdict.state).toBe(expected);
    if (verdict.state !== 'passed') {
      expect(verdict.detail).toBe(
        `status "validate" is ${state}: registry check (https://ci.example/1)`,
      );
    }
    expect(gh.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /repos/acme/registry/commits/${SHA}/check-runs`,
      `GET /repos/acme/registry/commits/${SHA}/status`,
    ]);
    expect(gh.requests[1]?.query).toEqual({ per_page: '100', page: '1' });
    expect(gh.requests[1]?.headers.authorization).toBe(`token ${TOKEN}`);
  });

  it('the latest status of the context decides', async () => {
    gh.addStatus(REPO, SHA, { context: 'validate', state: 'pending' });
    gh.addStatus(REPO, SHA, { context: 'validate', state: 'success' });
    gh.addStatus(REPO, SHA, { context: 'deploy', state: 'failure' });
    expect(await gate.verdict(SHA)).toEqual({ state: 'passed' });
  });

  it('finds the context on a later page of the combined status', async () => {
    for (let i = 0; i < 120; i++)
      gh.addStatus(REPO, SHA, { context: `other-${i}`, state: 'success' });
    gh.addStatus(REPO, SHA, { context: 'validate', state: 'failure' }); // newest first: page 1
    for (let i = 0; i < 120; i++)
      gh.addStatus(REPO, SHA, { context: `later-${i}`, state: 'success' });
    expect((await gate.verdict(SHA)).state).toBe('failed');
    expect(gh.requests.filter((r) => r.path.endsWith('/status')).map((r) => r.query.page)).toEqual([
      '1',
      '2',
    ]);
  });

  it('nothing reported yet is pending, after reading every page', async () => {
    gh.addCheckRun(REPO, SHA, { name: 'lint' });
    gh.addStatus(REPO, SHA, { context: 'lint', state: 'success' });
    expect(await gate.verdict(SHA)).toEqual({
      state: 'pending',
      detail: 'no check named "validate" reported yet',
    });
  });
});

describe('GitHub Enterprise', () => {
  it('sends every request under the configured API root', async () => {
    const ghe = await startFakeGitHub({ token: TOKEN, pathPrefix: '/api/v3' });
    try {
      ghe.addRepo(REPO);
      ghe.addStatus(REPO, SHA, { context: 'validate', state: 'success' });
      const enterprise = new OctokitValidationGate({
        repo: REPO,
        token: TOKEN,
        apiUrl: `${ghe.url}/`,
      });
      expect(ghe.url).toMatch(/\/api\/v3$/);
      expect(await enterprise.verdict(SHA)).toEqual({ state: 'passed' });
      expect(ghe.requests.map((r) => r.path)).toEqual([
        `/api/v3/repos/acme/registry/commits/${SHA}/check-runs`,
        `/api/v3/repos/acme/registry/commits/${SHA}/status`,
      ]);
    } finally {
      await ghe.close();
    }
  });

  it('describes github.com without the api host', () => {
    expect(new OctokitValidationGate({ repo: REPO }).description).toBe(
      'github.com/acme/registry check "validate"',
    );
  });
});
