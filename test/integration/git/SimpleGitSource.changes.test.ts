import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimpleGitSource } from '../../../src/git/SimpleGitSource.js';
import { createTestRepo, manifestJson, type TestRepo } from '../../helpers/gitRepos.js';

const CRM = 'integrations/crm/manifest.json';
const ERP = 'integrations/erp/manifest.json';
const HR = 'integrations/hr/manifest.json';
const TPL = 'templates/sales/manifest.json';

describe('SimpleGitSource: listChanges and symlinks', () => {
  let repo: TestRepo;
  let source: SimpleGitSource;
  let base: string;

  /** Pushes, resolves and prepares the new head; returns its sha. */
  async function publish(): Promise<string> {
    await repo.push();
    const rev = await source.resolveRevision();
    await source.prepare(rev);
    return rev.id;
  }

  beforeEach(async () => {
    repo = await createTestRepo({
      [CRM]: manifestJson('crm'),
      [ERP]: manifestJson('erp'),
      [TPL]: manifestJson('sales'),
    });
    source = new SimpleGitSource({ url: repo.url, cacheDir: repo.cacheDir });
    base = await publish();
  });
  afterEach(async () => repo.cleanup());

  it('maps additions, changes and deletions of manifests, ignoring other files', async () => {
    await repo.commit({
      [HR]: manifestJson('hr'),
      [CRM]: manifestJson('crm', { description: 'new' }),
      [ERP]: null,
      'README.md': 'changed',
      'integrations/crm/logo.svg': '<svg/>',
    });
    const to = await publish();
    expect(await source.listChanges(base, to)).toEqual([
      { path: CRM, status: 'modified' },
      { path: ERP, status: 'deleted' },
      { path: HR, status: 'added' },
    ]);
  });

  it('lists a reformat-only change as modified (the sync skips it by checksum)', async () => {
    await repo.commit({ [CRM]: manifestJson('crm', {}, 4) });
    const to = await publish();
    expect(await source.listChanges(base, to)).toEqual([{ path: CRM, status: 'modified' }]);
  });

  it('returns [] for the same revision and for a change outside manifests', async () => {
    expect(await source.listChanges(base, base)).toEqual([]);
    await repo.commit({ 'docs/x.md': 'x' });
    expect(await source.listChanges(base, await publish())).toEqual([]);
  });

  it('a rename is a deletion and an addition', async () => {
    await repo.commit({ [ERP]: null, [HR]: manifestJson('erp') });
    expect(await source.listChanges(base, await publish())).toEqual([
      { path: ERP, status: 'deleted' },
      { path: HR, status: 'added' },
    ]);
  });

  it('returns undefined after a force-push (from is not an ancestor of to)', async () => {
    await repo.commit({ [HR]: manifestJson('hr') });
    const lost = await publish();
    const rewritten = await repo.forcePush(base, { [CRM]: manifestJson('crm', { v: 2 }) });
    const rev = await source.resolveRevision();
    expect(rev.id).toBe(rewritten);
    await source.prepare(rev);
    expect(await source.listChanges(lost, rewritten)).toBeUndefined();
    expect(await source.listChanges(base, rewritten)).toEqual([{ path: CRM, status: 'modified' }]);
    expect((await source.list(rewritten)).manifests).toEqual([CRM, ERP, TPL]);
  });

  it('returns undefined for a previous revision the mirror has never seen, or a folder digest', async () => {
    expect(
      await source.listChanges('0123456789abcdef0123456789abcdef01234567', base),
    ).toBeUndefined();
    expect(await source.listChanges(`sha256:${'a'.repeat(64)}`, base)).toBeUndefined();
  });

  it('refuses a target that is not a commit id', async () => {
    await expect(source.listChanges(base, '--output=/tmp/x')).rejects.toMatchObject({
      code: 'UNSAFE_REF',
    });
    await expect(source.list('HEAD')).rejects.toMatchObject({ code: 'UNSAFE_REF' });
  });

  it('a manifest replaced by a symlink surfaces as modified and reads as a symlink, never a deletion', async () => {
    await repo.commitSymlink(CRM, '/etc/passwd');
    const to = await publish();
    expect(await source.listChanges(base, to)).toEqual([{ path: CRM, status: 'modified' }]);
    expect(await source.read(to, CRM)).toMatchObject({ ok: false, rule: 'symlink' });
    expect(await source.list(to)).toEqual({ manifests: [ERP, TPL], symlinks: [CRM] });
  });

  it('a key folder replaced by a symlink keeps its manifest (as a symlink finding), not a deletion', async () => {
    await repo.commitSymlink('integrations/erp', '../../..');
    const to = await publish();
    expect(await source.listChanges(base, to)).toEqual([{ path: ERP, status: 'modified' }]);
    expect(await source.read(to, ERP)).toMatchObject({ ok: false, rule: 'symlink' });
    expect(await source.list(to)).toEqual({
      manifests: [CRM, ERP, TPL],
      symlinks: ['integrations/erp'],
    });
  });

  it('a symlinked key folder that goes away is a deletion; one replaced by a real folder is a change', async () => {
    await repo.commitSymlink('integrations/erp', '/etc');
    const linked = await publish();
    await repo.commit({ 'integrations/erp': null });
    const gone = await publish();
    expect(await source.listChanges(linked, gone)).toEqual([{ path: ERP, status: 'deleted' }]);
    await repo.commit({ [ERP]: manifestJson('erp', { back: true }) });
    const back = await publish();
    expect(await source.listChanges(linked, back)).toEqual([{ path: ERP, status: 'added' }]);
  });

  it('integrations/ replaced by a symlink: changes say modified, list refuses (never "all deleted")', async () => {
    await repo.commitSymlink('integrations', '/etc');
    const to = await publish();
    expect(await source.listChanges(base, to)).toEqual([
      { path: CRM, status: 'modified' },
      { path: ERP, status: 'modified' },
    ]);
    expect(await source.read(to, CRM)).toMatchObject({ ok: false, rule: 'symlink' });
    await expect(source.list(to)).rejects.toMatchObject({ code: 'UNSAFE_PATH', retryable: false });
  });

  it('a new symlinked key folder or a symlink elsewhere is listed', async () => {
    await repo.commitSymlink('integrations/evil', '/etc');
    await repo.commitSymlink('docs/link', '../README.md');
    const to = await publish();
    expect(await source.listChanges(base, to)).toEqual([
      { path: 'integrations/evil/manifest.json', status: 'added' },
    ]);
    const listing = await source.list(to);
    expect(listing.symlinks).toEqual(['docs/link', 'integrations/evil']);
    expect(await source.read(to, 'integrations/evil/manifest.json')).toMatchObject({
      ok: false,
      rule: 'symlink',
    });
  });

  it('a manifest that is not UTF-8 is file-unreadable', async () => {
    await repo.commit({ [CRM]: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) });
    const to = await publish();
    expect(await source.read(to, CRM)).toMatchObject({ ok: false, rule: 'file-unreadable' });
  });

  it('a deleted manifest reads as file-unreadable at the new revision, not as a deletion', async () => {
    await repo.commit({ [ERP]: null });
    const to = await publish();
    expect(await source.read(to, ERP)).toMatchObject({ ok: false, rule: 'file-unreadable' });
    expect(await source.read(base, ERP)).toMatchObject({ ok: true });
  });

  it('refuses a manifest path that leaves the registry', async () => {
    await expect(source.read(base, '../etc/passwd')).rejects.toMatchObject({ code: 'UNSAFE_PATH' });
    await expect(source.read(base, '/etc/passwd')).rejects.toMatchObject({ code: 'UNSAFE_PATH' });
  });

  it('diffs only inside the subfolder when one is set', async () => {
    const sub = new SimpleGitSource({ url: repo.url, subdir: 'registry', cacheDir: repo.cacheDir });
    await repo.commit({ [`registry/${CRM}`]: manifestJson('crm') });
    await repo.push();
    const from = await sub.resolveRevision();
    await sub.prepare(from);
    await repo.commit({
      [`registry/${CRM}`]: manifestJson('crm', { v: 2 }),
      [`registry/${HR}`]: manifestJson('hr'),
      [ERP]: null,
    });
    await repo.push();
    const to = await sub.resolveRevision();
    await sub.prepare(to);
    expect(await sub.listChanges(from.id, to.id)).toEqual([
      { path: CRM, status: 'modified' },
      { path: HR, status: 'added' },
    ]);
  });
});
