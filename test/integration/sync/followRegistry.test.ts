/**
 * The sync, end to end, on both databases: a real registry repository (a bare repo as the
 * remote), the production composition (createRuntime), and a story of commits a registry
 * really sees. Each step asserts the exact recorded outcome and what the catalog serves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../../src/main.js';
import type { SyncRunRecord } from '../../../src/sync/ports.js';
import { createTestRepo, type TestRepo } from '../../helpers/gitRepos.js';
import { integrationManifest, templateManifest } from '../../helpers/manifests.js';
import { databaseSlot, openRuntime, type DatabaseSlot } from './runtimeFixture.js';

const pretty = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`;
const file = (key: string) => `integrations/${key}/manifest.json`;

async function count(runtime: Runtime, sql: string): Promise<number> {
  const rows = (await runtime.db.orm.em.fork().getConnection().execute(sql)) as Array<{
    n: string | number;
  }>;
  return Number(rows[0]?.n ?? 0);
}

describe.each(['pglite', 'postgresql'] as const)('sync on %s', (driver) => {
  let repo: TestRepo;
  let slot: DatabaseSlot;
  let runtime: Runtime;
  const shas: Record<string, string> = {};

  const sync = (force = false): Promise<SyncRunRecord> =>
    runtime.engine.run({ trigger: 'manual', force });

  beforeAll(async () => {
    repo = await createTestRepo();
    shas.initial = await repo.commit({
      [file('alpha')]: pretty(integrationManifest({ key: 'alpha' })),
      [file('beta')]: pretty(integrationManifest({ key: 'beta' })),
      [file('gamma')]: pretty(integrationManifest({ key: 'gamma' })),
      'templates/starter/manifest.json': pretty(templateManifest('starter')),
    });
    await repo.push();
    slot = await databaseSlot(driver);
    runtime = await openRuntime({ ...slot.env, REGSYNC_REGISTRY: repo.url });
  });

  afterAll(async () => {
    await runtime?.close();
    await slot?.dispose();
    await repo?.cleanup();
  });

  it('adds every manifest on the first sync', async () => {
    const run = await sync();
    expect(run).toMatchObject({
      status: 'succeeded',
      reason: 'Succeeded',
      toRevision: shas.initial,
    });
    expect(run.counts).toEqual({ added: 4, updated: 0, unchanged: 0, removed: 0, invalid: 0 });
    const alpha = await runtime.db.catalog.getDefinition('integration', 'alpha');
    expect(alpha).toMatchObject({
      key: 'alpha',
      revision: shas.initial,
      path: file('alpha'),
      source: 'MANIFEST',
      readonly: true,
    });
    expect(alpha?.entityTypes[0]?.attributes.map((a) => a.key)).toEqual(['id', 'email']);
    expect(await runtime.db.catalog.getDefinition('template', 'starter')).toBeDefined();
  });

  it('writes nothing when a poll finds the head unmoved', async () => {
    const runs = await count(runtime, 'select count(*) as n from sync_run');
    const stamp = await count(
      runtime,
      'select sum(extract(epoch from updated_at)) as n from definition',
    );
    const run = await runtime.engine.run({ trigger: 'schedule' });
    expect(run.reason).toBe('UpToDate');
    expect(await count(runtime, 'select count(*) as n from sync_run')).toBe(runs);
    expect(
      await count(runtime, 'select sum(extract(epoch from updated_at)) as n from definition'),
    ).toBe(stamp);
  });

  it('updates a changed manifest and replaces its children', async () => {
    shas.changed = await repo.commit({
      [file('alpha')]: pretty(integrationManifest({ key: 'alpha', extraAttributes: ['phone'] })),
    });
    await repo.push();
    const run = await sync();
    expect(run.counts).toEqual({ added: 0, updated: 1, unchanged: 0, removed: 0, invalid: 0 });
    expect(run.fromRevision).toBe(shas.initial);
    const alpha = await runtime.db.catalog.getDefinition('integration', 'alpha');
    expect(alpha?.entityTypes[0]?.attributes.map((a) => a.key)).toEqual(['id', 'email', 'phone']);
    expect(alpha?.revision).toBe(shas.changed);
    expect(await count(runtime, "select count(*) as n from attribute where key = 'phone'")).toBe(1);
  });

  it('treats a reformat-only change as unchanged and writes no definition row', async () => {
    const before = await runtime.db.catalog.getDefinition('integration', 'beta');
    await repo.commit({
      [file('beta')]: JSON.stringify(integrationManifest({ key: 'beta' }), null, 4),
    });
    await repo.push();
    const run = await sync();
    expect(run.counts).toEqual({ added: 0, updated: 0, unchanged: 1, removed: 0, invalid: 0 });
    const after = await runtime.db.catalog.getDefinition('integration', 'beta');
    expect(after?.updatedAt.getTime()).toBe(before?.updatedAt.getTime());
    expect(after?.revision).toBe(before?.revision);
  });

  it('records an invalid commit with exact findings and keeps serving the last good version', async () => {
    const broken = pretty({ ...integrationManifest({ key: 'beta' }), key: 'Beta!' });
    await repo.commit({ [file('beta')]: broken });
    await repo.push();
    const run = await sync();
    expect(run.status).toBe('succeeded');
    expect(run.counts).toMatchObject({ invalid: 1, updated: 0 });
    const finding = run.invalid[0]?.findings.find((f) => f.pointer === '/key');
    expect(finding).toMatchObject({
      file: file('beta'),
      line: 4,
      pointer: '/key',
      severity: 'error',
    });
    expect(await runtime.db.catalog.getDefinition('integration', 'beta')).toMatchObject({
      key: 'beta',
    });
    const states = await runtime.db.catalog.listManifestStates({ state: 'invalid' });
    expect(states.map((s) => s.path)).toEqual([file('beta')]);
    const stored = await runtime.db.catalog.getSyncRun(run.id);
    expect(stored?.invalid[0]?.findings.length).toBeGreaterThan(0);
  });

  it('marks a deleted manifest removed and keeps its rows', async () => {
    await repo.commit({ [file('gamma')]: null });
    await repo.push();
    const run = await sync();
    expect(run.counts).toMatchObject({ removed: 1, added: 0, updated: 0 });
    expect(await runtime.db.catalog.getDefinition('integration', 'gamma')).toBeUndefined();
    expect(
      await count(
        runtime,
        "select count(*) as n from definition where key = 'gamma' and removed_at is not null",
      ),
    ).toBe(1);
  });

  it('falls back to a full checksum scan after a force-push', async () => {
    shas.rewritten = await repo.forcePush(shas.changed ?? '', {
      [file('beta')]: pretty(integrationManifest({ key: 'beta' })),
      [file('delta')]: pretty(integrationManifest({ key: 'delta' })),
    });
    const run = await sync();
    expect(run.status).toBe('succeeded');
    expect(run.message).toContain('full scan');
    // gamma exists again at the rewritten head (it was deleted only on the discarded branch).
    expect(run.counts).toEqual({ added: 2, updated: 0, unchanged: 3, removed: 0, invalid: 0 });
    expect((await runtime.db.catalog.listManifestStates({ state: 'invalid' })).length).toBe(0);
  });

  it('refuses a commit that empties the registry, and keeps the catalog', async () => {
    const paths = ['alpha', 'beta', 'gamma', 'delta'].map(file);
    await repo.commit(
      Object.fromEntries([...paths, 'templates/starter/manifest.json'].map((p) => [p, null])),
    );
    await repo.push();
    const run = await sync();
    expect(run).toMatchObject({ status: 'refused', reason: 'DeletionGuard' });
    expect(run.message).toContain('5 of 5');
    const page = await runtime.db.catalog.listDefinitions({ kind: 'integration' });
    expect(page.items.map((d) => d.key).sort()).toEqual(['alpha', 'beta', 'delta', 'gamma']);
    expect(await runtime.db.store.lastSyncedRevision()).toBe(shas.rewritten);
  });

  it('holds a pinned revision while the branch moves on', async () => {
    await runtime.close();
    runtime = await openRuntime({
      ...slot.env,
      REGSYNC_REGISTRY: repo.url,
      REGSYNC_REVISION: shas.initial ?? '',
    });
    const rollback = await sync(true);
    expect(rollback).toMatchObject({ status: 'succeeded', toRevision: shas.initial });
    expect(
      (
        await runtime.db.catalog.getDefinition('integration', 'alpha')
      )?.entityTypes[0]?.attributes.map((a) => a.key),
    ).toEqual(['id', 'email']);
    await repo.commit({ [file('epsilon')]: pretty(integrationManifest({ key: 'epsilon' })) });
    await repo.push();
    const poll = await runtime.engine.run({ trigger: 'schedule' });
    expect(poll).toMatchObject({ reason: 'UpToDate', toRevision: shas.initial });
    expect(await runtime.db.catalog.getDefinition('integration', 'epsilon')).toBeUndefined();
  });
});
