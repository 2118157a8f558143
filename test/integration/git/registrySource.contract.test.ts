/**
 * Contract cases every RegistrySource runs (Hono's `common.case` idea): the same registry
 * content, once as a plain folder (FolderSource) and once committed to Git (SimpleGitSource),
 * must list and read the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimpleGitSource } from '../../../src/git/SimpleGitSource.js';
import { FolderSource } from '../../../src/registry/FolderSource.js';
import type { RegistrySource } from '../../../src/sync/ports.js';
import { createTestRepo, manifestJson, type TestRepo } from '../../helpers/gitRepos.js';

const CRM = 'integrations/crm/manifest.json';
const TPL = 'templates/sales/manifest.json';
const BIG = 'integrations/big/manifest.json';
const LATIN1 = 'integrations/latin1/manifest.json';
const LINKED_FILE = 'integrations/linked/manifest.json';
const LINKED_FOLDER = 'integrations/alias';

let repo: TestRepo;
const sources: Record<string, () => Promise<{ source: RegistrySource; revision: string }>> = {
  FolderSource: async () => {
    const source = new FolderSource({ root: repo.work });
    return { source, revision: (await source.resolveRevision()).id };
  },
  SimpleGitSource: async () => {
    const source = new SimpleGitSource({ url: repo.url, cacheDir: repo.cacheDir });
    const rev = await source.resolveRevision();
    await source.prepare(rev);
    return { source, revision: rev.id };
  },
};

beforeAll(async () => {
  repo = await createTestRepo({
    [CRM]: manifestJson('crm', { note: 'ünïcödé ✓' }),
    [TPL]: manifestJson('sales'),
    [BIG]: `{"pad":"${'x'.repeat(1024 * 1024)}"}`,
    'integrations/crm/README.md': 'not a manifest',
    'integrations/crm/deeper/manifest.json': manifestJson('nested'),
    'README.md': '# registry\n',
  });
  await repo.commit({ [LATIN1]: Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]) });
  await repo.commitSymlink(LINKED_FILE, '../crm/manifest.json');
  await repo.commitSymlink(LINKED_FOLDER, 'crm');
  await repo.push();
});
afterAll(async () => repo.cleanup());

describe.each(Object.keys(sources))('RegistrySource contract: %s', (name) => {
  let source: RegistrySource;
  let revision: string;
  beforeAll(async () => {
    ({ source, revision } = await (
      sources[name] as () => Promise<{ source: RegistrySource; revision: string }>
    )());
  });

  it('lists manifest files (sorted) and every symlink; a symlinked key folder stands for its manifest', async () => {
    expect(await source.list(revision)).toEqual({
      manifests: [`${LINKED_FOLDER}/manifest.json`, BIG, CRM, LATIN1, TPL],
      symlinks: [LINKED_FOLDER, LINKED_FILE],
    });
  });

  it('reads a manifest as UTF-8 text with its byte count', async () => {
    const text = manifestJson('crm', { note: 'ünïcödé ✓' });
    expect(await source.read(revision, CRM)).toEqual({
      ok: true,
      text,
      bytes: Buffer.byteLength(text),
    });
  });

  it.each([
    [LINKED_FILE, 'symlink'],
    [`${LINKED_FOLDER}/manifest.json`, 'symlink'],
    [BIG, 'file-too-large'],
    [LATIN1, 'file-unreadable'],
    ['integrations/none/manifest.json', 'file-unreadable'],
  ])('reading %s answers %s, never throws', async (path, rule) => {
    expect(await source.read(revision, path)).toMatchObject({
      ok: false,
      rule,
      message: expect.any(String),
    });
  });

  it('keeps its revision while nothing changes', async () => {
    expect((await source.resolveRevision()).id).toBe(revision);
  });

  it('describes itself without secrets', () => {
    expect(source.description).toMatch(/^(folder|git) /);
  });
});
