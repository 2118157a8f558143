import { beforeEach, describe, expect, it } from 'vitest';
import { SyncEngine } from './SyncEngine.js';
import { SyncReason } from './reasons.js';
import type { GateVerdict, SyncLock, ValidationGate } from './ports.js';
import { InMemoryDefinitionStore } from './testing/InMemoryDefinitionStore.js';
import { InMemoryRegistrySource } from './testing/InMemoryRegistrySource.js';
import { integrationFile } from '../../test/helpers/manifests.js';

const clock = { now: () => new Date('2026-11-23T12:00:00Z') };

function registry(...keys: string[]): Record<string, string> {
  return Object.assign({}, ...keys.map((k) => integrationFile(k)));
}

describe('SyncEngine', () => {
  let source: InMemoryRegistrySource;
  let store: InMemoryDefinitionStore;
  let engine: SyncEngine;

  beforeEach(() => {
    source = new InMemoryRegistrySource();
    store = new InMemoryDefinitionStore();
    engine = new SyncEngine({ source, store, clock, maxRemoveRatio: 0.5 });
  });

  it('adds every manifest on the first sync, with a full scan', async () => {
    const head = source.commit(registry('alpha', 'beta', 'gamma'));
    const run = await engine.run({ trigger: 'startup' });
    expect(run).toMatchObject({
      status: 'succeeded',
      reason: SyncReason.Succeeded,
      toRevision: head,
    });
    expect(run.counts).toEqual({ added: 3, updated: 0, unchanged: 0, removed: 0, invalid: 0 });
    expect(run.message).toContain('full scan');
    expect(store.writes).toBe(3);
    expect(store.runs.get(run.id)?.status).toBe('succeeded');
  });

  it('does nothing, and records nothing, when a scheduled poll finds the head unmoved', async () => {
    source.commit(registry('alpha'));
    await engine.run({ trigger: 'startup' });
    const writes = store.writes;
    const runs = store.runs.size;
    const reads = source.reads;
    const run = await engine.run({ trigger: 'schedule' });
    expect(run).toMatchObject({ status: 'succeeded', reason: SyncReason.UpToDate });
    expect(store.writes).toBe(writes);
    expect(store.runs.size).toBe(runs);
    expect(source.reads).toBe(reads);
  });

  it('reads only what git diff names, and a reformat-only change costs no write', async () => {
    source.commit(registry('alpha', 'beta'));
    await engine.run({ trigger: 'startup' });
    const alpha = 'integrations/alpha/manifest.json';
    const files = registry('alpha', 'beta');
    files[alpha] = JSON.stringify(JSON.parse(files[alpha] ?? ''));
    source.commit(files);
    const reads = source.reads;
    const writes = store.writes;
    const run = await engine.run({ trigger: 'webhook' });
    expect(run.counts).toEqual({ added: 0, updated: 0, unchanged: 1, removed: 0, invalid: 0 });
    expect(source.reads - reads).toBe(1);
    expect(store.writes).toBe(writes);
  });

  it('marks an invalid manifest fixed back to its served version active, with no write of it', async () => {
    source.commit(registry('alpha', 'beta'));
    await engine.run({ trigger: 'startup' });
    const alpha = 'integrations/alpha/manifest.json';
    source.commit({ ...registry('alpha', 'beta'), [alpha]: '{ not json' });
    const broken = await engine.run({ trigger: 'webhook' });
    expect(broken.counts.invalid).toBe(1);
    expect(store.states.get(alpha)?.state).toBe('invalid');
    source.commit(registry('alpha', 'beta'));
    const fixed = await engine.run({ trigger: 'webhook' });
    expect(fixed.counts).toEqual({ added: 0, updated: 0, unchanged: 1, removed: 0, invalid: 0 });
    expect(store.states.get(alpha)).toEqual({ state: 'active', findings: [] });
  });

  it('updates a changed manifest and marks a deleted one removed', async () => {
    source.commit(registry('alpha', 'beta', 'gamma'));
    await engine.run({ trigger: 'startup' });
    const files = {
      ...registry('alpha', 'beta'),
      ...integrationFile('alpha', { extraAttributes: ['phone'] }),
    };
    source.commit(files);
    const run = await engine.run({ trigger: 'manual' });
    expect(run.counts).toEqual({ added: 0, updated: 1, unchanged: 0, removed: 1, invalid: 0 });
    expect(store.manifests.get('integrations/gamma/manifest.json')?.removed).toBe(true);
    expect(store.states.get('integrations/gamma/manifest.json')?.state).toBe('removed');
  });

  it('records an invalid manifest with its findings and keeps serving its last good version', async () => {
    source.commit(registry('alpha', 'beta'));
    await engine.run({ trigger: 'startup' });
    const good = store.manifests.get('integrations/alpha/manifest.json')?.checksum;
    source.commit({
      ...registry('beta'),
      'integrations/alpha/manifest.json': '{ "manifestVersion": "1.0", ',
    });
    const run = await engine.run({ trigger: 'manual' });
    expect(run.status).toBe('succeeded');
    expect(run.counts.invalid).toBe(1);
    expect(run.invalid[0]?.path).toBe('integrations/alpha/manifest.json');
    expect(run.invalid[0]?.findings[0]?.rule).toBe('json-syntax');
    expect((await store.activeChecksums()).get('integrations/alpha/manifest.json')).toBe(good);
    expect(store.states.get('integrations/alpha/manifest.json')?.state).toBe('invalid');
  });

  it('falls back to a full checksum scan after a force-push', async () => {
    source.commit(registry('alpha', 'beta'));
    await engine.run({ trigger: 'startup' });
    source.commit(registry('alpha', 'beta', 'delta'), { parent: null });
    const run = await engine.run({ trigger: 'manual' });
    expect(run.message).toContain('full scan');
    expect(run.counts).toEqual({ added: 1, updated: 0, unchanged: 2, removed: 0, invalid: 0 });
  });

  it('refuses to empty the catalog, and accepts it when forced', async () => {
    source.commit(registry('alpha', 'beta'));
    await engine.run({ trigger: 'startup' });
    const writes = store.writes;
    source.commit({});
    const refused = await engine.run({ trigger: 'manual' });
    expect(refused).toMatchObject({ status: 'refused', reason: SyncReason.DeletionGuard });
    expect(refused.message).toContain('2 of 2');
    expect(store.writes).toBe(writes);
    expect((await store.activeChecksums()).size).toBe(2);
    const forced = await engine.run({ trigger: 'cli', force: true });
    expect(forced).toMatchObject({ status: 'succeeded' });
    expect(forced.counts.removed).toBe(2);
  });

  it('refuses to remove more than the configured share', async () => {
    source.commit(registry('a', 'b', 'c', 'd'));
    await engine.run({ trigger: 'startup' });
    source.commit(registry('a', 'e'));
    const run = await engine.run({ trigger: 'manual' });
    expect(run).toMatchObject({ status: 'refused', reason: SyncReason.DeletionGuard });
    expect(run.message).toContain('3 of 4');
    // The new manifest of the refused commit is listed as never ingested, with the reason.
    expect(store.states.get('integrations/e/manifest.json')).toMatchObject({
      state: 'never-ingested',
      detail: expect.stringContaining('refusing to remove 3 of 4 active manifests'),
    });
    expect(store.states.get('integrations/a/manifest.json')?.state).toBe('active');
  });

  it('treats a file that cannot be read as invalid, never as a deletion', async () => {
    source.commit(registry('alpha', 'beta'));
    await engine.run({ trigger: 'startup' });
    source.unreadable.add('integrations/alpha/manifest.json');
    source.commit({ ...registry('beta'), ...integrationFile('alpha', { extraAttributes: ['x'] }) });
    const run = await engine.run({ trigger: 'manual' });
    expect(run.counts).toMatchObject({ removed: 0, invalid: 1 });
    expect(run.invalid[0]?.findings[0]?.rule).toBe('file-unreadable');
    expect(store.manifests.get('integrations/alpha/manifest.json')?.removed).toBe(false);
  });

  it('records an unreachable source as a failed run and changes nothing', async () => {
    source.commit(registry('alpha'));
    await engine.run({ trigger: 'startup' });
    source.failResolve = Object.assign(new Error('could not resolve host'), {
      code: 'SOURCE_UNREACHABLE',
      retryable: true,
    });
    const run = await engine.run({ trigger: 'schedule' });
    expect(run).toMatchObject({ status: 'failed', reason: SyncReason.SourceUnreachable });
    expect(store.runs.get(run.id)?.status).toBe('failed');
  });

  it('applies a revision whole or not at all: a database failure leaves the old catalog, and the retry writes it all', async () => {
    const first = source.commit(registry('alpha'));
    await engine.run({ trigger: 'startup' });
    source.commit({ ...registry('alpha', 'beta', 'gamma') });
    store.failOn = 'integrations/gamma/manifest.json';
    const failed = await engine.run({ trigger: 'manual' });
    expect(failed).toMatchObject({ status: 'failed', reason: SyncReason.StoreFailed });
    expect(await store.lastSyncedRevision()).toBe(first);
    // beta was written before gamma failed, and went back with it.
    expect([...(await store.activeChecksums()).keys()]).toEqual([
      'integrations/alpha/manifest.json',
    ]);
    store.failOn = undefined;
    const retried = await engine.run({ trigger: 'schedule' });
    expect(retried.status).toBe('succeeded');
    expect(retried.counts).toMatchObject({ added: 2, unchanged: 0 });
  });

  it('holds back a commit until its validation check passes', async () => {
    let verdict: GateVerdict = { state: 'pending', detail: 'queued' };
    const gate: ValidationGate = {
      description: 'acme/registry check "validate"',
      verdict: async () => verdict,
    };
    engine = new SyncEngine({ source, store, clock, maxRemoveRatio: 0.5, gate });
    source.commit(registry('alpha'));
    expect(await engine.run({ trigger: 'schedule' })).toMatchObject({
      status: 'gated',
      reason: SyncReason.GatePending,
    });
    const alpha = 'integrations/alpha/manifest.json';
    expect(store.states.get(alpha)).toMatchObject({
      state: 'never-ingested',
      detail: expect.stringContaining('queued'),
    });
    verdict = { state: 'failed', detail: 'failure' };
    expect(await engine.run({ trigger: 'schedule' })).toMatchObject({
      status: 'gated',
      reason: SyncReason.GateFailed,
    });
    // Nothing is synced; the held manifest is listed as never ingested, with the gate's answer.
    expect(store.manifests.size).toBe(0);
    expect(store.states.get(alpha)).toEqual({
      state: 'never-ingested',
      findings: [],
      detail: expect.stringMatching(/^not synced: acme\/registry check "validate" on .*: failure$/),
    });
    verdict = { state: 'passed' };
    expect(await engine.run({ trigger: 'schedule' })).toMatchObject({ status: 'succeeded' });
    expect(store.states.get(alpha)).toEqual({ state: 'active', findings: [] });
  });

  it('forgets a never-ingested manifest that was deleted again before any sync', async () => {
    let verdict: GateVerdict = { state: 'pending', detail: 'queued' };
    const gate: ValidationGate = { description: 'check', verdict: async () => verdict };
    engine = new SyncEngine({ source, store, clock, maxRemoveRatio: 0.5, gate });
    source.commit(registry('alpha', 'beta'));
    await engine.run({ trigger: 'schedule' });
    expect([...store.states.keys()].sort()).toEqual([
      'integrations/alpha/manifest.json',
      'integrations/beta/manifest.json',
    ]);
    source.commit(registry('alpha'));
    await engine.run({ trigger: 'schedule' });
    expect([...store.states.keys()]).toEqual(['integrations/alpha/manifest.json']);
    verdict = { state: 'passed' };
    source.commit(registry('alpha', 'gamma'));
    await engine.run({ trigger: 'schedule' });
    expect([...store.states.entries()].map(([path, s]) => `${path} ${s.state}`).sort()).toEqual([
      'integrations/alpha/manifest.json active',
      'integrations/gamma/manifest.json active',
    ]);
  });

  it('keeps only the configured number of recorded runs, and always the last good one', async () => {
    let verdict: GateVerdict = { state: 'passed' };
    const gate: ValidationGate = { description: 'check', verdict: async () => verdict };
    let now = Date.parse('2026-11-23T12:00:00Z');
    const ticking = { now: () => new Date((now += 60_000)) };
    engine = new SyncEngine({
      source,
      store,
      clock: ticking,
      maxRemoveRatio: 0.5,
      gate,
      runRetention: 3,
    });
    source.commit(registry('alpha'));
    const good = await engine.run({ trigger: 'startup' });
    verdict = { state: 'pending', detail: 'queued' };
    source.commit(registry('alpha', 'beta'));
    for (let i = 0; i < 5; i++) await engine.run({ trigger: 'schedule' });
    const kept = [...store.runs.values()];
    expect(kept).toHaveLength(4);
    expect(kept.filter((r) => r.status === 'gated')).toHaveLength(3);
    expect(kept.find((r) => r.id === good.id)?.status).toBe('succeeded');
    expect(await store.lastSyncedRevision()).toBe(good.toRevision);
  });

  it('skips the run when another instance holds the lock', async () => {
    const busy: SyncLock = { tryWithLock: async () => ({ acquired: false }) };
    engine = new SyncEngine({ source, store, clock, maxRemoveRatio: 0.5 }, busy);
    source.commit(registry('alpha'));
    const run = await engine.run({ trigger: 'webhook' });
    expect(run).toMatchObject({ status: 'skipped', reason: SyncReason.LockHeld });
    expect(store.writes).toBe(0);
  });

  it('coalesces triggers that arrive during a run into one follow-up run', async () => {
    source.commit(registry('alpha'));
    const first = engine.start({ trigger: 'startup' });
    const second = engine.start({ trigger: 'webhook' });
    const third = engine.start({ trigger: 'webhook' });
    expect(second.id).toBe(third.id);
    expect(second.id).not.toBe(first.id);
    const [a, b] = await Promise.all([first.done, second.done]);
    expect(a.reason).toBe(SyncReason.Succeeded);
    expect(b.reason).toBe(SyncReason.UpToDate);
    expect(store.runs.size).toBe(2);
  });
});
