/**
 * The refs a fetch by id leaves (`refs/regsync/commits/<sha>`, SimpleGitSource.prepare): the
 * pinned commit's and the revision being synced stay, every other one is deleted, and what
 * stays still reads. Real repositories, a bare remote on file://.
 */
import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimpleGitSource } from '../../../src/git/SimpleGitSource.js';
import type { Revision } from '../../../src/sync/ports.js';
import { createTestRepo, manifestJson, type TestRepo } from '../../helpers/gitRepos.js';

const CRM = 'integrations/crm/manifest.json';
const ERP = 'integrations/erp/manifest.json';

/** The mirror's commit refs, as git lists them. */
function commitRefs(mirror: string): string[] {
  return execFileSync(
    'git',
    ['-C', mirror, 'for-each-ref', '--format=%(refname)', 'refs/regsync/commits/'],
    { encoding: 'utf8' },
  )
    .split('\n')
    .filter(Boolean)
    .sort();
}

const ref = (sha: string) => `refs/regsync/commits/${sha}`;
const commit = (sha: string): Revision => ({ kind: 'commit', id: sha, label: `sha1:${sha}` });

describe('commit refs of fetches by id', () => {
  let repo: TestRepo;
  /** Three commits on a branch the sources do not follow: each one is fetched by id. */
  let side: string[];

  beforeEach(async () => {
    repo = await createTestRepo({ [CRM]: manifestJson('crm') });
    await repo.checkout('side', true);
    side = [];
    for (const name of ['erp', 'erp-2', 'erp-3']) {
      side.push(await repo.commit({ [ERP]: manifestJson(name) }));
      await repo.push('side');
    }
    await repo.checkout('main');
  });
  afterEach(async () => repo.cleanup());

  it('keeps the ref of the revision being synced and deletes the earlier ones', async () => {
    const source = new SimpleGitSource({ url: repo.url, branch: 'main', cacheDir: repo.cacheDir });
    const [a, b, c] = side as [string, string, string];
    await source.prepare(commit(a));
    expect(commitRefs(source.mirrorPath)).toEqual([ref(a)]);
    await source.prepare(commit(c));
    expect(commitRefs(source.mirrorPath)).toEqual([ref(c)]);
    // a and b came with c, and c's ref keeps them: nothing is fetched or deleted for them.
    await source.prepare(commit(b));
    await source.prepare(await source.resolveRevision());
    expect(commitRefs(source.mirrorPath)).toEqual([ref(c)]);
    for (const [sha, name] of [
      [a, 'erp'],
      [b, 'erp-2'],
      [c, 'erp-3'],
    ] as const)
      expect(await source.read(sha, ERP)).toEqual({
        ok: true,
        text: manifestJson(name),
        bytes: manifestJson(name).length,
      });
  });

  it('a new process deletes what an earlier one left, and never the pinned commit', async () => {
    const [a, b, c] = side as [string, string, string];
    const earlier = new SimpleGitSource({ url: repo.url, branch: 'main', cacheDir: repo.cacheDir });
    await earlier.prepare(commit(c));
    // What builds before this one left: a ref per fetch by id, never deleted.
    for (const sha of [a, b])
      execFileSync('git', ['-C', earlier.mirrorPath, 'update-ref', ref(sha), sha]);
    expect(commitRefs(earlier.mirrorPath)).toEqual([ref(a), ref(b), ref(c)].sort());

    const pinned = new SimpleGitSource({
      url: repo.url,
      branch: 'main',
      pinnedRevision: b,
      cacheDir: repo.cacheDir,
    });
    expect(pinned.mirrorPath).toBe(earlier.mirrorPath);
    const revision = await pinned.resolveRevision();
    // Already in the mirror, so no fetch: the first prepare of a process still prunes.
    await pinned.prepare(revision);
    expect(commitRefs(pinned.mirrorPath)).toEqual([ref(b)]);
    expect(await pinned.read(b, ERP)).toMatchObject({ ok: true, text: manifestJson('erp-2') });
  });
});
