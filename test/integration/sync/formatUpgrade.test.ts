/**
 * The format is a public API: a registry still written in format 1.0 syncs (upgraded in
 * memory, and the run says so), and after `regsync upgrade` rewrites it to 1.1 the catalog
 * serves exactly the same thing, with no write at all.
 */
import { SUPPORTED_MANIFEST_VERSIONS } from '../../../src/manifest/types.js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/program.js';
import type { Runtime } from '../../../src/main.js';
import { createTestRepo, git, type TestRepo } from '../../helpers/gitRepos.js';
import { integrationManifest, templateManifest } from '../../helpers/manifests.js';
import { databaseSlot, openRuntime, type DatabaseSlot } from './runtimeFixture.js';

const FIXTURE = new URL(
  '../../fixtures/valid/integrations/acme-crm/manifest.json',
  import.meta.url,
);

/** Everything the catalog serves for the registry, as one comparable value. */
async function catalogOutput(runtime: Runtime): Promise<unknown> {
  const out: Record<string, unknown> = {};
  for (const kind of ['integration', 'template'] as const) {
    const page = await runtime.db.catalog.listDefinitions({ kind, limit: 100 });
    for (const summary of page.items)
      out[`${kind}/${summary.key}`] = await runtime.db.catalog.getDefinition(kind, summary.key);
  }
  out.entityTypes = await runtime.db.catalog.listEntityTypes();
  return JSON.parse(JSON.stringify(out));
}

describe('a 1.0 registry, synced, then upgraded to the current format', () => {
  let repo: TestRepo;
  let slot: DatabaseSlot;
  let runtime: Runtime;

  beforeAll(async () => {
    repo = await createTestRepo();
    await repo.commit({
      'integrations/acme-crm/manifest.json': await readFile(FIXTURE, 'utf8'),
      'integrations/globex/manifest.json': `${JSON.stringify(integrationManifest({ key: 'globex' }), null, 4)}\n`,
      'templates/starter/manifest.json': `${JSON.stringify(templateManifest('starter'), null, '\t')}\n`,
    });
    await repo.push();
    slot = await databaseSlot('postgresql');
    runtime = await openRuntime({ ...slot.env, REGSYNC_REGISTRY: repo.url });
  });

  afterAll(async () => {
    await runtime?.close();
    await slot?.dispose();
    await repo?.cleanup();
  });

  it('serves identical catalog output before and after the files are rewritten', async () => {
    const first = await runtime.engine.run({ trigger: 'startup' });
    expect(first.counts).toMatchObject({ added: 3, invalid: 0 });
    expect(first.upgraded).toEqual([
      { path: 'integrations/acme-crm/manifest.json', from: '1.0' },
      { path: 'integrations/globex/manifest.json', from: '1.0' },
      { path: 'templates/starter/manifest.json', from: '1.0' },
    ]);
    expect((await runtime.db.catalog.getSyncRun(first.id))?.upgraded).toHaveLength(3);
    const served = await runtime.db.catalog.getDefinition('integration', 'globex');
    expect(served?.document).toMatchObject({
      manifestVersion: SUPPORTED_MANIFEST_VERSIONS.at(-1),
      integration: { authKinds: ['api-key'] },
    });
    const before = await catalogOutput(runtime);

    let stdout = '';
    const code = await runCli(['upgrade', '.'], {
      stdout: (t) => void (stdout += t),
      stderr: () => undefined,
      stdin: new PassThrough(),
      isTty: false,
      env: {},
      cwd: repo.work,
    });
    expect(code).toBe(0);
    expect(stdout).toContain('3 upgraded');
    const rewritten = await readFile(join(repo.work, 'integrations/globex/manifest.json'), 'utf8');
    expect(rewritten).toContain('        "authKinds": [');
    expect(rewritten).not.toContain('"authKind"');
    await git(repo.work, 'add', '-A');
    await git(repo.work, 'commit', '-q', '-m', 'regsync upgrade');
    await repo.push();

    const second = await runtime.engine.run({ trigger: 'manual' });
    expect(second.status).toBe('succeeded');
    expect(second.toRevision).not.toBe(first.toRevision);
    expect(second.counts).toEqual({ added: 0, updated: 0, unchanged: 3, removed: 0, invalid: 0 });
    expect(second.upgraded).toEqual([]);
    expect(await catalogOutput(runtime)).toEqual(before);
  });
});
