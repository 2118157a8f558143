/**
 * `regsync validate --base` and `regsync diff --base` (issue 14, contributors): an overlay
 * checked against the registry it will sit on, with the layer policy the sync applies.
 * The upstream is a real bare Git repository, the overlay a plain folder (validate) and a
 * Git repository (diff); the CLI runs in-process with captured output.
 */
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRepo, type TestRepo } from '../../helpers/gitRepos.js';
import { integrationManifest, templateManifest } from '../../helpers/manifests.js';
import { cli } from '../diff/runCliCaptured.js';

const pretty = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`;
const I = (key: string) => `integrations/${key}/manifest.json`;
const T = (key: string) => `templates/${key}/manifest.json`;

interface Report {
  valid: boolean;
  files: Array<{
    file: string;
    findings: Array<{ rule: string; severity: string; message: string }>;
  }>;
  overlay: {
    baseName: string;
    overlayName: string;
    base: { manifests: number; valid: number; revision: string };
    added: string[];
    overrides: string[];
    hidden: string[];
    collisions: string[];
    unusedHide: string[];
    unusedOverride: string[];
  };
}

describe('an overlay checked against its upstream', () => {
  let upstream: TestRepo;
  let overlayRepo: TestRepo;
  let dir: string;
  let overlay: string;
  const validate = async (...args: string[]) => {
    const run = await cli(['validate', 'overlay', '--base', upstream.remote, ...args], {
      cwd: dir,
    });
    return { ...run, report: JSON.parse(run.stdout) as Report };
  };
  const rules = (report: Report) =>
    report.files.flatMap((f) => f.findings.map((x) => [f.file, x.rule, x.severity]));

  beforeAll(async () => {
    upstream = await createTestRepo({
      [I('alpha')]: pretty(integrationManifest({ key: 'alpha' })),
      [I('beta')]: pretty(integrationManifest({ key: 'beta' })),
      [I('broken')]: '{ "kind": "integration", ',
      [T('starter')]: pretty(templateManifest('starter')),
    });
    dir = await mkdtemp(join(tmpdir(), 'regsync-cli-overlay-'));
    overlay = join(dir, 'overlay');
    const files = {
      [I('alpha')]: pretty(integrationManifest({ key: 'alpha', name: 'Acme Alpha' })),
      [I('gamma')]: pretty(integrationManifest({ key: 'gamma' })),
      // Invalid upstream, so not served there: the overlay's copy is an addition.
      [I('broken')]: pretty(integrationManifest({ key: 'broken' })),
      [T('starter')]: pretty(templateManifest('starter', ['plan'])),
    };
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(overlay, path)), { recursive: true });
      await writeFile(join(overlay, path), text);
    }
    // The same overlay as a Git repository: first gamma alone, then the rest.
    overlayRepo = await createTestRepo({ [I('gamma')]: files[I('gamma')] as string });
    await overlayRepo.commit(files);
  });

  afterAll(async () => {
    await upstream?.cleanup();
    await overlayRepo?.cleanup();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('without rights: each shared key is a key-collision naming both sources (exit 1)', async () => {
    const { code, report } = await validate('--name', 'acme', '--json');
    expect(code).toBe(1);
    expect(report.valid).toBe(false);
    expect(report.overlay).toMatchObject({
      baseName: 'upstream',
      overlayName: 'acme',
      base: { manifests: 4, valid: 3 },
      added: [I('broken'), I('gamma')],
      overrides: [],
      collisions: [I('alpha'), T('starter')],
    });
    expect(report.overlay.base.revision).toMatch(/^main@sha1:[0-9a-f]{40}$/);
    expect(rules(report)).toEqual([
      [`overlay/${I('alpha')}`, 'key-collision', 'error'],
      [`overlay/${T('starter')}`, 'key-collision', 'error'],
    ]);
    const alpha = report.files.find((f) => f.file === `overlay/${I('alpha')}`);
    expect(alpha?.findings[0]?.message).toBe(
      `source "acme" (${I('alpha')}) defines the same key as source "upstream" (${I('alpha')}), ` +
        'which comes earlier and stays served; give "acme" the right to override it, hide the key upstream, ' +
        'or rename it (here: --override alpha)',
    );
  });

  it('with rights: overrides, hides, the template warning and rights that name nothing (exit 0)', async () => {
    const { code, report } = await validate(
      '--override',
      'alpha,templates/starter,zeta',
      '--hide',
      'beta,nope',
      '--format',
      'json',
    );
    expect(code).toBe(0);
    expect(report.overlay).toMatchObject({
      overrides: [I('alpha'), T('starter')],
      hidden: [I('beta')],
      collisions: [],
      unusedHide: ['nope'],
      unusedOverride: ['zeta'],
    });
    expect(rules(report)).toEqual([
      [`overlay/${T('starter')}`, 'template-override', 'warning'],
      ['overlay', 'hide-unused', 'warning'],
      ['overlay', 'override-unused', 'warning'],
    ]);
    const warning =
      report.files.flatMap((f) => f.findings).find((f) => f.rule === 'template-override')
        ?.message ?? '';
    expect(warning).toContain(`replaces source "upstream"'s template "starter"`);
    expect(warning).toContain('/templates/starter/changes');
    // --override without a value: any key.
    const any = await validate('--override', '--json');
    expect(any.code).toBe(0);
    expect(any.report.overlay.overrides).toEqual([I('alpha'), T('starter')]);
  });

  it('prints the placement after the findings in text, and reads a plain folder as the base', async () => {
    const base = join(dir, 'base-folder');
    await mkdir(join(base, 'integrations/gamma'), { recursive: true });
    await cp(join(overlay, I('gamma')), join(base, I('gamma')));
    const run = await cli(['validate', 'overlay', '--base', 'base-folder', '--override'], {
      cwd: dir,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^base upstream: folder .*base-folder at folder@sha256:[0-9a-f]{12}, 1 manifest\(s\), 1 valid$/m,
    );
    expect(run.stdout).toContain(`  1 override(s): ${I('gamma')}\n`);
  });

  it('refuses what it cannot check with exit 2 and a message naming the option', async () => {
    for (const [args, message] of [
      [['--base', join(dir, 'nope')], '--base '],
      [['--base', upstream.remote, '--hide', 'Bad Key'], '--hide: "Bad Key" is not a key'],
      [['--base', upstream.remote, '--name', 'upstream'], '--name and --base-name are both'],
      [['--base', upstream.remote, '--base-token-env', 'NO_SUCH_VAR'], 'NO_SUCH_VAR'],
      [['--json', '--format', 'text'], "'--json' cannot be used with option '--format"],
    ] as const) {
      const run = await cli(['validate', 'overlay', ...args], { cwd: dir });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toContain(message);
    }
    const two = await cli(['validate', 'overlay', 'base-folder', '--base', upstream.remote], {
      cwd: dir,
    });
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('give one registry folder');
  });

  it('--json is --format json, with and without --base', async () => {
    const json = await cli(['validate', 'overlay', '--json'], { cwd: dir });
    const format = await cli(['validate', 'overlay', '--format', 'json'], { cwd: dir });
    expect(json.code).toBe(0);
    expect(json.stdout).toBe(format.stdout);
    expect((JSON.parse(json.stdout) as { valid: boolean }).valid).toBe(true);
  });

  it('diff --base on the overlay repository: keys that change source, new collisions, template moves', async () => {
    const diff = (range: [string, string], ...args: string[]) =>
      cli(['diff', ...range, '--registry', overlayRepo.work, '--base', upstream.remote, ...args], {
        cwd: dir,
      });
    const run = await diff(
      ['HEAD~1', 'HEAD'],
      '--name',
      'acme',
      '--override',
      'templates/starter',
      '--json',
    );
    expect(run.code).toBe(1);
    const body = JSON.parse(run.stdout) as {
      changes: Array<{ manifest: { path?: string } }>;
      overlay: Record<string, unknown> & { warnings: Array<{ rule: string; message: string }> };
    };
    expect(body.overlay).toMatchObject({
      baseName: 'upstream',
      overlayName: 'acme',
      nowOverridden: [T('starter')],
      noLongerOverridden: [],
      collisions: [I('alpha')],
      newCollisions: [I('alpha')],
    });
    expect(body.overlay.warnings.map((w) => w.rule)).toEqual(['template-override']);

    const allowed = await diff(['HEAD~1', 'HEAD'], '--override');
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain(`on source upstream (`);
    expect(allowed.stdout).toContain(
      `  ${I('alpha')}: now served from overlay instead of upstream`,
    );
    expect(allowed.stdout).toContain(
      `  ${T('starter')}: now served from overlay instead of upstream`,
    );

    // The change undone (removals are breaking, allowed here): upstream serves both again,
    // and the template's workspaces are told.
    const back = await diff(
      ['HEAD', 'HEAD~1'],
      '--override',
      '--allow-breaking',
      '--format',
      'markdown',
    );
    expect(back.code).toBe(0);
    expect(back.stdout).toContain('### On source `upstream`');
    expect(back.stdout).toContain(`- \`${T('starter')}\`: served from upstream again`);
    expect(back.stdout).toContain('template "starter" is served from source "upstream" again');
  });

  it('diff has --json as --format json', async () => {
    const args = ['diff', 'HEAD~1', 'HEAD', '--registry', overlayRepo.work];
    const json = await cli([...args, '--json'], { cwd: dir });
    const format = await cli([...args, '--format', 'json'], { cwd: dir });
    expect(json.code).toBe(0);
    expect(json.stdout).toBe(format.stdout);
  });
});
