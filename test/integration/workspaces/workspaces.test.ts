/**
 * Workspaces over real HTTP, on PGlite and on PostgreSQL: install the bundled saas-startup
 * template, edit the copy, change the template in the registry (a real commit, synced), read
 * the three-way changes and upgrade: non-conflicting upstream changes applied, the workspace's
 * edits kept, one conflict reported and not applied, a second upgrade changing nothing.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attribute, TemplateManifest } from '../../../src/manifest/types.js';
import { DRIVERS } from '../../helpers/databases.js';
import {
  expectDocumented,
  startUserDataService,
  type UserDataHarness,
} from '../connections/userDataService.js';

interface Workspace {
  id: string;
  ownerId: string;
  templates: Array<{ key: string; checksum: string; revision: string; upgradedAt: string | null }>;
  entityTypes: Array<{
    key: string;
    source: string;
    readonly: boolean;
    origin: { kind: string; key: string } | null;
    attributes: Array<Attribute & { source: string; readonly: boolean }>;
  }>;
  relationships: Array<{ key: string; semantic?: { definition?: string } }>;
}
interface Change {
  element: string;
  entityType?: string;
  key: string;
  change: string;
  status: string;
  reason?: string;
}
interface Changes {
  changes: Change[];
  counts: Record<string, number>;
  applied?: Change[];
  conflicts?: Change[];
}

describe.each(DRIVERS)('workspaces on %s', (driver) => {
  let h: UserDataHarness;
  beforeAll(async () => {
    h = await startUserDataService(driver);
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  const call = async <T>(
    user: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> => {
    const res = await h.as(user, `/api/v1/workspaces${path}`, {
      method,
      ...(body !== undefined ? { body } : {}),
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const type = (ws: Workspace, key: string) => ws.entityTypes.find((et) => et.key === key);
  const attr = (ws: Workspace, et: string, key: string) =>
    type(ws, et)?.attributes.find((a) => a.key === key);

  it('installs a template, takes edits, and upgrades after a registry change with one conflict', async () => {
    const created = await call<Workspace>('olga', 'POST', '', { name: 'Olga Inc' });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body.ownerId).toBe('olga');

    const installed = await call<Workspace>('olga', 'POST', `/${id}/templates`, {
      template: 'saas-startup',
    });
    expect(installed.status).toBe(201);
    expectDocumented('Workspace', installed.body);
    expect(installed.body.templates).toEqual([
      expect.objectContaining({ key: 'saas-startup', checksum: expect.stringMatching(/^sha256:/) }),
    ]);
    expect(type(installed.body, 'account')).toMatchObject({
      source: 'TEMPLATE',
      readonly: false,
      origin: { kind: 'template', key: 'saas-startup' },
    });
    expect(attr(installed.body, 'account', 'healthScore')).toMatchObject({
      dataType: 'integer',
      source: 'TEMPLATE',
      readonly: false,
    });
    expect(
      (await call<unknown>('olga', 'POST', `/${id}/templates`, { template: 'saas-startup' }))
        .status,
    ).toBe(409);

    // The workspace's own edits: a retype, an added attribute, a rename.
    expect(
      (
        await call('olga', 'PATCH', `/${id}/entity-types/account/attributes/healthScore`, {
          dataType: 'number',
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call('olga', 'POST', `/${id}/entity-types/account/attributes`, {
          key: 'tier',
          dataType: 'string',
        })
      ).status,
    ).toBe(201);
    const renamed = await call<Workspace>(
      'olga',
      'PATCH',
      `/${id}/entity-types/account/attributes/industry`,
      { key: 'sector' },
    );
    expect(renamed.status).toBe(200);
    expect(attr(renamed.body, 'account', 'sector')).toBeDefined();
    expect(attr(renamed.body, 'account', 'industry')).toBeUndefined();

    // Upstream: a real commit to the registry, synced.
    const path = 'templates/saas-startup/manifest.json';
    const doc = JSON.parse(await readFile(join(h.repo.work, path), 'utf8')) as TemplateManifest;
    const account = doc.entityTypes.find((et) => et.key === 'account')!;
    const plan = doc.entityTypes.find((et) => et.key === 'plan')!;
    account.attributes.find((a) => a.key === 'healthScore')!.validation = {
      minimum: 0,
      maximum: 10,
    }; // conflicts with the retype
    account.attributes.find((a) => a.key === 'segment')!.enumValues!.push('startup');
    account.attributes.splice(account.attributes.findIndex((a) => a.key === 'domain') + 1, 0, {
      key: 'website',
      dataType: 'string',
      validation: { format: 'uri' },
    });
    plan.attributes = plan.attributes.filter((a) => a.key !== 'isActive');
    doc.relationships!.find((r) => r.key === 'userAccount')!.semantic = {
      definition: 'Each user belongs to exactly one account.',
    };
    doc.entityTypes.push({
      key: 'feature',
      displayName: 'Feature',
      attributes: [
        { key: 'id', dataType: 'string', required: true },
        { key: 'name', dataType: 'string' },
      ],
    });
    await h.commitAndSync({ [path]: JSON.stringify(doc, null, 2) });

    const changes = await call<Changes>('olga', 'GET', `/${id}/templates/saas-startup/changes`);
    expect(changes.status).toBe(200);
    expectDocumented('TemplateChanges', changes.body);
    const pick = (list: Change[]) =>
      list
        .map(
          (c) =>
            `${c.element}:${c.entityType ? `${c.entityType}.` : ''}${c.key}:${c.change}:${c.status}`,
        )
        .sort();
    expect(pick(changes.body.changes)).toEqual(
      [
        'attribute:account.healthScore:changed:conflict',
        'attribute:account.segment:changed:applicable',
        'attribute:account.website:added:applicable',
        'attribute:plan.isActive:removed:applicable',
        'relationship:userAccount:changed:applicable',
        'entityType:feature:added:applicable',
        'attribute:feature.id:added:applicable',
        'attribute:feature.name:added:applicable',
      ].sort(),
    );
    expect(changes.body.counts).toEqual({ applicable: 7, alreadyApplied: 0, conflict: 1 });

    const upgraded = await call<Changes & Workspace>(
      'olga',
      'POST',
      `/${id}/templates/saas-startup/upgrade`,
    );
    expect(upgraded.status).toBe(200);
    expectDocumented('TemplateUpgrade', upgraded.body);
    expect(pick(upgraded.body.conflicts!)).toEqual([
      'attribute:account.healthScore:changed:conflict',
    ]);
    expect(upgraded.body.conflicts![0]?.reason).toMatch(/workspace changed/);
    expect(upgraded.body.applied).toHaveLength(7);

    const after = (await call<Workspace>('olga', 'GET', `/${id}`)).body;
    expect(attr(after, 'account', 'healthScore')).toMatchObject({ dataType: 'number' });
    expect(attr(after, 'account', 'healthScore')?.validation).toEqual({ minimum: 0, maximum: 100 });
    expect(attr(after, 'account', 'segment')?.enumValues).toContain('startup');
    expect(
      type(after, 'account')!
        .attributes.map((a) => a.key)
        .slice(0, 4),
    ).toEqual(['id', 'name', 'domain', 'website']);
    expect(attr(after, 'account', 'tier')).toMatchObject({ source: 'RUNTIME' });
    expect(attr(after, 'account', 'sector')).toBeDefined();
    expect(attr(after, 'account', 'industry')).toBeUndefined();
    expect(attr(after, 'plan', 'isActive')).toBeUndefined();
    expect(type(after, 'feature')).toMatchObject({
      source: 'TEMPLATE',
      origin: { kind: 'template', key: 'saas-startup' },
    });
    expect(after.relationships.find((r) => r.key === 'userAccount')?.semantic?.definition).toBe(
      'Each user belongs to exactly one account.',
    );
    expect(after.templates[0]?.upgradedAt).not.toBeNull();

    // Idempotent: nothing more to apply, the same conflict, the same model.
    const again = await call<Changes>('olga', 'POST', `/${id}/templates/saas-startup/upgrade`);
    expect(again.body.applied).toEqual([]);
    expect(pick(again.body.conflicts!)).toEqual(['attribute:account.healthScore:changed:conflict']);
    const still = (await call<Workspace>('olga', 'GET', `/${id}`)).body;
    expect({ ...still, updatedAt: undefined }).toEqual({ ...after, updatedAt: undefined });
    expect(
      pick(
        (await call<Changes>('olga', 'GET', `/${id}/templates/saas-startup/changes`)).body.changes,
      ),
    ).toEqual(['attribute:account.healthScore:changed:conflict']);

    // Resolving by taking theirs: the edit makes it already applied, the next upgrade settles it.
    await call('olga', 'PATCH', `/${id}/entity-types/account/attributes/healthScore`, {
      dataType: 'integer',
      validation: { minimum: 0, maximum: 10 },
    });
    expect(
      pick(
        (await call<Changes>('olga', 'GET', `/${id}/templates/saas-startup/changes`)).body.changes,
      ),
    ).toEqual(['attribute:account.healthScore:changed:alreadyApplied']);
    expect(
      (await call<Changes>('olga', 'POST', `/${id}/templates/saas-startup/upgrade`)).body.conflicts,
    ).toEqual([]);
    expect(
      (await call<Changes>('olga', 'GET', `/${id}/templates/saas-startup/changes`)).body.changes,
    ).toEqual([]);
  });

  it('settles chosen conflicts in the upgrade request: ours keeps the edit, theirs takes upstream', async () => {
    const id = (await call<Workspace>('olga', 'POST', '', { name: 'Olga Labs' })).body.id;
    expect(
      (await call('olga', 'POST', `/${id}/templates`, { template: 'saas-startup' })).status,
    ).toBe(201);
    const edit = (key: string, patch: object) =>
      call('olga', 'PATCH', `/${id}/entity-types/account/attributes/${key}`, patch);
    expect((await edit('healthScore', { dataType: 'number' })).status).toBe(200);
    expect((await edit('domain', { validation: { maxLength: 100 } })).status).toBe(200);

    const path = 'templates/saas-startup/manifest.json';
    const doc = JSON.parse(await readFile(join(h.repo.work, path), 'utf8')) as TemplateManifest;
    const account = doc.entityTypes.find((et) => et.key === 'account')!;
    account.attributes.find((a) => a.key === 'healthScore')!.validation = {
      minimum: 0,
      maximum: 100,
    };
    account.attributes.find((a) => a.key === 'domain')!.validation = { maxLength: 253 };
    await h.commitAndSync({ [path]: JSON.stringify(doc, null, 2) });
    const url = `/${id}/templates/saas-startup/upgrade`;
    const conflictKeys = async () =>
      (await call<Changes>('olga', 'GET', `/${id}/templates/saas-startup/changes`)).body.changes
        .filter((c) => c.status === 'conflict')
        .map((c) => c.key)
        .sort();
    expect(await conflictKeys()).toEqual(['domain', 'healthScore']);
    const before = (await call<Workspace>('olga', 'GET', `/${id}`)).body;

    // A choice that matches no conflict refuses the whole upgrade, with its pointer.
    const bad = await call<{ code: string; errors: Array<{ pointer: string }> }>(
      'olga',
      'POST',
      url,
      {
        resolve: [
          { element: 'attribute', entityType: 'account', key: 'healthScore', take: 'ours' },
          { element: 'attribute', entityType: 'account', key: 'nope', take: 'theirs' },
        ],
      },
    );
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      code: 'RESOLUTION_INVALID',
      errors: [{ pointer: '/resolve/1' }],
    });
    const schemaBad = await call<{ errors: Array<{ pointer: string }> }>('olga', 'POST', url, {
      resolve: [{ element: 'attribute', key: 'x', take: 'mine' }],
    });
    expect(schemaBad.status).toBe(400);
    const unchanged = (await call<Workspace>('olga', 'GET', `/${id}`)).body;
    expect({ ...unchanged, updatedAt: undefined }).toEqual({ ...before, updatedAt: undefined });

    const settled = await call<Changes & { resolved: Array<Change & { resolution: string }> }>(
      'olga',
      'POST',
      url,
      {
        resolve: [
          { element: 'attribute', entityType: 'account', key: 'healthScore', take: 'ours' },
          { element: 'attribute', entityType: 'account', key: 'domain', take: 'theirs' },
        ],
      },
    );
    expect(settled.status).toBe(200);
    expectDocumented('TemplateUpgrade', settled.body);
    expect(settled.body.resolved.map((c) => `${c.key}:${c.resolution}`).sort()).toEqual([
      'domain:theirs',
      'healthScore:ours',
    ]);
    expect(settled.body.conflicts).toEqual([]);
    const after = (await call<Workspace>('olga', 'GET', `/${id}`)).body;
    expect(attr(after, 'account', 'healthScore')).toMatchObject({ dataType: 'number' });
    expect(attr(after, 'account', 'domain')?.validation).toEqual({ maxLength: 253 });
    // Settled for good: nothing is reported any more, and a plain upgrade changes nothing.
    expect(await conflictKeys()).toEqual([]);
    expect((await call<Changes>('olga', 'POST', url)).body.conflicts).toEqual([]);
  });

  it('refuses edits of readonly integration entity types with 409 READONLY_COPY', async () => {
    const id = (await call<Workspace>('pete', 'POST', '', { name: 'Pete' })).body.id;
    const added = await call<Workspace>('pete', 'POST', `/${id}/integrations`, {
      integration: 'threema',
    });
    expect(added.status).toBe(201);
    const et = added.body.entityTypes[0]!;
    expect(et).toMatchObject({
      source: 'MANIFEST',
      readonly: true,
      origin: { kind: 'integration', key: 'threema' },
    });
    const attempts = [
      await h.as(
        'pete',
        `/api/v1/workspaces/${id}/entity-types/${et.key}/attributes/${et.attributes[0]!.key}`,
        { method: 'PATCH', body: { dataType: 'json' } },
      ),
      await h.as('pete', `/api/v1/workspaces/${id}/entity-types/${et.key}/attributes`, {
        method: 'POST',
        body: { key: 'extra', dataType: 'string' },
      }),
      await h.as('pete', `/api/v1/workspaces/${id}/entity-types/${et.key}`, { method: 'DELETE' }),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(409);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(((await res.json()) as { code: string }).code).toBe('READONLY_COPY');
    }
  });

  it('validates edits with the manifest rules and answers with the pointer into the model', async () => {
    const id = (await call<Workspace>('quinn', 'POST', '', { name: 'Quinn' })).body.id;
    await call('quinn', 'POST', `/${id}/templates`, { template: 'saas-startup' });
    const res = await call<{ code: string; errors: Array<{ pointer: string; rule: string }> }>(
      'quinn',
      'POST',
      `/${id}/entity-types/account/attributes`,
      {
        key: 'owner',
        dataType: 'reference',
        references: 'nobody',
      },
    );
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('MODEL_INVALID');
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        pointer: expect.stringMatching(/^\/model\/entityTypes\/0\/attributes\/\d+\/references$/),
      }),
    ]);
    const enumWithout = await call<{ errors: Array<{ pointer: string }> }>(
      'quinn',
      'PATCH',
      `/${id}/entity-types/account/attributes/name`,
      { dataType: 'enum' },
    );
    expect(enumWithout.status).toBe(400);
  });

  it("keeps one user's workspace from another (404) and needs the proxy (401)", async () => {
    const id = (await call<Workspace>('rita', 'POST', '', { name: 'Rita' })).body.id;
    expect((await call('sam', 'GET', `/${id}`)).status).toBe(404);
    expect(
      (await call('sam', 'POST', `/${id}/templates`, { template: 'saas-startup' })).status,
    ).toBe(404);
    expect((await call<{ items: unknown[] }>('sam', 'GET', '')).body.items).toEqual([]);
    expectDocumented('WorkspaceList', (await call('rita', 'GET', '')).body);
    expect((await h.as(undefined, `/api/v1/workspaces/${id}`)).status).toBe(401);
    expect((await call('rita', 'GET', `/${id}`)).status).toBe(200);
  });

  it('serialises concurrent edits of one workspace: none is lost', async () => {
    const id = (await call<Workspace>('tom', 'POST', '', { name: 'Tom' })).body.id;
    await call('tom', 'POST', `/${id}/templates`, { template: 'saas-startup' });
    const keys = ['c1', 'c2', 'c3', 'c4', 'c5'];
    const results = await Promise.all(
      keys.map((key) =>
        call('tom', 'POST', `/${id}/entity-types/plan/attributes`, { key, dataType: 'string' }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const plan = type((await call<Workspace>('tom', 'GET', `/${id}`)).body, 'plan')!;
    expect(
      plan.attributes
        .map((a) => a.key)
        .filter((k) => keys.includes(k))
        .sort(),
    ).toEqual(keys);
  });
});
