import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_MANIFEST_BYTES } from '../manifest/validateManifest.js';
import { MAX_SCAN_DEPTH, readManifestFile, scanRegistryFolder } from './readRegistryFolder.js';

let base: string;
let root: string;
let outside: string;

async function file(path: string, content: string | Buffer = '{}') {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, content);
}

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'regsync-folder-'));
  root = join(base, 'registry');
  outside = join(base, 'outside');
  await file(join(outside, 'manifest.json'), '{"secret": true}');
  await file(join(root, 'integrations/acme/manifest.json'), '{"key": "acme"}');
  await file(join(root, 'templates/retail/manifest.json'), '{"key": "retail"}');
  await file(join(root, 'integrations/empty/README.md'), 'no manifest here');
  await mkdir(join(root, 'templates/blank'), { recursive: true });
  await mkdir(join(root, 'integrations/linked-file'), { recursive: true });
  await symlink(join(root, 'integrations/acme/manifest.json'), join(root, 'integrations/linked-file/manifest.json'));
  await symlink(outside, join(root, 'integrations/escape'));
  await symlink(join(root, 'integrations/acme'), join(root, 'integrations/alias'));
  await file(join(root, 'docs/deep/notes.md'), 'x');
  await symlink('/etc/passwd', join(root, 'docs/deep/passwd'));
  await file(join(root, 'integrations/acme/extra/manifest.json'), '{}'); // not a key folder: ignored
  await file(join(root, 'integrations/big/manifest.json'), Buffer.alloc(MAX_MANIFEST_BYTES + 1, 0x20));
  await file(join(root, 'integrations/latin1/manifest.json'), Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]));
  await file(join(root, 'integrations/exact/manifest.json'), `{"a":"${'x'.repeat(MAX_MANIFEST_BYTES - 8)}"}`);
  const deep = Array.from({ length: MAX_SCAN_DEPTH + 1 }, (_, i) => `d${i}`).join('/');
  await file(join(root, deep, 'f.txt'), 'x');
  await symlink('/tmp', join(root, deep, 'too-deep-link'));
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('scanRegistryFolder', () => {
  it('lists manifests, every symlink (never followed) and folders without a manifest, sorted', async () => {
    const scan = await scanRegistryFolder(root);
    expect(scan).toEqual({
      manifests: [
        'integrations/acme/manifest.json',
        'integrations/big/manifest.json',
        'integrations/exact/manifest.json',
        'integrations/latin1/manifest.json',
        'templates/retail/manifest.json',
      ],
      symlinks: ['docs/deep/passwd', 'integrations/alias', 'integrations/escape', 'integrations/linked-file/manifest.json'],
      missing: ['integrations/empty', 'templates/blank'],
    });
  });

  it('has a bounded depth', async () => {
    const scan = await scanRegistryFolder(root);
    expect(scan.symlinks.some((s) => s.endsWith('too-deep-link'))).toBe(false);
  });
});

describe('readManifestFile', () => {
  it('reads a manifest with its byte length', async () => {
    expect(await readManifestFile(root, 'integrations/acme/manifest.json')).toEqual({ ok: true, text: '{"key": "acme"}', bytes: 15 });
    const exact = await readManifestFile(root, 'integrations/exact/manifest.json');
    expect(exact.ok && exact.bytes).toBe(MAX_MANIFEST_BYTES);
  });

  it('refuses a symlink, and a file reached through a linked folder, inside the root or not', async () => {
    expect(await readManifestFile(root, 'integrations/linked-file/manifest.json')).toMatchObject({ ok: false, rule: 'symlink' });
    expect(await readManifestFile(root, 'integrations/escape/manifest.json')).toMatchObject({ ok: false, rule: 'symlink' });
    const alias = await readManifestFile(root, 'integrations/alias/manifest.json');
    expect(alias).toMatchObject({ ok: false, rule: 'symlink' });
    expect(alias.ok ? '' : alias.message).toMatch(/^integrations\/alias is a symbolic link/);
  });

  it('refuses paths that leave the root', async () => {
    expect(await readManifestFile(root, '../outside/manifest.json')).toMatchObject({ ok: false, rule: 'file-unreadable' });
    expect(await readManifestFile(root, join(outside, 'manifest.json'))).toMatchObject({ ok: false, rule: 'file-unreadable' });
    expect(await readManifestFile(root, 'integrations/../../outside/manifest.json')).toMatchObject({ ok: false, rule: 'file-unreadable' });
  });

  it('refuses more than 1 MiB', async () => {
    const read = await readManifestFile(root, 'integrations/big/manifest.json');
    expect(read).toMatchObject({ ok: false, rule: 'file-too-large' });
    expect(read.ok ? '' : read.message).toContain('1 MiB');
  });

  it('reports missing files, folders and text that is not UTF-8 as unreadable', async () => {
    expect(await readManifestFile(root, 'integrations/nope/manifest.json')).toMatchObject({ ok: false, rule: 'file-unreadable' });
    expect(await readManifestFile(root, 'integrations/acme')).toMatchObject({ ok: false, rule: 'file-unreadable' });
    const latin1 = await readManifestFile(root, 'integrations/latin1/manifest.json');
    expect(latin1).toMatchObject({ ok: false, rule: 'file-unreadable' });
    expect(latin1.ok ? '' : latin1.message).toContain('UTF-8');
  });
});
