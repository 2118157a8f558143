import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimpleGitSource } from '../../../src/git/SimpleGitSource.js';
import { createRegistrySource } from '../../../src/cli/createRegistrySource.js';
import { FolderSource } from '../../../src/registry/FolderSource.js';
import { createTestRepo, manifestJson, recordingLogger } from '../../helpers/gitRepos.js';

const CRM = 'integrations/crm/manifest.json';
const TPL = 'templates/sales/manifest.json';

async function put(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

describe('FolderSource', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'regsync-folder-'));
    await put(root, { [CRM]: manifestJson('crm'), [TPL]: manifestJson('sales'), 'README.md': 'x' });
  });
  afterEach(async () => rm(root, { recursive: true, force: true }));

  it('has a content digest revision that moves only when a manifest changes', async () => {
    const source = new FolderSource({ root });
    const rev = await source.resolveRevision();
    expect(rev.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(rev.label).toBe(`folder@sha256:${rev.id.slice(7, 19)}`);
    await put(root, { 'README.md': 'changed', 'integrations/crm/logo.svg': '<svg/>' });
    expect(await source.resolveRevision()).toEqual(rev);
    await put(root, { [CRM]: manifestJson('crm', {}, 4) });
    const next = await source.resolveRevision();
    expect(next.id).not.toBe(rev.id);
    await symlink('/etc/passwd', join(root, 'integrations/link'));
    expect((await source.resolveRevision()).id).not.toBe(next.id);
  });

  it('lists and reads through the registry folder reader; listChanges is always a full scan', async () => {
    const source = new FolderSource({ root });
    const rev = await source.resolveRevision();
    await source.prepare();
    expect(await source.listChanges()).toBeUndefined();
    expect(await source.list(rev.id)).toEqual({ manifests: [CRM, TPL], symlinks: [] });
    expect(await source.read(rev.id, CRM)).toEqual({
      ok: true,
      text: manifestJson('crm'),
      bytes: Buffer.byteLength(manifestJson('crm')),
    });
    expect(await source.read(rev.id, 'integrations/none/manifest.json')).toMatchObject({
      ok: false,
      rule: 'file-unreadable',
    });
  });

  it('a symlinked key folder is listed with its manifest, which reads as a symlink (even pointing inside)', async () => {
    await symlink('crm', join(root, 'integrations/alias'));
    const source = new FolderSource({ root });
    const listing = await source.list('');
    expect(listing).toEqual({
      manifests: ['integrations/alias/manifest.json', CRM, TPL],
      symlinks: ['integrations/alias'],
    });
    expect(await source.read('', 'integrations/alias/manifest.json')).toMatchObject({
      ok: false,
      rule: 'symlink',
    });
  });

  it('refuses to list when integrations/ itself is a symlink (rather than report every manifest gone)', async () => {
    await rm(join(root, 'integrations'), { recursive: true });
    await symlink('/etc', join(root, 'integrations'));
    await expect(new FolderSource({ root }).list('')).rejects.toMatchObject({
      code: 'UNSAFE_PATH',
      retryable: false,
    });
  });

  it('a missing folder is a SourceError', async () => {
    const source = new FolderSource({ root: join(root, 'nope') });
    await expect(source.resolveRevision()).rejects.toMatchObject({
      name: 'SourceError',
      code: 'SOURCE_UNREACHABLE',
    });
  });
});

describe('createRegistrySource', () => {
  it('picks FolderSource for a plain folder (with its subfolder) and warns about git-only settings', async () => {
    const root = await mkdtemp(join(tmpdir(), 'regsync-folder-'));
    try {
      await put(root, { [`reg/${CRM}`]: manifestJson('crm') });
      const logger = recordingLogger();
      const source = createRegistrySource({
        registry: root,
        subdir: 'reg',
        branch: 'main',
        cacheDir: join(root, 'cache'),
        logger,
      });
      expect(source).toBeInstanceOf(FolderSource);
      expect(source.description).toBe(`folder ${join(root, 'reg')}`);
      expect((await source.list('')).manifests).toEqual([CRM]);
      expect(logger.calls.filter((c) => c.level === 'warn')).toHaveLength(1);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('picks SimpleGitSource for a local work repository and a bare one, reading committed content only', async () => {
    const repo = await createTestRepo({ [CRM]: manifestJson('crm') });
    try {
      await put(repo.work, { [TPL]: manifestJson('uncommitted') });
      const fromWork = createRegistrySource({ registry: repo.work, cacheDir: repo.cacheDir });
      expect(fromWork).toBeInstanceOf(SimpleGitSource);
      expect(fromWork.description).toBe(`git file://${repo.work} (default branch)`);
      const rev = await fromWork.resolveRevision();
      await fromWork.prepare(rev);
      expect((await fromWork.list(rev.id)).manifests).toEqual([CRM]);

      const fromBare = createRegistrySource({
        registry: repo.remote,
        cacheDir: repo.cacheDir,
        branch: 'main',
      });
      expect(fromBare).toBeInstanceOf(SimpleGitSource);
      expect((await fromBare.resolveRevision()).id).toBe(rev.id);
    } finally {
      await repo.cleanup();
    }
  });

  it('picks SimpleGitSource for URLs and refuses unsafe ones at once', () => {
    const cacheDir = join(tmpdir(), 'regsync-never-created');
    expect(
      createRegistrySource({ registry: 'https://github.com/acme/registry.git', cacheDir }),
    ).toBeInstanceOf(SimpleGitSource);
    expect(
      createRegistrySource({ registry: 'git@github.com:acme/registry.git', cacheDir }),
    ).toBeInstanceOf(SimpleGitSource);
    expect(() => createRegistrySource({ registry: 'ext::sh -c id', cacheDir })).toThrow(
      expect.objectContaining({ code: 'UNSAFE_URL' }),
    );
    expect(() => createRegistrySource({ registry: '/tmp', subdir: '../etc', cacheDir })).toThrow(
      expect.objectContaining({ code: 'UNSAFE_PATH' }),
    );
  });
});
