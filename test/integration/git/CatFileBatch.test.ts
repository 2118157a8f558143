import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BareMirror } from '../../../src/git/BareMirror.js';
import type { GitRunner } from '../../../src/git/GitRunner.js';
import { SimpleGitSource } from '../../../src/git/SimpleGitSource.js';
import { fetchedMirror } from '../../helpers/testMirror.js';
import {
  createTestRepo,
  git,
  manifestJson,
  recordingLogger,
  type TestRepo,
} from '../../helpers/gitRepos.js';

const CRM = 'integrations/crm/manifest.json';
const ERP = 'integrations/erp/manifest.json';
const LINKED = 'integrations/linked/manifest.json';
/** Bytes a text protocol would mangle: newlines, NULs, a line that looks like a header. */
const BINARY = Buffer.concat([
  Buffer.from('line\n0123456789012345678901234567890123456789 blob 3\n\0\r\n'),
  Buffer.from([0, 255, 10, 10, 0]),
]);

describe('the long-lived cat-file --batch-command reader', () => {
  let repo: TestRepo;
  let mirror: BareMirror;
  let runner: GitRunner;
  let first: string;

  beforeAll(async () => {
    repo = await createTestRepo({
      [CRM]: manifestJson('crm'),
      'integrations/blob.bin': BINARY.toString('latin1'),
    });
    await repo.commit({ 'integrations/blob.bin': BINARY });
    await repo.commitSymlink(LINKED, '../crm/manifest.json');
    await repo.push();
    first = await repo.head();
    ({ runner, mirror } = await fetchedMirror(repo));
  });
  afterAll(async () => {
    runner.closeBatch();
    await repo.cleanup();
  });

  it('answers several lookups in one round trip, in order, with exact bytes', async () => {
    const blob = await git(repo.work, 'rev-parse', `${first}:integrations/blob.bin`);
    const before = runner.batch.roundTrips;
    const answers = await runner.batch.request([
      { op: 'info', object: `${first}^{commit}` },
      { op: 'contents', object: blob },
      { op: 'info', object: `${first}:integrations/nothing-here` },
      { op: 'contents', object: `${first}:integrations/crm/manifest.json` },
    ]);
    expect(runner.batch.roundTrips - before).toBe(1);
    expect(answers[0]).toMatchObject({ found: true, oid: first, type: 'commit' });
    expect(answers[1]).toMatchObject({ found: true, type: 'blob', size: BINARY.length });
    expect(Buffer.compare((answers[1] as { bytes: Buffer }).bytes, BINARY)).toBe(0);
    expect(answers[2]).toEqual({ found: false });
    expect((answers[3] as { bytes: Buffer }).bytes.toString('utf8')).toBe(manifestJson('crm'));
  });

  it('keeps answers apart for requests sent at once, and starts again after close', async () => {
    const ids = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        runner.batch.request([
          { op: 'contents', object: `${first}:${i % 2 ? CRM : 'integrations/blob.bin'}` },
        ]),
      ),
    );
    ids.forEach(([a], i) =>
      expect((a as { bytes: Buffer }).bytes.length).toBe(
        i % 2 ? Buffer.byteLength(manifestJson('crm')) : BINARY.length,
      ),
    );
    const processes = runner.batch.processes;
    runner.closeBatch();
    expect(await mirror.hasCommit(first)).toBe(true);
    expect(runner.batch.processes).toBe(processes + 1);
    await expect(runner.batch.request([{ op: 'info', object: 'a\nb' }])).rejects.toThrow(
      /Refused object name/,
    );
  });

  it('looks a path up exactly as ls-tree lists it, symlinks and missing entries included', async () => {
    for (const path of [CRM, LINKED, 'integrations/blob.bin', 'integrations/nope/manifest.json']) {
      const quick = await mirror.lookupPath(first, path);
      const onTheWay = path.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));
      // ls-tree also lists the siblings in each folder named; a read looks at these only.
      const slow = (await mirror.listPaths(first, onTheWay)).filter((e) =>
        onTheWay.includes(e.path),
      );
      if (quick === undefined) {
        // Only a missing folder on the way is left to ls-tree.
        expect(path).toBe('integrations/nope/manifest.json');
        continue;
      }
      expect(quick).toEqual(slow);
    }
  });

  it('finds commits fetched after it started, and walks ancestry as merge-base does', async () => {
    await repo.commit({ [ERP]: manifestJson('erp') });
    await repo.checkout('side', true);
    const side = await repo.commit({ 'integrations/side/manifest.json': manifestJson('side') });
    await repo.checkout('main');
    const mainTip = await repo.commit({ [CRM]: manifestJson('crm', { v: 2 }) });
    await git(repo.work, 'merge', '--quiet', '--no-edit', 'side');
    await repo.push();
    const merged = await repo.head();
    expect(await mirror.hasCommit(merged)).toBe(false);
    await mirror.fetch(['+refs/heads/main:refs/regsync/heads/main']);
    expect(await mirror.hasCommit(merged)).toBe(true);
    const pairs: Array<[string, string]> = [
      [first, merged],
      [side, merged],
      [mainTip, merged],
      [merged, first],
      [side, mainTip],
      [merged, merged],
    ];
    for (const [a, b] of pairs) {
      const base = await git(repo.work, 'merge-base', a, b);
      expect(await mirror.isAncestor(a, b), `${a} ancestor of ${b}`).toBe(base === a);
    }
  });
});

describe('a one-manifest sync over Git', () => {
  let repo: TestRepo;
  beforeAll(async () => {
    repo = await createTestRepo({ [CRM]: manifestJson('crm'), [ERP]: manifestJson('erp') });
  });
  afterAll(async () => repo.cleanup());

  it('starts ls-remote, fetch and diff-tree only; every lookup goes through the batch reader', async () => {
    const logger = recordingLogger();
    const source = new SimpleGitSource({ url: repo.url, cacheDir: repo.cacheDir, logger });
    const start = await source.resolveRevision();
    await source.prepare(start);
    expect((await source.read(start.id, CRM)).ok).toBe(true);

    await repo.commit({ [ERP]: manifestJson('erp', { displayName: 'ERP 2' }) });
    await repo.push();
    const before = logger.calls.length;
    const next = await source.resolveRevision();
    await source.prepare(next);
    const changes = await source.listChanges(start.id, next.id);
    expect(changes).toEqual([{ path: ERP, status: 'modified' }]);
    const read = await source.read(next.id, ERP);
    expect(read).toMatchObject({ ok: true, text: manifestJson('erp', { displayName: 'ERP 2' }) });

    const since = logger.calls.slice(before);
    const processes = since
      .filter((c) => c.msg === 'git')
      .map((c) => (c.obj as { git: string[] }).git);
    expect(processes.map((args) => args.find((a) => !a.startsWith('-')))).toEqual([
      'ls-remote',
      'fetch',
      'diff-tree',
    ]);
    // prepare: before and after the fetch; listChanges: both commits; read: the size and the
    // bytes of the blob diff-tree named (no path lookup, so no tree read).
    expect(since.filter((c) => c.msg === 'git batch')).toHaveLength(5);
  });

  it('after a push webhook, starts fetch and diff-tree only', async () => {
    const logger = recordingLogger();
    const cacheDir = `${repo.cacheDir}-webhook`;
    const source = new SimpleGitSource({ url: repo.url, cacheDir, logger });
    const start = await source.resolveRevision();
    await source.prepare(start);

    await repo.commit({ [ERP]: manifestJson('erp', { displayName: 'ERP 3' }) });
    await repo.push();
    const before = logger.calls.length;
    const next = await source.resolveRevision({ changeExpected: true });
    await source.prepare(next);
    const changes = await source.listChanges(start.id, next.id);
    expect(changes).toEqual([{ path: ERP, status: 'modified' }]);
    expect(await source.read(next.id, ERP)).toMatchObject({ ok: true });

    const since = logger.calls.slice(before);
    const processes = since
      .filter((c) => c.msg === 'git')
      .map((c) => (c.obj as { git: string[] }).git);
    expect(processes.map((args) => args.find((a) => !a.startsWith('-')))).toEqual([
      'fetch',
      'diff-tree',
    ]);
    // The mirror ref before and after the fetch, prepare's check, listChanges, the read's two.
    expect(since.filter((c) => c.msg === 'git batch')).toHaveLength(6);
  });
});
