import { execFile } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRepo, git } from '../../helpers/gitRepos.js';
import type { TestRepo } from '../../helpers/gitRepos.js';
import { fixtureText } from './fixtureDiff.js';
import { cli } from './runCliCaptured.js';
import { CLI_FROM_SOURCES } from '../../helpers/cli.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const ACME = 'registry/integrations/acme/manifest.json';

/** Runs the real binary (from the sources) and resolves to its exit code and output. */
function spawnCli(
  args: string[],
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [...CLI_FROM_SOURCES, ...args],
      { cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME } },
      (error, stdout, stderr) => {
        done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

let repo: TestRepo;
let base: string;
let compatible: string;
let breaking: string;
let invalid: string;

beforeAll(async () => {
  repo = await createTestRepo({
    'README.md': '# registry\n',
    [ACME]: fixtureText('attribute-removed', 'base'),
  });
  base = await repo.head();
  await git(repo.work, 'tag', 'v1');
  compatible = await repo.commit(
    { [ACME]: fixtureText('compatible-additions', 'head') },
    'compatible: add deal, phone, timeout',
  );
  breaking = await repo.commit(
    { [ACME]: fixtureText('attribute-removed', 'head') },
    'breaking: remove nickname',
  );
  invalid = await repo.commit({ [ACME]: '{ "kind": "integration" }\n' }, 'invalid manifest');
});
afterAll(() => repo?.cleanup());

describe('regsync diff (in-process)', () => {
  const args = (...rest: string[]) => [
    'diff',
    ...rest,
    '--registry',
    repo.work,
    '--subdir',
    'registry',
  ];

  it('exits 0 for compatible-only changes and lists them', async () => {
    const r = await cli(args('v1', compatible), { cwd: root });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      '0 breaking, 8 compatible change(s) in 1 manifest(s) between v1 and',
    );
    expect(r.stdout).toContain('compatible  entity type added  entityTypes/deal');
  });

  it('exits 1 for a breaking change, 0 with --allow-breaking', async () => {
    const r = await cli(args(base, breaking), { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'BREAKING    attribute removed  entityTypes/contact/attributes/nickname',
    );
    const allowed = await cli([...args(base, breaking), '--allow-breaking'], { cwd: root });
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toBe('regsync diff: 1 breaking change(s) allowed by --allow-breaking\n');
  });

  it('--format json: the changes as data', async () => {
    const r = await cli([...args(compatible, breaking), '--format', 'json'], { cwd: root });
    const json = JSON.parse(r.stdout) as {
      summary: { breaking: number };
      changes: Array<{ rule: string; severity: string }>;
    };
    expect(json.summary.breaking).toBeGreaterThan(0);
    expect(json.changes.filter((c) => c.severity === 'breaking').map((c) => c.rule)).toContain(
      'attribute-removed',
    );
  });

  it('--format markdown: the PR comment body', async () => {
    const r = await cli([...args(base, breaking), '--format', 'markdown'], { cwd: root });
    expect(
      r.stdout.startsWith(
        '<!-- regsync-diff -->\n### Regsync registry diff\n\n**1 breaking**, 0 compatible change(s) in 1 manifest(s)',
      ),
    ).toBe(true);
    expect(r.stdout).toContain(
      '| `integration acme` | attribute removed | `entityTypes/contact/attributes/nickname` |',
    );
  });

  it('a manifest invalid at HEAD is reported, not diffed, and fails the check', async () => {
    const r = await cli(args(breaking, invalid), { cwd: root });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('could not be diffed');
    expect(r.stdout).toContain('not diffed: integrations/acme/manifest.json (invalid at head)');
    expect(r.stdout).not.toContain('manifest removed');
  });

  it('reads the registry at the revisions, never the working tree', async () => {
    const r = await cli(args(base, 'HEAD~1'), { cwd: root });
    expect(r.code).toBe(1);
    expect(await git(repo.work, 'status', '--porcelain')).toBe('');
  });

  it.each([
    ['an unknown revision', ['no-such-branch', 'HEAD'], /Unknown revision "no-such-branch"/],
    ['a revision starting with -', ['--output=/tmp/x', 'HEAD'], /unknown option|Refused revision/],
    ['an unsafe subfolder', ['HEAD', 'HEAD', '--subdir', '../etc'], /Refused registry subfolder/],
    ['a missing subfolder', ['HEAD', 'HEAD', '--subdir', 'nope'], /exists at neither/],
  ])('exits 2 for %s', async (_name, extra, message) => {
    const r = await cli(
      [
        'diff',
        ...extra,
        '--registry',
        repo.work,
        ...(extra.includes('--subdir') ? [] : ['--subdir', 'registry']),
      ],
      { cwd: root },
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('exits 2 when --registry is not a git repository', async () => {
    const r = await cli(['diff', 'HEAD~1', 'HEAD', '--registry', repo.root], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a git repository/);
  });

  it('refuses a revision that starts with "-" even after --', async () => {
    const r = await cli(['diff', '--registry', repo.work, '--', '--upload-pack=x', 'HEAD'], {
      cwd: root,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Refused revision "--upload-pack=x"/);
  });
});

describe('regsync diff (spawned binary)', () => {
  it('exit codes: 0 compatible, 1 breaking, 0 with --allow-breaking, 2 unknown revision', async () => {
    const args = (...rest: string[]) => ['diff', ...rest, '--subdir', 'registry'];
    const [ok, broken, allowed, unknown] = await Promise.all([
      spawnCli(args(base, compatible), repo.work),
      spawnCli(args(base, breaking), repo.work),
      spawnCli(args(base, breaking, '--allow-breaking'), repo.work),
      spawnCli(args('does-not-exist', 'HEAD'), repo.work),
    ]);
    expect([ok.code, broken.code, allowed.code, unknown.code]).toEqual([0, 1, 0, 2]);
    expect(broken.stdout).toContain('attribute removed');
    expect(unknown.stderr).toMatch(/Unknown revision "does-not-exist"/);
  }, 180_000); // four tsx start-ups on a busy machine
});
