/**
 * The GitHub push webhook end to end: a signed push to the followed branch leads to the new
 * revision being served; bad and missing signatures, redeliveries, other branches, other
 * events, ping, and an instance without a webhook secret.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestRepo } from '../../helpers/gitRepos.js';
import {
  createRegistryRepo,
  deliver,
  pushPayload,
  sign,
  startService,
  type Service,
} from './service.js';

async function hubspotWithDescription(
  repo: TestRepo,
  description: string,
): Promise<Record<string, string>> {
  const { readFile } = await import('node:fs/promises');
  const manifest = JSON.parse(
    await readFile(`${repo.work}/integrations/hubspot/manifest.json`, 'utf8'),
  ) as { description: string };
  manifest.description = description;
  return { 'integrations/hubspot/manifest.json': `${JSON.stringify(manifest, null, 2)}\n` };
}

describe('GitHub webhook', () => {
  let repo: TestRepo;
  let service: Service;

  beforeAll(async () => {
    repo = await createRegistryRepo();
    service = await startService({ driver: 'pglite', repo });
  });
  afterAll(async () => {
    await service?.close();
    await repo?.cleanup();
  });

  it('answers ping', async () => {
    const res = await deliver(service, {
      event: 'ping',
      body: JSON.stringify({ zen: 'Keep it logically awesome.', hook_id: 1 }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'pong' });
  });

  it('a signed push to the followed branch syncs, and the new revision is served', async () => {
    const before = await service.fetch('/api/v1/integrations/hubspot');
    const oldEtag = before.headers.get('etag') ?? '';
    const oldRevision = ((await before.json()) as { revision: string }).revision;

    const sha = await repo.commit(
      await hubspotWithDescription(repo, 'HubSpot CRM, updated through a webhook.'),
      'describe hubspot',
    );
    await repo.push('main');
    const delivery = crypto.randomUUID();
    const res = await deliver(service, {
      event: 'push',
      delivery,
      body: pushPayload({ after: sha }),
    });
    expect(res.status).toBe(202);
    const accepted = (await res.json()) as { status: string; runId: string; delivery: string };
    expect(accepted).toMatchObject({ status: 'accepted', delivery });
    expect(res.headers.get('location')).toBe(`/api/v1/sync/runs/${accepted.runId}`);
    const run = await service.waitForRun(accepted.runId);
    expect(run).toMatchObject({
      status: 'succeeded',
      trigger: 'webhook',
      fromRevision: oldRevision,
      toRevision: sha,
    });
    expect(run.counts).toMatchObject({ updated: 1 });

    const status = (await (await service.fetch('/api/v1/sync')).json()) as { revision: string };
    expect(status.revision).toBe(sha);
    const after = await service.fetch('/api/v1/integrations/hubspot', {
      headers: { 'If-None-Match': oldEtag },
    });
    expect(after.status).toBe(200);
    const body = (await after.json()) as { description: string; revision: string };
    expect(body.description).toBe('HubSpot CRM, updated through a webhook.');
    expect(body.revision).toBe(sha);
    expect(after.headers.get('etag')).not.toBe(oldEtag);

    // The same delivery again (GitHub's "Redeliver") is recognised and starts nothing.
    const again = await deliver(service, {
      event: 'push',
      delivery,
      body: pushPayload({ after: sha }),
    });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: 'duplicate', delivery });
    expect(service.http.sync.running).toBe(false);
  });

  it('an invalid manifest is recorded with findings while its last good version stays served; a deleted one is removed', async () => {
    const served = (await (await service.fetch('/api/v1/integrations/hubspot')).json()) as {
      checksum: string;
      description: string;
    };
    const sha = await repo.commit(
      {
        'integrations/hubspot/manifest.json':
          '{ "manifestVersion": "1.0", "kind": "integration", "key": "hubspot" }\n',
        'integrations/threema/manifest.json': null,
      },
      'break hubspot, drop threema',
    );
    await repo.push('main');
    const res = await deliver(service, { event: 'push', body: pushPayload({ after: sha }) });
    const run = (await service.waitForRun(((await res.json()) as { runId: string }).runId)) as {
      status: string;
      counts: { invalid: number; removed: number };
      invalid: Array<{
        path: string;
        findings: Array<{ rule: string; severity: string; line: number }>;
      }>;
    };
    expect(run.status).toBe('succeeded');
    expect(run.counts).toMatchObject({ invalid: 1, removed: 1 });
    expect(run.invalid[0]?.path).toBe('integrations/hubspot/manifest.json');
    expect(run.invalid[0]?.findings.some((f) => f.severity === 'error' && f.line >= 1)).toBe(true);

    const manifests = (await (await service.fetch('/api/v1/manifests')).json()) as {
      counts: Record<string, number>;
      items: Array<{ path: string; state: string; checksum: string | null; findings: unknown[] }>;
    };
    expect(manifests.counts).toMatchObject({ invalid: 1, removed: 1 });
    const hubspot = manifests.items.find((m) => m.path === 'integrations/hubspot/manifest.json');
    expect(hubspot).toMatchObject({ state: 'invalid', checksum: served.checksum });
    expect(hubspot?.findings.length).toBeGreaterThan(0);
    expect(
      manifests.items.find((m) => m.path === 'integrations/threema/manifest.json')?.state,
    ).toBe('removed');
    const onlyInvalid = (await (await service.fetch('/api/v1/manifests?state=invalid')).json()) as {
      items: Array<{ path: string }>;
    };
    expect(onlyInvalid.items.map((m) => m.path)).toEqual(['integrations/hubspot/manifest.json']);

    const still = (await (await service.fetch('/api/v1/integrations/hubspot')).json()) as {
      checksum: string;
      description: string;
    };
    expect(still).toEqual(
      expect.objectContaining({ checksum: served.checksum, description: served.description }),
    );
    expect((await service.fetch('/api/v1/integrations/threema')).status).toBe(404);
    const metrics = await (await service.fetch('/metrics')).text();
    expect(metrics).toMatch(/^regsync_manifests\{state="invalid"\} 1$/m);
    expect(metrics).toMatch(/^regsync_manifests\{state="removed"\} 1$/m);
  });

  it('acknowledges and ignores pushes to other branches, tags and other events (202 with a reason)', async () => {
    const other = await deliver(service, {
      event: 'push',
      body: pushPayload({ ref: 'refs/heads/feature', after: 'a'.repeat(40) }),
    });
    expect(other.status).toBe(202);
    expect(await other.json()).toMatchObject({
      status: 'ignored',
      reason: expect.stringMatching(/feature/),
    });
    const tag = await deliver(service, {
      event: 'push',
      body: pushPayload({ ref: 'refs/tags/v1', after: 'a'.repeat(40) }),
    });
    expect(await tag.json()).toMatchObject({ status: 'ignored' });
    const issues = await deliver(service, {
      event: 'issues',
      body: JSON.stringify({ action: 'opened' }),
    });
    expect(issues.status).toBe(202);
    expect(await issues.json()).toMatchObject({
      status: 'ignored',
      reason: expect.stringMatching(/issues/),
    });
  });

  it('refuses a wrong or missing signature with 401, before parsing the body', async () => {
    const body = pushPayload({ after: 'b'.repeat(40) });
    const wrong = await deliver(service, {
      event: 'push',
      body,
      signature: sign(body, 'another-secret'),
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await wrong.json()).toMatchObject({
      status: 401,
      code: 'WEBHOOK_SIGNATURE_INVALID',
      instance: '/api/v1/webhooks/github',
    });
    const tampered = await deliver(service, {
      event: 'push',
      body: body.replace('main', 'mair'),
      signature: sign(body),
    });
    expect(tampered.status).toBe(401);
    const missing = await deliver(service, { event: 'push', body, signature: null });
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { detail: string }).detail).toMatch(/missing/);
    const malformedUnsigned = await deliver(service, {
      event: 'push',
      body: '{not json',
      signature: sign('{}'),
    });
    expect(malformedUnsigned.status).toBe(401);
    const malformedSigned = await deliver(service, { event: 'push', body: '{not json' });
    expect(malformedSigned.status).toBe(400);
  });
});

describe('webhook and admin calls without secrets configured', () => {
  let repo: TestRepo;
  let service: Service;

  beforeAll(async () => {
    repo = await createRegistryRepo();
    service = await startService({
      driver: 'postgresql',
      repo,
      env: { REGSYNC_WEBHOOK_SECRET: '', REGSYNC_ADMIN_TOKEN: '' },
      startupSync: false,
    });
  });
  afterAll(async () => {
    await service?.close();
    await repo?.cleanup();
  });

  it('answers the webhook route with 404 when REGSYNC_WEBHOOK_SECRET is unset', async () => {
    const res = await deliver(service, {
      event: 'push',
      body: pushPayload({ after: 'c'.repeat(40) }),
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'WEBHOOK_DISABLED', status: 404 });
  });

  it('refuses admin calls with 401 when REGSYNC_ADMIN_TOKEN is unset', async () => {
    const res = await service.fetch('/api/v1/sync', {
      method: 'POST',
      headers: { Authorization: 'Bearer anything-at-all-here' },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
  });
});

describe('webhook on a pinned instance', () => {
  let repo: TestRepo;
  let service: Service;

  beforeAll(async () => {
    repo = await createRegistryRepo();
    service = await startService({
      driver: 'postgresql',
      repo,
      env: { REGSYNC_REVISION: await repo.head() },
    });
  });
  afterAll(async () => {
    await service?.close();
    await repo?.cleanup();
  });

  it('acknowledges pushes but does not move a pinned revision', async () => {
    const pinned = await repo.head();
    const sha = await repo.commit(await hubspotWithDescription(repo, 'Not served while pinned.'));
    await repo.push('main');
    const res = await deliver(service, { event: 'push', body: pushPayload({ after: sha }) });
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({
      status: 'ignored',
      reason: expect.stringContaining('pinned'),
    });
    const status = (await (await service.fetch('/api/v1/sync')).json()) as {
      revision: string;
      source: { pinnedRevision: string };
    };
    expect(status).toMatchObject({ revision: pinned, source: { pinnedRevision: pinned } });
  });
});
