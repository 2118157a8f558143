/**
 * Faults, on both databases: an unreachable remote, a database that rejects a write in the
 * middle of a sync. Each must leave the catalog as it was and let the next run complete.
 */
import { rename } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../../src/main.js';
import { createTestRepo, type TestRepo } from '../../helpers/gitRepos.js';
import { integrationManifest } from '../../helpers/manifests.js';
import { databaseSlot, openRuntime, type DatabaseSlot } from './runtimeFixture.js';

const pretty = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`;
const file = (key: string) => `integrations/${key}/manifest.json`;

describe.each(['pglite', 'postgresql'] as const)('sync faults on %s', (driver) => {
  let repo: TestRepo;
  let slot: DatabaseSlot;
  let runtime: Runtime;

  const execute = (sql: string) => runtime.db.orm.em.fork().getConnection().execute(sql);
  const attributesOf = async (key: string) =>
    (await runtime.db.catalog.getDefinition('integration', key))?.entityTypes[0]?.attributes.map(
      (a) => a.key,
    );

  beforeAll(async () => {
    repo = await createTestRepo();
    await repo.commit({
      [file('alpha')]: pretty(integrationManifest({ key: 'alpha' })),
      [file('beta')]: pretty(integrationManifest({ key: 'beta' })),
      [file('gamma')]: pretty(integrationManifest({ key: 'gamma' })),
    });
    await repo.push();
    slot = await databaseSlot(driver);
    runtime = await openRuntime({ ...slot.env, REGSYNC_REGISTRY: repo.url });
    expect((await runtime.engine.run({ trigger: 'startup' })).counts.added).toBe(3);
  });

  afterAll(async () => {
    await runtime?.close();
    await slot?.dispose();
    await repo?.cleanup();
  });

  it('records an unreachable remote as a failed, retryable run and keeps the catalog', async () => {
    const moved = `${repo.remote}.away`;
    await repo.commit({
      [file('alpha')]: pretty(integrationManifest({ key: 'alpha', extraAttributes: ['phone'] })),
    });
    await repo.push();
    await rename(repo.remote, moved);
    try {
      const failed = await runtime.engine.run({ trigger: 'schedule' });
      expect(failed).toMatchObject({ status: 'failed', reason: 'SourceUnreachable' });
      expect(await runtime.db.catalog.getSyncRun(failed.id)).toMatchObject({
        status: 'failed',
        reason: 'SourceUnreachable',
      });
      expect(await attributesOf('alpha')).toEqual(['id', 'email']);
    } finally {
      await rename(moved, repo.remote);
    }
    const recovered = await runtime.engine.run({ trigger: 'schedule' });
    expect(recovered).toMatchObject({ status: 'succeeded' });
    expect(recovered.counts).toMatchObject({ updated: 1 });
    expect(await attributesOf('alpha')).toEqual(['id', 'email', 'phone']);
  });

  it('rolls back a manifest whose write fails mid-sync, and the next run completes', async () => {
    const before = await runtime.db.store.lastSyncedRevision();
    const betaBefore = await runtime.db.catalog.getDefinition('integration', 'beta');
    // The database refuses one attribute: a real constraint violation inside the transaction
    // that writes beta's children, after its definition row was already updated.
    await execute(`alter table attribute add constraint regsync_test_no_fax check (key <> 'fax')`);
    await repo.commit({
      [file('beta')]: pretty(integrationManifest({ key: 'beta', extraAttributes: ['fax'] })),
      [file('gamma')]: pretty(integrationManifest({ key: 'gamma', extraAttributes: ['mobile'] })),
    });
    await repo.push();
    try {
      const failed = await runtime.engine.run({ trigger: 'manual' });
      expect(failed).toMatchObject({ status: 'failed', reason: 'StoreFailed' });
      expect(failed.message).toContain('applyChanges');
      expect(await runtime.db.store.lastSyncedRevision()).toBe(before);
      const betaAfter = await runtime.db.catalog.getDefinition('integration', 'beta');
      expect(betaAfter?.checksum).toBe(betaBefore?.checksum);
      expect(betaAfter?.entityTypes[0]?.attributes.map((a) => a.key)).toEqual(['id', 'email']);
    } finally {
      await execute('alter table attribute drop constraint regsync_test_no_fax');
    }
    const next = await runtime.engine.run({ trigger: 'schedule' });
    expect(next).toMatchObject({ status: 'succeeded' });
    expect(next.counts.updated + next.counts.unchanged).toBe(2);
    expect(await attributesOf('beta')).toEqual(['id', 'email', 'fax']);
    expect(await attributesOf('gamma')).toEqual(['id', 'email', 'mobile']);
  });
});
