/**
 * Layered registries with REGSYNC_SOURCES_FILE (issue 14), on both databases: an allowed
 * override, a hidden upstream key, an override that goes away (the upstream copy is served
 * again), and one source down while the other changes (its manifests stay served, the
 * catalog revision moves with the source that moved).
 */
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../../src/main.js';
import { createTestRepo, type TestRepo } from '../../helpers/gitRepos.js';
import { integrationManifest } from '../../helpers/manifests.js';
import { databaseSlot, openRuntime, type DatabaseSlot } from '../sync/runtimeFixture.js';

const pretty = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`;
const file = (key: string) => `integrations/${key}/manifest.json`;

describe.each(['pglite', 'postgresql'] as const)('override and hide on %s', (driver) => {
  let upstream: TestRepo;
  let overlay: TestRepo;
  let dir: string;
  let slot: DatabaseSlot;
  let runtime: Runtime;
  const served = (key: string) => runtime.db.catalog.getDefinition('integration', key);
  const state = async (origin: string, key: string) => {
    const rows = (await runtime.db.orm.em
      .fork()
      .getConnection()
      .execute(`select "state", "detail" from "manifest_state" where "origin" = ? and "path" = ?`, [
        origin,
        file(key),
      ])) as Array<{ state: string; detail: string | null }>;
    return rows[0];
  };

  beforeAll(async () => {
    upstream = await createTestRepo();
    await upstream.commit({
      [file('alpha')]: pretty(integrationManifest({ key: 'alpha' })),
      [file('beta')]: pretty(integrationManifest({ key: 'beta' })),
      [file('zeta')]: pretty(integrationManifest({ key: 'zeta' })),
    });
    await upstream.push();
    overlay = await createTestRepo();
    await overlay.commit({
      [file('alpha')]: pretty(integrationManifest({ key: 'alpha', name: 'Acme Alpha' })),
      // A second manifest: removing the override is then one of two, which the source's own
      // deletion guard allows (removing all of a source's manifests it refuses).
      [file('kappa')]: pretty(integrationManifest({ key: 'kappa' })),
    });
    await overlay.push();
    dir = await mkdtemp(join(tmpdir(), 'regsync-rights-'));
    await writeFile(
      join(dir, 'sources.json'),
      JSON.stringify({
        sources: [
          { name: 'upstream', url: upstream.url },
          { name: 'acme', url: overlay.url, override: ['alpha'], hide: ['beta'] },
        ],
      }),
    );
    slot = await databaseSlot(driver);
    runtime = await openRuntime({ ...slot.env, REGSYNC_SOURCES_FILE: join(dir, 'sources.json') });
  });

  afterAll(async () => {
    await runtime?.close();
    await slot?.dispose();
    await upstream?.cleanup();
    await overlay?.cleanup();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('serves the allowed override and hides the hidden key', async () => {
    const run = await runtime.engine.run({ trigger: 'manual' });
    expect(run.status).toBe('succeeded');
    expect(await served('alpha')).toMatchObject({ origin: 'acme', name: 'Acme Alpha' });
    expect(await state('primary', 'alpha')).toEqual({
      state: 'shadowed',
      detail: 'overridden by source "acme" (integrations/alpha/manifest.json)',
    });
    expect(await served('beta')).toBeUndefined();
    expect(await state('primary', 'beta')).toEqual({
      state: 'shadowed',
      detail: 'hidden by source "acme"',
    });
    expect(await served('zeta')).toMatchObject({ origin: 'primary' });
  });

  it('serves the upstream copy again when the override goes away', async () => {
    await overlay.commit({
      [file('alpha')]: null,
      [file('omega')]: pretty(integrationManifest({ key: 'omega' })),
    });
    await overlay.push();
    const run = await runtime.engine.run({ trigger: 'manual' });
    expect(run.status).toBe('succeeded');
    expect(await served('alpha')).toMatchObject({ origin: 'primary', name: 'ALPHA' });
    expect(await state('primary', 'alpha')).toMatchObject({ state: 'active' });
    expect(await served('omega')).toMatchObject({ origin: 'acme' });
  });

  it('keeps a source that is down served while the other moves on, and the revision moves', async () => {
    const revisionBefore = await runtime.engine.catalogRevision();
    await rename(upstream.remote, `${upstream.remote}.away`);
    try {
      await overlay.commit({
        [file('omega')]: pretty(integrationManifest({ key: 'omega', name: 'Omega 2' })),
      });
      await overlay.push();
      const run = await runtime.engine.run({ trigger: 'manual' });
      expect(run.sources?.map((s) => [s.name, s.status])).toEqual([
        ['upstream', 'failed'],
        ['acme', 'succeeded'],
      ]);
      expect(run.status).toBe('failed');
      expect(await served('omega')).toMatchObject({ name: 'Omega 2' });
      expect(await served('zeta')).toMatchObject({ origin: 'primary' });
      expect(await served('alpha')).toMatchObject({ origin: 'primary' });
      const revisionAfter = await runtime.engine.catalogRevision();
      expect(revisionAfter).toMatch(/^sha256:/);
      expect(revisionAfter).not.toBe(revisionBefore);
    } finally {
      await rename(`${upstream.remote}.away`, upstream.remote);
    }
  });
});
