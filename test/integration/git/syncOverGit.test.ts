/**
 * The sync engine over a real Git registry: checks that what SimpleGitSource answers is what
 * the orchestrator needs (incremental reads, symlinks never delete, force-push full scans).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimpleGitSource } from '../../../src/git/SimpleGitSource.js';
import { SyncEngine } from '../../../src/sync/SyncEngine.js';
import { SyncReason } from '../../../src/sync/reasons.js';
import { InMemoryDefinitionStore } from '../../../src/sync/testing/InMemoryDefinitionStore.js';
import { createTestRepo, recordingLogger, type TestRepo } from '../../helpers/gitRepos.js';
import { integrationFile } from '../../helpers/manifests.js';

const clock = { now: () => new Date('2026-11-23T12:00:00Z') };
const ALPHA = 'integrations/alpha/manifest.json';
const BETA = 'integrations/beta/manifest.json';

describe('SyncEngine over SimpleGitSource', () => {
  let repo: TestRepo;
  let store: InMemoryDefinitionStore;
  let engine: SyncEngine;
  let logger: ReturnType<typeof recordingLogger>;

  beforeEach(async () => {
    repo = await createTestRepo({
      ...integrationFile('alpha'),
      ...integrationFile('beta'),
      ...integrationFile('gamma'),
    });
    logger = recordingLogger();
    const source = new SimpleGitSource({
      url: repo.url,
      branch: 'main',
      cacheDir: repo.cacheDir,
      logger,
    });
    store = new InMemoryDefinitionStore();
    engine = new SyncEngine({ source, store, clock, maxRemoveRatio: 0.5 });
  });
  afterEach(async () => repo.cleanup());

  it('adds everything, then is up to date without a fetch, then reads only the change', async () => {
    const first = await engine.run({ trigger: 'startup' });
    expect(first).toMatchObject({ status: 'succeeded', counts: { added: 3, invalid: 0 } });
    expect(first.toRevision).toBe(await repo.head());

    const fetches = () => logger.gitCommands().filter((c) => c === 'fetch').length;
    const before = fetches();
    expect(await engine.run({ trigger: 'schedule' })).toMatchObject({
      reason: SyncReason.UpToDate,
    });
    expect(fetches()).toBe(before);

    await repo.commit({ ...integrationFile('alpha', { description: 'Changed.' }) });
    await repo.push();
    const next = await engine.run({ trigger: 'webhook' });
    expect(next).toMatchObject({
      status: 'succeeded',
      counts: { added: 0, updated: 1, unchanged: 0, removed: 0, invalid: 0 },
    });
  });

  it('a manifest replaced by a symlink is invalid and keeps being served, not removed', async () => {
    await engine.run({ trigger: 'startup' });
    await repo.commitSymlink(ALPHA, '/etc/passwd');
    await repo.commitSymlink('integrations/beta', '../..');
    await repo.push();
    const run = await engine.run({ trigger: 'webhook' });
    expect(run.counts.removed).toBe(0);
    expect(run.invalid.map((i) => i.path)).toEqual(expect.arrayContaining([ALPHA, BETA]));
    expect(run.invalid.flatMap((i) => i.findings.map((f) => f.rule))).toContain('symlink');
    expect(store.manifests.get(ALPHA)?.removed).toBe(false);
    expect(store.manifests.get(BETA)?.removed).toBe(false);

    // A forced full scan of the same revision agrees.
    const full = await engine.run({ trigger: 'manual', force: true });
    expect(full.counts.removed).toBe(0);
    expect(store.manifests.get(BETA)?.removed).toBe(false);
  });

  it('after a force-push it compares everything and removes what is gone', async () => {
    const first = await engine.run({ trigger: 'startup' });
    await repo.commit({ [ALPHA]: null });
    await repo.push();
    await engine.run({ trigger: 'webhook' });
    const rewritten = await repo.forcePush(first.toRevision ?? '', { ...integrationFile('delta') });
    const run = await engine.run({ trigger: 'webhook' });
    expect(run).toMatchObject({ status: 'succeeded', toRevision: rewritten });
    expect(run.message).toContain('full scan');
    expect(run.counts).toMatchObject({ added: 2, removed: 0 });
  });
});
