/**
 * A workspace is never silently moved to another source's template of the same key (issue 14),
 * over real HTTP on PGlite and PostgreSQL: two bare Git repositories (upstream, and an overlay
 * with the right to override the template) in REGSYNC_SOURCES_FILE. A workspace installed from
 * upstream records upstream; once the overlay replaces the template, its changes name both
 * sources and its upgrade is refused (409 TEMPLATE_SOURCE_CHANGED) until the request accepts
 * the overlay by name, after which the workspace records the overlay. A workspace whose
 * template's source did not change upgrades as before.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS } from '../../helpers/databases.js';
import { createTestRepo, type TestRepo } from '../../helpers/gitRepos.js';
import { integrationManifest, templateManifest } from '../../helpers/manifests.js';
import {
  expectDocumented,
  startUserDataService,
  type UserDataHarness,
} from '../connections/userDataService.js';

const pretty = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`;
const TEMPLATE = 'templates/tg-crm/manifest.json';

interface Workspace {
  id: string;
  templates: Array<{ key: string; checksum: string; source: string }>;
  entityTypes: Array<{ key: string; attributes: Array<{ key: string }> }>;
}
interface Version {
  checksum: string;
  source: string;
}
interface Changes {
  installed: Version;
  current: Version;
  sourceChange: { rule: string; from: string; to: string; message: string } | null;
  changes: Array<{ element: string; key: string; status: string }>;
  applied?: Array<{ key: string }>;
}

describe.each(DRIVERS)('template source of a workspace on %s', (driver) => {
  let upstream: TestRepo;
  let overlay: TestRepo;
  let dir: string;
  let h: UserDataHarness;

  const call = async <T>(method: string, path: string, body?: unknown) => {
    const res = await h.as('tess', `/api/v1/workspaces${path}`, {
      method,
      ...(body !== undefined ? { body } : {}),
    });
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      body: (await res.json()) as T,
    };
  };
  const sync = async () => {
    const run = await h.service.http.sync.start({ trigger: 'manual' }).done;
    expect(run.status).toBe('succeeded');
  };
  const attributes = (ws: Workspace) =>
    ws.entityTypes.find((et) => et.key === 'account')?.attributes.map((a) => a.key);

  beforeAll(async () => {
    upstream = await createTestRepo({ [TEMPLATE]: pretty(templateManifest('tg-crm')) });
    overlay = await createTestRepo({
      'integrations/tg-extra/manifest.json': pretty(integrationManifest({ key: 'tg-extra' })),
    });
    dir = await mkdtemp(join(tmpdir(), 'regsync-tplsource-'));
    await writeFile(
      join(dir, 'sources.json'),
      JSON.stringify({
        sources: [
          { name: 'upstream', url: upstream.url },
          { name: 'acme', url: overlay.url, override: ['templates/tg-crm'] },
        ],
      }),
    );
    h = await startUserDataService(
      driver,
      {},
      {
        repo: upstream,
        serviceEnv: {
          REGSYNC_REGISTRY: '',
          REGSYNC_SOURCES_FILE: join(dir, 'sources.json'),
          REGSYNC_LOG_LEVEL: 'warn',
        },
      },
    );
  }, 60_000);

  afterAll(async () => {
    await h?.close();
    await upstream?.cleanup();
    await overlay?.cleanup();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('refuses to move a workspace to an overriding source until the move is accepted by name', async () => {
    const moving = (await call<Workspace>('POST', '', { name: 'Moving' })).body.id;
    const staying = (await call<Workspace>('POST', '', { name: 'Staying' })).body.id;
    for (const id of [moving, staying]) {
      const installed = await call<Workspace>('POST', `/${id}/templates`, { template: 'tg-crm' });
      expect(installed.status).toBe(201);
      expect(installed.body.templates).toMatchObject([{ key: 'tg-crm', source: 'upstream' }]);
      expectDocumented('Workspace', installed.body);
    }

    // Same source, new version: the upgrade behaves as before and the source stays.
    await upstream.commit({ [TEMPLATE]: pretty(templateManifest('tg-crm', ['plan'])) });
    await upstream.push();
    await sync();
    const same = await call<Changes>('POST', `/${staying}/templates/tg-crm/upgrade`);
    expect(same.status).toBe(200);
    expectDocumented('TemplateUpgrade', same.body);
    expect(same.body.sourceChange).toBeNull();
    expect(same.body.applied?.map((c) => c.key)).toEqual(['plan']);
    expect(same.body.installed.source).toBe('upstream');

    // The overlay, which has the right to, now serves its own tg-crm.
    await overlay.commit({ [TEMPLATE]: pretty(templateManifest('tg-crm', ['acmeTier'])) });
    await overlay.push();
    await sync();
    const served = await h.as(undefined, '/api/v1/templates/tg-crm');
    expect(((await served.json()) as { origin: string }).origin).toBe('acme');

    const preview = await call<Changes>('GET', `/${moving}/templates/tg-crm/changes`);
    expect(preview.status).toBe(200);
    expectDocumented('TemplateChanges', preview.body);
    expect(preview.body.installed.source).toBe('upstream');
    expect(preview.body.current.source).toBe('acme');
    expect(preview.body.sourceChange).toMatchObject({
      rule: 'template-source-changed',
      from: 'upstream',
      to: 'acme',
    });
    expect(preview.body.sourceChange?.message).toContain('"upstream"');
    expect(preview.body.sourceChange?.message).toContain('"acme"');

    const before = (await call<Workspace>('GET', `/${moving}`)).body;
    for (const body of [undefined, { acceptSource: 'upstream' }]) {
      const refused = await call<{ code: string; detail: string; errors: unknown[] }>(
        'POST',
        `/${moving}/templates/tg-crm/upgrade`,
        body,
      );
      expect(refused.status).toBe(409);
      expect(refused.type).toContain('application/problem+json');
      expectDocumented('Problem', refused.body);
      expect(refused.body).toMatchObject({
        code: 'TEMPLATE_SOURCE_CHANGED',
        errors: [{ pointer: '/acceptSource', rule: 'template-source-changed' }],
      });
      expect(refused.body.detail).toContain('"upstream"');
      expect(refused.body.detail).toContain('"acme"');
    }
    const after = (await call<Workspace>('GET', `/${moving}`)).body;
    expect(after.templates).toEqual(before.templates);
    expect(attributes(after)).toEqual(['id']);

    const moved = await call<Changes>('POST', `/${moving}/templates/tg-crm/upgrade`, {
      acceptSource: 'acme',
    });
    expect(moved.status).toBe(200);
    expect(moved.body.applied?.map((c) => c.key)).toEqual(['acmeTier']);
    expect(moved.body.installed.source).toBe('acme');
    const now = (await call<Workspace>('GET', `/${moving}`)).body;
    expect(now.templates).toMatchObject([{ key: 'tg-crm', source: 'acme' }]);
    expect(attributes(now)).toEqual(['id', 'acmeTier']);
    // Recorded: the next preview is a plain same-source one.
    const settled = await call<Changes>('GET', `/${moving}/templates/tg-crm/changes`);
    expect(settled.body.sourceChange).toBeNull();
    const again = await call<Changes>('POST', `/${moving}/templates/tg-crm/upgrade`);
    expect(again.status).toBe(200);
  }, 60_000);
});
