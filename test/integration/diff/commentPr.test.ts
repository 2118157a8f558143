import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGitHub } from '../../helpers/fakeGitHub.js';
import type { FakeGitHub } from '../../helpers/fakeGitHub.js';
import { createTestRepo } from '../../helpers/gitRepos.js';
import type { TestRepo } from '../../helpers/gitRepos.js';
import { fixtureText } from './fixtureDiff.js';
import { cli } from './runCliCaptured.js';

const REPO = 'acme/registry';
const TOKEN = 'ghs_test_token_0123456789';
const ACME = 'integrations/acme/manifest.json';

let repo: TestRepo;
let events: string;
let base: string;
let compatible: string;
let breaking: string;
let github: FakeGitHub;

beforeAll(async () => {
  repo = await createTestRepo({ [ACME]: fixtureText('attribute-removed', 'base') });
  base = await repo.head();
  compatible = await repo.commit({ [ACME]: fixtureText('compatible-additions', 'head') });
  breaking = await repo.commit({ [ACME]: fixtureText('attribute-removed', 'head') });
  events = await mkdtemp(join(tmpdir(), 'regsync-event-'));
  await writeFile(
    join(events, 'pr.json'),
    JSON.stringify({ action: 'synchronize', pull_request: { number: 7 } }),
  );
  await writeFile(join(events, 'push.json'), JSON.stringify({ ref: 'refs/heads/main' }));
});
afterAll(async () => {
  await repo?.cleanup();
  await rm(events, { recursive: true, force: true });
});
beforeEach(async () => {
  github = await startFakeGitHub({ token: TOKEN, login: 'github-actions[bot]' });
  github.addRepo(REPO);
});
afterEach(() => github.close());

/** The environment GitHub Actions gives a step on a pull_request event. */
const actionsEnv = (event = 'pr.json'): NodeJS.ProcessEnv => ({
  GITHUB_TOKEN: TOKEN,
  GITHUB_REPOSITORY: REPO,
  GITHUB_API_URL: github.url,
  GITHUB_EVENT_PATH: join(events, event),
});

const diff = (head: string, env: NodeJS.ProcessEnv, ...extra: string[]) =>
  cli(
    ['diff', base, head, '--registry', repo.work, '--format', 'markdown', '--comment', ...extra],
    { cwd: repo.work, env },
  );

describe('regsync diff --comment', () => {
  it('creates the comment, then updates it on the next run: exactly one comment', async () => {
    github.addComment(REPO, 7, 'Looks good to me', 'reviewer');
    const first = await diff(compatible, actionsEnv(), '--comment-author', 'github-actions[bot]');
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(
      /^regsync diff: pull-request comment created: https:\/\/github.com\/acme\/registry\/pull\/7#issuecomment-\d+\n$/,
    );
    let ours = github.comments(REPO, 7).filter((c) => c.user.login === 'github-actions[bot]');
    expect(ours).toHaveLength(1);
    expect(ours[0]?.body).toBe(first.stdout); // the marker once, then the report
    expect(ours[0]?.body).toContain('0 breaking, 8 compatible change(s)');

    const second = await diff(breaking, actionsEnv(), '--comment-author', 'github-actions[bot]');
    expect(second.code).toBe(1); // the comment is posted, and the check still fails
    expect(second.stderr).toMatch(/pull-request comment updated/);
    const all = github.comments(REPO, 7);
    expect(all).toHaveLength(2); // the reviewer's and ours
    ours = all.filter((c) => c.user.login === 'github-actions[bot]');
    expect(ours).toHaveLength(1);
    const body = ours[0]?.body ?? '';
    expect(body.match(/<!-- regsync-diff -->/g)).toHaveLength(1);
    expect(
      body.startsWith('<!-- regsync-diff -->\n### Regsync registry diff\n\n**1 breaking**'),
    ).toBe(true);
    expect(body).toContain('#### ⚠️ Breaking changes (1)');
    expect(github.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(github.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
    expect(github.requests.every((r) => r.headers.authorization === `token ${TOKEN}`)).toBe(true);

    const third = await diff(breaking, actionsEnv());
    expect(third.stderr).toMatch(/pull-request comment unchanged/);
    expect(github.comments(REPO, 7)).toHaveLength(2);
  });

  it('--pr N overrides the event; the JSON report still goes to stdout', async () => {
    const r = await cli(
      [
        'diff',
        base,
        compatible,
        '--registry',
        repo.work,
        '--format',
        'json',
        '--comment',
        '--pr',
        '12',
      ],
      { cwd: repo.work, env: actionsEnv('push.json') },
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ summary: { breaking: 0 } });
    expect(github.comments(REPO, 12)).toHaveLength(1);
    expect(
      github.comments(REPO, 12)[0]?.body.startsWith('<!-- regsync-diff -->\n### Regsync'),
    ).toBe(true);
  });

  it.each<[string, NodeJS.ProcessEnv, RegExp]>([
    ['no token', { GITHUB_TOKEN: undefined }, /needs GITHUB_TOKEN/],
    ['no repository', { GITHUB_REPOSITORY: undefined }, /needs GITHUB_REPOSITORY/],
    ['a push event and no --pr', { GITHUB_EVENT_PATH: 'push.json' }, /not a pull request/],
    ['no event and no --pr', { GITHUB_EVENT_PATH: undefined }, /needs --pr N or GITHUB_EVENT_PATH/],
  ])('exits 2 with %s', async (_name, override, message) => {
    const env = { ...actionsEnv(), ...override };
    if (override.GITHUB_EVENT_PATH === 'push.json')
      env.GITHUB_EVENT_PATH = join(events, 'push.json');
    const r = await diff(compatible, env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(github.comments(REPO, 7)).toHaveLength(0);
  });

  it('a GitHub failure exits 1 with its message', async () => {
    const r = await diff(compatible, { ...actionsEnv(), GITHUB_TOKEN: 'wrong-token' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/regsync: .*(401|credentials|auth)/i);
  });
});
