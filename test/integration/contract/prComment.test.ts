/**
 * The HTTP API diff in the pull-request comment, beside the registry diff: a real Git
 * repository holds a registry manifest and the committed snapshot (openapi/openapi.json)
 * from fixture pairs (test/fixtures/diff, test/fixtures/api-diff); `regsync diff --openapi`
 * reads the snapshot at both revisions, renders both reports into one markdown report, and
 * `--comment` posts it as the one Regsync comment through the real PullRequestCommenter
 * against the loopback fake GitHub.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../helpers/fakeGitHub.js';
import { createTestRepo, type TestRepo } from '../../helpers/gitRepos.js';
import { fixtureText } from '../diff/fixtureDiff.js';
import { cli } from '../diff/runCliCaptured.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const api = (name: string, side: 'base' | 'head') =>
  readFileSync(join(ROOT, 'test/fixtures/api-diff', name, `${side}.json`), 'utf8');
const ACME = 'registry/integrations/acme/manifest.json';
const SNAPSHOT = 'openapi/openapi.json';
const REPO = 'acme/regsync';
const TOKEN = 'ghs_test_token_0123456789';

let repo: TestRepo;
let base: string;
let breakingApi: string;
let compatibleApi: string;
let noSnapshot: string;
let withSnapshot: string;

beforeAll(async () => {
  repo = await createTestRepo({
    [ACME]: fixtureText('compatible-additions', 'base'),
    [SNAPSHOT]: api('removed-operation', 'base'),
  });
  base = await repo.head();
  // The registry changes compatibly; the API loses an operation.
  breakingApi = await repo.commit({
    [ACME]: fixtureText('compatible-additions', 'head'),
    [SNAPSHOT]: api('removed-operation', 'head'),
  });
  compatibleApi = await repo.commit({ [SNAPSHOT]: api('compatible-additions', 'head') });
  noSnapshot = await repo.commit({ [SNAPSHOT]: null });
  withSnapshot = await repo.commit({ [SNAPSHOT]: api('compatible-additions', 'base') });
});
afterAll(async () => {
  await repo?.cleanup();
});

const diff = (from: string, to: string, extra: string[], env: NodeJS.ProcessEnv = {}) =>
  cli(
    [
      'diff',
      from,
      to,
      '--registry',
      repo.work,
      '--subdir',
      'registry',
      '--openapi',
      SNAPSHOT,
      ...extra,
    ],
    { cwd: repo.work, env },
  );

describe('regsync diff --openapi', () => {
  it('renders the API diff after the registry diff in one markdown report, and fails on a breaking API change', async () => {
    const r = await diff(base, breakingApi, ['--format', 'markdown']);
    expect(r.code).toBe(1);
    const [registry, contract] = r.stdout.split('\n### Regsync HTTP API contract');
    expect(registry?.startsWith('<!-- regsync-diff -->\n### Regsync registry diff\n')).toBe(true);
    expect(registry).toContain('0 breaking, 8 compatible change(s)');
    expect(contract).toBeDefined();
    expect(contract).toContain(
      `1 breaking, 0 compatible HTTP API change(s) between ${base}:${SNAPSHOT} and ${breakingApi}:${SNAPSHOT}.`,
    );
    expect(contract).toContain('#### ⚠️ Breaking (1)');
    expect(contract).toContain(
      '| `GET /api/v1/items/{key}` | operation removed |  | clients calling it get 404 or 405 |',
    );
    expect(r.stdout.match(/<!-- regsync-diff -->/g)).toHaveLength(1);

    const allowed = await diff(base, breakingApi, ['--allow-breaking']);
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toContain('1 breaking change(s) allowed by --allow-breaking');
  });

  it('--format json carries the API report under "api"', async () => {
    const r = await diff(breakingApi, compatibleApi, ['--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as {
      summary: { breaking: number };
      api: { base: string; head: string; summary: { breaking: number; compatible: number } };
    };
    expect(report.summary.breaking).toBe(0);
    expect(report.api.base).toBe(`${breakingApi}:${SNAPSHOT}`);
    // removed-operation's head → compatible-additions' head: the operation comes back, and more.
    expect(report.api.summary.breaking).toBe(0);
    expect(report.api.summary.compatible).toBeGreaterThan(5);
  });

  it('a side without the snapshot is a contract without operations, and says so', async () => {
    const removed = await diff(compatibleApi, noSnapshot, ['--format', 'text']);
    expect(removed.code).toBe(1);
    expect(removed.stdout).toContain(`and ${noSnapshot}:${SNAPSHOT} (absent)`);
    expect(removed.stdout).toMatch(/BREAKING {3}GET \/api\/v1\/items: operation removed/);
    const added = await diff(noSnapshot, withSnapshot, ['--format', 'text']);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain(`between ${noSnapshot}:${SNAPSHOT} (absent) and`);
    expect(added.stdout).toContain('compatible GET /api/v1/items: operation added');
  });

  it('a snapshot at neither revision, or an unsafe path, is a usage error (exit 2)', async () => {
    const nowhere = await cli(
      [
        'diff',
        base,
        breakingApi,
        '--registry',
        repo.work,
        '--subdir',
        'registry',
        '--openapi',
        'api/none.json',
      ],
      { cwd: repo.work },
    );
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toContain('--openapi: api/none.json exists at neither');
    const unsafe = await cli(
      [
        'diff',
        base,
        breakingApi,
        '--registry',
        repo.work,
        '--subdir',
        'registry',
        '--openapi',
        '../x.json',
      ],
      { cwd: repo.work },
    );
    expect(unsafe.code).toBe(2);
    expect(unsafe.stderr).toContain('--openapi: Refused path "../x.json"');
  });
});

describe('regsync diff --openapi --comment', () => {
  let github: FakeGitHub;
  beforeEach(async () => {
    github = await startFakeGitHub({ token: TOKEN, login: 'github-actions[bot]' });
    github.addRepo(REPO);
  });
  afterEach(() => github.close());

  it('posts both reports as the one Regsync comment, and updates it on the next run', async () => {
    const env = { GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: REPO, GITHUB_API_URL: github.url };
    const first = await diff(
      base,
      breakingApi,
      ['--format', 'markdown', '--comment', '--pr', '3'],
      env,
    );
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/pull-request comment created/);
    let comments = github.comments(REPO, 3);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toBe(first.stdout);
    expect(comments[0]?.body).toContain('### Regsync registry diff');
    expect(comments[0]?.body).toContain('### Regsync HTTP API contract');

    const second = await diff(base, compatibleApi, ['--comment', '--pr', '3'], env);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/pull-request comment updated/);
    comments = github.comments(REPO, 3);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain('0 breaking, ');
    expect(comments[0]?.body).toContain('HTTP API change(s)');
    expect(comments[0]?.body).not.toContain('operation removed');
  });
});
