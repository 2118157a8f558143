import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimpleGitSource } from '../../../src/git/SimpleGitSource.js';
import {
  createTestRepo,
  git,
  manifestJson,
  recordingLogger,
  type TestRepo,
} from '../../helpers/gitRepos.js';

const CRM = 'integrations/crm/manifest.json';
const ERP = 'integrations/erp/manifest.json';
const TPL = 'templates/sales/manifest.json';

describe('SimpleGitSource: revisions and reads', () => {
  let repo: TestRepo;
  beforeEach(async () => {
    repo = await createTestRepo({
      [CRM]: manifestJson('crm'),
      [TPL]: manifestJson('sales'),
      'README.md': '# r\n',
      'integrations/crm/logo.svg': '<svg/>',
    });
  });
  afterEach(async () => repo.cleanup());

  it('resolves the default branch, prepares, lists and reads at a revision', async () => {
    const source = new SimpleGitSource({ url: repo.url, cacheDir: repo.cacheDir });
    const head = await repo.head();
    const rev = await source.resolveRevision();
    expect(rev).toEqual({ kind: 'commit', id: head, label: `main@sha1:${head}` });
    await source.prepare(rev);
    expect(await source.list(rev.id)).toEqual({ manifests: [CRM, TPL], symlinks: [] });
    const read = await source.read(rev.id, CRM);
    expect(read).toEqual({
      ok: true,
      text: manifestJson('crm'),
      bytes: Buffer.byteLength(manifestJson('crm')),
    });
    expect(await source.read(rev.id, ERP)).toMatchObject({ ok: false, rule: 'file-unreadable' });
    expect(source.description).toBe(`git ${repo.url} (default branch)`);
  });

  it('never checks out a work tree: the mirror is bare and holds no registry file', async () => {
    const source = new SimpleGitSource({ url: repo.url, cacheDir: repo.cacheDir });
    await source.prepare(await source.resolveRevision());
    expect(await git(source.mirrorPath, 'rev-parse', '--is-bare-repository')).toBe('true');
    await expect(stat(join(source.mirrorPath, 'integrations'))).rejects.toThrow();
    const config = await git(source.mirrorPath, 'config', '--list', '--local');
    expect(config).toContain('core.hookspath=/dev/null');
    expect(config).not.toContain('remote.');
  });

  it('skips the fetch when ls-remote reports the same head', async () => {
    const logger = recordingLogger();
    const source = new SimpleGitSource({ url: repo.url, cacheDir: repo.cacheDir, logger });
    await source.prepare(await source.resolveRevision());
    expect(logger.gitCommands().filter((c) => c === 'fetch')).toHaveLength(1);
    const fetchHead = join(source.mirrorPath, 'FETCH_HEAD');
    const mtime = (await stat(fetchHead)).mtimeMs;

    await new Promise((r) => setTimeout(r, 20));
    const again = await source.resolveRevision();
    await source.prepare(again);
    expect(logger.gitCommands().filter((c) => c === 'fetch')).toHaveLength(1);
    expect((await stat(fetchHead)).mtimeMs).toBe(mtime);

    const next = await repo.commit({ [ERP]: manifestJson('erp') });
    await repo.push();
    const moved = await source.resolveRevision();
    expect(moved.id).toBe(next);
    await source.prepare(moved);
    expect(logger.gitCommands().filter((c) => c === 'fetch')).toHaveLength(2);
    expect((await source.list(moved.id)).manifests).toEqual([CRM, ERP, TPL]);
  });

  it('a push webhook fetches at once and answers what ls-remote would, falling back where it cannot', async () => {
    const logger = recordingLogger();
    const source = new SimpleGitSource({ url: repo.url, cacheDir: repo.cacheDir, logger });
    // A first sync has no mirror ref yet: ls-remote, then the fetch.
    const first = await source.resolveRevision({ changeExpected: true });
    expect(first.id).toBe(await repo.head());
    expect(logger.gitCommands()).toContain('ls-remote');
    await source.prepare(first);

    const next = await repo.commit({ [ERP]: manifestJson('erp') });
    await repo.push();
    const before = logger.gitCommands().length;
    const moved = await source.resolveRevision({ changeExpected: true });
    expect(moved).toEqual({ kind: 'commit', id: next, label: `main@sha1:${next}` });
    await source.prepare(moved);
    expect(logger.gitCommands().slice(before)).toEqual(['fetch']);
    expect((await source.list(moved.id)).manifests).toEqual([CRM, ERP, TPL]);

    // A force-push is followed too: the mirror ref is replaced.
    const rewritten = await repo.forcePush(first.id, { [ERP]: manifestJson('erp', { v: 2 }) });
    expect((await source.resolveRevision({ changeExpected: true })).id).toBe(rewritten);
    // Nothing new: the same revision, still no ls-remote.
    expect((await source.resolveRevision({ changeExpected: true })).id).toBe(rewritten);
    expect(logger.gitCommands().filter((c) => c === 'ls-remote')).toHaveLength(1);
  });

  it('a push webhook for a branch the remote no longer has fails as a poll does', async () => {
    await repo.checkout('staging', true);
    await repo.commit({ [ERP]: manifestJson('erp') });
    await repo.push('staging');
    const source = new SimpleGitSource({
      url: repo.url,
      cacheDir: repo.cacheDir,
      branch: 'staging',
    });
    await source.prepare(await source.resolveRevision({ changeExpected: true }));
    await git(repo.remote, 'branch', '-D', 'staging');
    await expect(source.resolveRevision({ changeExpected: true })).rejects.toMatchObject({
      code: 'REF_NOT_FOUND',
    });
  });

  it('a second source on the same cache folder reuses the mirror without fetching', async () => {
    const first = new SimpleGitSource({ url: repo.url, cacheDir: repo.cacheDir });
    await first.prepare(await first.resolveRevision());
    const logger = recordingLogger();
    const second = new SimpleGitSource({ url: repo.url, cacheDir: repo.cacheDir, logger });
    await second.prepare(await second.resolveRevision());
    expect(logger.gitCommands()).not.toContain('fetch');
    expect(logger.gitCommands()).not.toContain('init');
  });

  it('follows a named branch', async () => {
    await repo.checkout('staging', true);
    const staging = await repo.commit({ [ERP]: manifestJson('erp') });
    await repo.push('staging');
    const source = new SimpleGitSource({
      url: repo.url,
      branch: 'staging',
      cacheDir: repo.cacheDir,
    });
    const rev = await source.resolveRevision();
    expect(rev).toEqual({ kind: 'commit', id: staging, label: `staging@sha1:${staging}` });
    await source.prepare(rev);
    expect((await source.list(rev.id)).manifests).toContain(ERP);
  });

  it('holds a tag: it does not move with the branch', async () => {
    const tagged = await repo.tag('v1.0.0');
    const source = new SimpleGitSource({ url: repo.url, tag: 'v1.0.0', cacheDir: repo.cacheDir });
    const rev = await source.resolveRevision();
    expect(rev).toEqual({ kind: 'commit', id: tagged, label: `v1.0.0@sha1:${tagged}` });
    await source.prepare(rev);
    await repo.commit({ [ERP]: manifestJson('erp') });
    await repo.push();
    expect(await source.resolveRevision()).toEqual(rev);
    expect((await source.list(rev.id)).manifests).not.toContain(ERP);
  });

  it('holds a pinned sha (REGSYNC_REVISION) that is behind the branch head', async () => {
    const pinned = await repo.head();
    await repo.commit({ [ERP]: manifestJson('erp') });
    await repo.push();
    const logger = recordingLogger();
    const source = new SimpleGitSource({
      url: repo.url,
      branch: 'main',
      pinnedRevision: pinned,
      cacheDir: repo.cacheDir,
      logger,
    });
    const rev = await source.resolveRevision();
    expect(rev).toEqual({ kind: 'commit', id: pinned, label: `main@sha1:${pinned}` });
    expect(logger.gitCommands()).not.toContain('ls-remote');
    await source.prepare(rev);
    expect((await source.list(rev.id)).manifests).toEqual([CRM, TPL]);
  });

  it('follows a tag named by REGSYNC_BRANCH, moving when the tag moves', async () => {
    const first = await repo.tag('stable');
    const source = new SimpleGitSource({
      url: repo.url,
      branch: 'stable',
      cacheDir: repo.cacheDir,
    });
    const rev = await source.resolveRevision();
    expect(rev).toEqual({ kind: 'commit', id: first, label: `stable@sha1:${first}` });
    await source.prepare(rev);
    const second = await repo.commit({ [ERP]: manifestJson('erp') });
    await repo.push();
    await git(repo.work, 'tag', '-f', '-a', '-m', 'moved', 'stable');
    await git(repo.work, 'push', '--quiet', '--force', 'origin', 'refs/tags/stable');
    const moved = await source.resolveRevision();
    expect(moved.id).toBe(second);
    await source.prepare(moved);
    expect((await source.list(moved.id)).manifests).toContain(ERP);
  });

  it('holds a pinned sha without a branch: label sha1:<sha>, fetched from the default branch', async () => {
    const pinned = await repo.head();
    await repo.commit({ [ERP]: manifestJson('erp') });
    await repo.push();
    const source = new SimpleGitSource({
      url: repo.url,
      pinnedRevision: pinned.toUpperCase(),
      cacheDir: repo.cacheDir,
    });
    const rev = await source.resolveRevision();
    expect(rev).toEqual({ kind: 'commit', id: pinned, label: `sha1:${pinned}` });
    await source.prepare(rev);
    expect((await source.list(rev.id)).manifests).toEqual([CRM, TPL]);
    expect(source.description).toBe(`git ${repo.url} (commit ${pinned})`);
  });

  it('a pinned sha that is on no branch is REF_NOT_FOUND at prepare', async () => {
    const source = new SimpleGitSource({
      url: repo.url,
      pinnedRevision: '0123456789abcdef0123456789abcdef01234567',
      cacheDir: repo.cacheDir,
    });
    const rev = await source.resolveRevision();
    await expect(source.prepare(rev)).rejects.toMatchObject({ code: 'REF_NOT_FOUND' });
  });

  it('pins a tag name given as REGSYNC_REVISION', async () => {
    const tagged = await repo.tag('v2');
    const source = new SimpleGitSource({
      url: repo.url,
      pinnedRevision: 'v2',
      cacheDir: repo.cacheDir,
    });
    expect((await source.resolveRevision()).label).toBe(`v2@sha1:${tagged}`);
  });

  it('fetches a pinned sha that is on no branch head the source follows', async () => {
    await repo.checkout('side', true);
    const side = await repo.commit({ [ERP]: manifestJson('erp') });
    await repo.push('side');
    const source = new SimpleGitSource({
      url: repo.url,
      branch: 'main',
      pinnedRevision: side,
      cacheDir: repo.cacheDir,
    });
    await source.prepare(await source.resolveRevision());
    expect((await source.list(side)).manifests).toContain(ERP);
  });

  it('reads the registry from a subfolder, with paths relative to it', async () => {
    const sha = await repo.commit({
      [`registry/${ERP}`]: manifestJson('erp'),
      [`registry/${TPL}`]: manifestJson('sales'),
      'registry/README.md': 'x',
    });
    await repo.push();
    const source = new SimpleGitSource({
      url: repo.url,
      subdir: 'registry',
      cacheDir: repo.cacheDir,
    });
    const rev = await source.resolveRevision();
    expect(rev.id).toBe(sha);
    await source.prepare(rev);
    expect(await source.list(rev.id)).toEqual({ manifests: [ERP, TPL], symlinks: [] });
    expect(await source.read(rev.id, ERP)).toMatchObject({ ok: true, text: manifestJson('erp') });
    expect(source.description).toContain('subdir registry');
  });

  it('fails with SUBDIR_NOT_FOUND when the subfolder is missing at the revision', async () => {
    const source = new SimpleGitSource({ url: repo.url, subdir: 'nope', cacheDir: repo.cacheDir });
    const rev = await source.resolveRevision();
    await source.prepare(rev);
    await expect(source.list(rev.id)).rejects.toMatchObject({
      name: 'SourceError',
      code: 'SUBDIR_NOT_FOUND',
      retryable: false,
    });
  });

  it('refuses a manifest larger than 1 MiB without reading it', async () => {
    const big = `{"pad":"${'x'.repeat(1024 * 1024)}"}`;
    const sha = await repo.commit({ [ERP]: big });
    await repo.push();
    const logger = recordingLogger();
    const source = new SimpleGitSource({ url: repo.url, cacheDir: repo.cacheDir, logger });
    await source.prepare(await source.resolveRevision());
    expect(await source.read(sha, ERP)).toMatchObject({ ok: false, rule: 'file-too-large' });
    expect(logger.gitCommands()).not.toContain('cat-file blob');
    expect(logger.calls.some((c) => JSON.stringify(c.obj).includes('"blob"'))).toBe(false);
  });

  it('reads a full scan in a few git processes (read-ahead), byte for byte', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 150; i++)
      files[`integrations/k${String(i).padStart(3, '0')}/manifest.json`] = manifestJson(`k${i}`, {
        note: 'é€😀'.repeat(i),
      });
    const sha = await repo.commit(files);
    await repo.push();
    const logger = recordingLogger();
    const source = new SimpleGitSource({ url: repo.url, cacheDir: repo.cacheDir, logger });
    await source.prepare(await source.resolveRevision());
    const { manifests } = await source.list(sha);
    for (const path of manifests) {
      const read = await source.read(sha, path);
      expect(read).toEqual({
        ok: true,
        text: files[path] ?? manifestJson(path.split('/')[1] ?? ''),
        bytes: Buffer.byteLength(read.ok ? read.text : ''),
      });
    }
    const processes = logger.gitCommands().filter((c) => c === 'show' || c === 'cat-file');
    expect(processes.length).toBeLessThan(10);
  });

  it('reports a missing branch as REF_NOT_FOUND', async () => {
    const source = new SimpleGitSource({ url: repo.url, branch: 'nope', cacheDir: repo.cacheDir });
    await expect(source.resolveRevision()).rejects.toMatchObject({ code: 'REF_NOT_FOUND' });
  });
});
