/**
 * Layered registries end to end (issue 14), on both databases: an upstream and an overlay
 * as bare Git repositories and a plain folder on top, followed through the production
 * composition (createRuntime) with REGSYNC_REGISTRY as a list. Each step asserts what is
 * served, from which source, and what each source's run recorded.
 */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../../src/main.js';
import type { SyncRunRecord } from '../../../src/sync/ports.js';
import { createTestRepo, type TestRepo } from '../../helpers/gitRepos.js';
import { integrationManifest } from '../../helpers/manifests.js';
import { databaseSlot, openRuntime, type DatabaseSlot } from '../sync/runtimeFixture.js';

const pretty = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`;
const file = (key: string) => `integrations/${key}/manifest.json`;

async function states(runtime: Runtime, path: string) {
  const rows = (await runtime.db.orm.em
    .fork()
    .getConnection()
    .execute(
      `select "origin", "state", "findings" from "manifest_state" where "path" = ? order by "origin"`,
      [path],
    )) as Array<{
    origin: string;
    state: string;
    findings: Array<{ rule: string; message: string }>;
  }>;
  return rows;
}

describe.each(['pglite', 'postgresql'] as const)('layered registries on %s', (driver) => {
  let upstream: TestRepo;
  let overlay: TestRepo;
  let folderRoot: string;
  let folder: string;
  let slot: DatabaseSlot;
  let runtime: Runtime;
  const sync = (): Promise<SyncRunRecord> => runtime.engine.run({ trigger: 'manual' });
  const writeFolder = async (path: string, text: string) => {
    await mkdir(dirname(join(folder, path)), { recursive: true });
    await writeFile(join(folder, path), text);
  };

  beforeAll(async () => {
    upstream = await createTestRepo();
    await upstream.commit({
      [file('alpha')]: pretty(integrationManifest({ key: 'alpha' })),
      [file('beta')]: pretty(integrationManifest({ key: 'beta' })),
    });
    await upstream.push();
    overlay = await createTestRepo();
    await overlay.commit({ [file('gamma')]: pretty(integrationManifest({ key: 'gamma' })) });
    await overlay.push();
    folderRoot = await mkdtemp(join(tmpdir(), 'regsync-layers-'));
    folder = join(folderRoot, 'local');
    await writeFolder(file('delta'), pretty(integrationManifest({ key: 'delta' })));
    slot = await databaseSlot(driver);
    runtime = await openRuntime({
      ...slot.env,
      REGSYNC_REGISTRY: `${upstream.url},${overlay.url},${folder}`,
    });
  });

  afterAll(async () => {
    await runtime?.close();
    await slot?.dispose();
    await upstream?.cleanup();
    await overlay?.cleanup();
    if (folderRoot) await rm(folderRoot, { recursive: true, force: true });
  });

  it('names the sources of the list in order', () => {
    expect(runtime.engine.layers.map((l) => [l.info.name, l.info.origin])).toEqual([
      ['remote', 'primary'],
      ['remote-2', 'remote-2'],
      ['local', 'local'],
    ]);
  });

  it('serves the keys the overlay and the folder add beside upstream', async () => {
    const run = await sync();
    expect(run.status).toBe('succeeded');
    expect(run.counts).toMatchObject({ added: 4, invalid: 0 });
    expect(run.sources?.map((s) => [s.name, s.status, s.counts.added])).toEqual([
      ['remote', 'succeeded', 2],
      ['remote-2', 'succeeded', 1],
      ['local', 'succeeded', 1],
    ]);
    for (const [key, origin] of [
      ['alpha', 'primary'],
      ['beta', 'primary'],
      ['gamma', 'remote-2'],
      ['delta', 'local'],
    ] as const) {
      const d = await runtime.db.catalog.getDefinition('integration', key);
      expect(d?.origin, key).toBe(origin);
    }
    expect(run.toRevision).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('records a key-collision when the overlay redefines an upstream key without the right', async () => {
    await overlay.commit({
      [file('alpha')]: pretty(integrationManifest({ key: 'alpha', name: 'Overlay Alpha' })),
    });
    await overlay.push();
    const run = await sync();
    const overlayRun = run.sources?.find((s) => s.name === 'remote-2');
    expect(overlayRun).toMatchObject({ status: 'succeeded', counts: { invalid: 1, added: 0 } });
    const served = await runtime.db.catalog.getDefinition('integration', 'alpha');
    expect(served).toMatchObject({ origin: 'primary', name: 'ALPHA' });
    const rows = await states(runtime, file('alpha'));
    expect(rows.map((r) => [r.origin, r.state])).toEqual([
      ['primary', 'active'],
      ['remote-2', 'invalid'],
    ]);
    const finding = rows[1]?.findings[0];
    expect(finding?.rule).toBe('key-collision');
    expect(finding?.message).toContain('"remote-2" (integrations/alpha/manifest.json)');
    expect(finding?.message).toContain('"remote" (integrations/alpha/manifest.json)');
  });
});
