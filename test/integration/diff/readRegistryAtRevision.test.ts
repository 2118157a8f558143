import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRegistryAtRevision } from '../../../src/git/readRegistryAtRevision.js';
import { SourceError } from '../../../src/git/SourceError.js';
import { MAX_MANIFEST_BYTES } from '../../../src/manifest/validateManifest.js';
import { createTestRepo, git } from '../../helpers/gitRepos.js';
import type { TestRepo } from '../../helpers/gitRepos.js';

let repo: TestRepo;
let first: string;

beforeAll(async () => {
  repo = await createTestRepo({
    'registry/integrations/a/manifest.json': '{"key":"a"}\n',
    'registry/templates/t/manifest.json': '{"key":"t"}\n',
    'registry/integrations/a/notes.md': 'not a manifest\n',
    'registry2/integrations/x/manifest.json': '{"key":"x"}\n',
    'integrations/root/manifest.json': '{"key":"root"}\n',
  });
  first = await repo.head();
  await repo.commit({
    'registry/integrations/big/manifest.json': Buffer.alloc(MAX_MANIFEST_BYTES + 1, 0x20),
    'registry/integrations/latin1/manifest.json': Buffer.from([0x7b, 0xe9, 0x7d]),
  });
  await repo.commitSymlink('registry/integrations/link/manifest.json', '../a/manifest.json');
  // Uncommitted work is never read.
  await git(repo.work, 'rm', '--quiet', '--cached', 'registry/templates/t/manifest.json');
});
afterAll(() => repo?.cleanup());

describe('readRegistryAtRevision', () => {
  it('reads the manifests under the subfolder at a revision, registry-relative and sorted', async () => {
    const read = await readRegistryAtRevision({
      repoDir: repo.work,
      revision: first,
      subdir: 'registry',
    });
    expect(read.commit).toBe(first);
    expect(read.subdirFound).toBe(true);
    expect(read.files).toEqual([
      { path: 'integrations/a/manifest.json', text: '{"key":"a"}\n', bytes: 12 },
      { path: 'templates/t/manifest.json', text: '{"key":"t"}\n', bytes: 12 },
    ]);
  });

  it('reads the repository root without a subfolder, and from a folder inside the work tree', async () => {
    const read = await readRegistryAtRevision({
      repoDir: `${repo.work}/registry`,
      revision: first,
    });
    expect(read.files.map((f) => f.path)).toEqual(['integrations/root/manifest.json']);
  });

  it('reports symlinks, oversized and non-UTF-8 manifests instead of reading them', async () => {
    const read = await readRegistryAtRevision({
      repoDir: repo.work,
      revision: 'HEAD',
      subdir: './registry/',
    });
    expect(read.files.map((f) => ('problem' in f ? `${f.path}: ${f.problem}` : f.path))).toEqual([
      'integrations/a/manifest.json',
      `integrations/big/manifest.json: it is ${MAX_MANIFEST_BYTES + 1} bytes; manifests may be at most ${MAX_MANIFEST_BYTES} bytes (1 MiB)`,
      'integrations/latin1/manifest.json: it is not valid UTF-8',
      'integrations/link/manifest.json: it is a symbolic link; the registry never follows links',
      'templates/t/manifest.json',
    ]);
  });

  it('says when the subfolder does not exist at the revision', async () => {
    const read = await readRegistryAtRevision({
      repoDir: repo.work,
      revision: first,
      subdir: 'nope',
    });
    expect(read).toEqual({ commit: first, subdirFound: false, files: [] });
  });

  it.each([
    ['-', '--output=/tmp/x', 'UNSAFE_REF'],
    ['empty', '', 'UNSAFE_REF'],
    ['control characters', 'main\nx', 'UNSAFE_REF'],
    ['unknown', 'no-such-ref', 'REF_NOT_FOUND'],
    ['a blob, not a commit', `${first}:registry/integrations/a/manifest.json`, 'REF_NOT_FOUND'],
  ])('refuses a revision: %s', async (_name, revision, code) => {
    const error = await readRegistryAtRevision({ repoDir: repo.work, revision }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).code).toBe(code);
  });

  it('refuses a subfolder that leaves the repository', async () => {
    const error = await readRegistryAtRevision({
      repoDir: repo.work,
      revision: 'HEAD',
      subdir: '../x',
    }).catch((e: unknown) => e);
    expect((error as SourceError).code).toBe('UNSAFE_PATH');
  });
});
