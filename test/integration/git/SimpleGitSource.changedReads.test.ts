/**
 * A read after `listChanges` takes the blob diff-tree named instead of looking the path up
 * (SimpleGitSource.changedTree). Differential: for every kind of change, a source that
 * diffed first answers each read exactly as a fresh source that only reads. Real
 * repositories, a bare remote on file://.
 */
import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimpleGitSource } from '../../../src/git/SimpleGitSource.js';
import { MAX_MANIFEST_BYTES } from '../../../src/manifest/validateManifest.js';
import { createTestRepo, git, manifestJson, type TestRepo } from '../../helpers/gitRepos.js';

const CRM = 'integrations/crm/manifest.json';
const ERP = 'integrations/erp/manifest.json';
const HR = 'integrations/hr/manifest.json';
const BIG = 'integrations/big/manifest.json';
const RUN = 'integrations/run/manifest.json';
const TPL = 'templates/sales/manifest.json';

describe('reads after a diff', () => {
  let repo: TestRepo;

  beforeEach(async () => {
    repo = await createTestRepo({
      [CRM]: manifestJson('crm'),
      [ERP]: manifestJson('erp'),
      [TPL]: manifestJson('sales'),
    });
  });
  afterEach(async () => repo.cleanup());

  /** The head after a push, prepared in `source`. */
  async function head(source: SimpleGitSource): Promise<string> {
    const revision = await source.resolveRevision();
    await source.prepare(revision);
    return revision.id;
  }

  it('answers every read as a source that never diffed, for each kind of change', async () => {
    const diffing = new SimpleGitSource({ url: repo.url, cacheDir: `${repo.cacheDir}/diff` });
    let from = await head(diffing);
    const steps: Array<() => Promise<unknown>> = [
      () => repo.commit({ [CRM]: manifestJson('crm', { v: 2 }), [HR]: manifestJson('hr') }),
      () => repo.commit({ [BIG]: `${' '.repeat(MAX_MANIFEST_BYTES)}{}\n` }),
      async () => {
        await repo.commit({ [RUN]: manifestJson('run') });
        await git(repo.work, 'update-index', '--chmod=+x', RUN);
        await git(repo.work, 'commit', '--quiet', '-m', 'executable');
      },
      () => repo.commitSymlink(ERP, '/etc/passwd'),
      () => repo.commitSymlink('integrations/hr', 'crm'),
      () => repo.commit({ [TPL]: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) }),
      () => repo.commit({ [CRM]: null }),
    ];
    for (const step of steps) {
      await step();
      await repo.push();
      const to = await head(diffing);
      const changes = (await diffing.listChanges(from, to)) ?? [];
      expect(changes.length).toBeGreaterThan(0);
      const fresh = new SimpleGitSource({
        url: repo.url,
        cacheDir: `${repo.cacheDir}/fresh-${to}`,
      });
      await head(fresh);
      for (const path of [CRM, ERP, HR, BIG, RUN, TPL])
        expect(await diffing.read(to, path)).toEqual(await fresh.read(to, path));
      from = to;
    }
  });

  it('reads a changed manifest in a subfolder by its registry path', async () => {
    const sub = new SimpleGitSource({ url: repo.url, subdir: 'registry', cacheDir: repo.cacheDir });
    await repo.commit({ [`registry/${CRM}`]: manifestJson('crm') });
    await repo.push();
    const from = await head(sub);
    await repo.commit({ [`registry/${CRM}`]: manifestJson('crm', { v: 2 }) });
    await repo.push();
    const to = await head(sub);
    expect(await sub.listChanges(from, to)).toEqual([{ path: CRM, status: 'modified' }]);
    const text = manifestJson('crm', { v: 2 });
    expect(await sub.read(to, CRM)).toEqual({ ok: true, text, bytes: text.length });
    // The old revision is read by path, as before: the diff's blobs are the target's only.
    expect(await sub.read(from, CRM)).toMatchObject({ ok: true, text: manifestJson('crm') });
  });

  it('a changed blob gone from the mirror is looked up by path, which names the problem', async () => {
    const source = new SimpleGitSource({ url: repo.url, cacheDir: repo.cacheDir });
    const from = await head(source);
    await repo.commit({ [HR]: manifestJson('hr') });
    await repo.push();
    const to = await head(source);
    await source.listChanges(from, to);
    const blob = execFileSync('git', ['-C', repo.work, 'rev-parse', `${to}:${HR}`], {
      encoding: 'utf8',
    }).trim();
    const loose = `${source.mirrorPath}/objects/${blob.slice(0, 2)}/${blob.slice(2)}`;
    execFileSync('rm', ['-f', loose]);
    await expect(source.read(to, HR)).rejects.toMatchObject({ code: 'GIT_FAILED' });
  });
});
