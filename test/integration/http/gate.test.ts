/**
 * The validation gate through the service: with REGSYNC_GITHUB_REPO set and GitHub on
 * loopback, a pushed commit whose "validate" check failed is held back. The run is recorded
 * as gated (GateFailed) and the previous revision stays served; once the check passes on a
 * new commit, the next push syncs. A manifest that only the held commit has is listed by
 * GET /manifests as never ingested, with the gate's answer, until a commit with it syncs.
 */

const ACME = 'integrations/acme/manifest.json';

interface ManifestList {
  counts: Record<string, number>;
  items: Array<{ path: string; state: string; checksum: string | null; detail: string | null }>;
}
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../helpers/fakeGitHub.js';
import { integrationManifest } from '../../helpers/manifests.js';
import type { TestRepo } from '../../helpers/gitRepos.js';
import { createRegistryRepo, deliver, pushPayload, startService, type Service } from './service.js';

const REPO = 'acme/registry';

async function stripeNamed(repo: TestRepo, name: string): Promise<Record<string, string>> {
  const manifest = JSON.parse(
    await readFile(`${repo.work}/integrations/stripe/manifest.json`, 'utf8'),
  ) as { name: string };
  manifest.name = name;
  return { 'integrations/stripe/manifest.json': `${JSON.stringify(manifest, null, 2)}\n` };
}

describe('validation gate', () => {
  let repo: TestRepo;
  let github: FakeGitHub;
  let service: Service;
  let first: string;

  beforeAll(async () => {
    repo = await createRegistryRepo();
    github = await startFakeGitHub({ token: 'ghp_test_token' });
    first = await repo.head();
    github.addCheckRun(REPO, first, {
      name: 'validate',
      status: 'completed',
      conclusion: 'success',
    });
    service = await startService({
      driver: 'pglite',
      repo,
      env: {
        REGSYNC_GITHUB_REPO: REPO,
        REGSYNC_GITHUB_API_URL: github.url,
        REGSYNC_GITHUB_TOKEN: 'ghp_test_token',
      },
    });
  });
  afterAll(async () => {
    await service?.close();
    await github?.close();
    await repo?.cleanup();
  });

  it('synced the first commit, whose check passed', async () => {
    const status = (await (await service.fetch('/api/v1/sync')).json()) as {
      revision: string;
      source: { gate: string };
    };
    expect(status.revision).toBe(first);
    expect(status.source.gate).toContain('validate');
  });

  it('holds back a commit whose check failed: recorded as gated, the old revision still served', async () => {
    const bad = await repo.commit(
      {
        ...(await stripeNamed(repo, 'Stripe (unvalidated)')),
        [ACME]: `${JSON.stringify(integrationManifest({ key: 'acme' }), null, 2)}\n`,
      },
      'rename stripe, add acme',
    );
    await repo.push('main');
    github.addCheckRun(REPO, bad, { name: 'validate', status: 'completed', conclusion: 'failure' });

    const res = await deliver(service, {
      event: 'push',
      body: pushPayload({ after: bad, repository: REPO }),
    });
    expect(res.status).toBe(202);
    const { runId } = (await res.json()) as { runId: string };
    const run = await service.waitForRun(runId);
    expect(run).toMatchObject({
      status: 'gated',
      reason: 'GateFailed',
      toRevision: bad,
      trigger: 'webhook',
    });

    const status = (await (await service.fetch('/api/v1/sync')).json()) as {
      revision: string;
      lastRun: { id: string; status: string };
    };
    expect(status.revision).toBe(first);
    expect(status.lastRun).toMatchObject({ id: runId, status: 'gated' });
    const stripe = (await (await service.fetch('/api/v1/integrations/stripe')).json()) as {
      name: string;
      revision: string;
    };
    expect(stripe.name).not.toBe('Stripe (unvalidated)');
    const history = (await (await service.fetch('/api/v1/sync/runs')).json()) as {
      items: Array<{ id: string; reason: string }>;
    };
    expect(history.items[0]).toMatchObject({ id: runId, reason: 'GateFailed' });
    expect(github.requests.some((r) => r.path.includes(`/commits/${bad}/check-runs`))).toBe(true);

    // The contributor's new integration: not in the catalog, and GET /manifests says why.
    expect((await service.fetch('/api/v1/integrations/acme')).status).toBe(404);
    const waiting = (await (
      await service.fetch('/api/v1/manifests?state=never-ingested')
    ).json()) as ManifestList;
    expect(waiting.counts['never-ingested']).toBe(1);
    expect(waiting.items).toEqual([
      expect.objectContaining({
        path: ACME,
        state: 'never-ingested',
        checksum: null,
        detail: expect.stringMatching(/^not synced: .*validate.* failure/),
      }),
    ]);
    // Stripe changed in the held commit too, but a version of it is served: it stays active.
    const all = (await (await service.fetch('/api/v1/manifests')).json()) as ManifestList;
    expect(all.items.find((m) => m.path === 'integrations/stripe/manifest.json')).toMatchObject({
      state: 'active',
      detail: null,
    });
  });

  it('syncs the next commit once its check passed', async () => {
    const good = await repo.commit(await stripeNamed(repo, 'Stripe Payments'), 'fix stripe name');
    await repo.push('main');
    github.addCheckRun(REPO, good, {
      name: 'validate',
      status: 'completed',
      conclusion: 'success',
    });
    const res = await deliver(service, {
      event: 'push',
      body: pushPayload({ after: good, repository: REPO }),
    });
    const run = await service.waitForRun(((await res.json()) as { runId: string }).runId);
    expect(run).toMatchObject({ status: 'succeeded', toRevision: good });
    const stripe = (await (await service.fetch('/api/v1/integrations/stripe')).json()) as {
      name: string;
      revision: string;
    };
    expect(stripe).toMatchObject({ name: 'Stripe Payments', revision: good });
    const all = (await (await service.fetch('/api/v1/manifests')).json()) as ManifestList;
    expect(all.counts['never-ingested']).toBe(0);
    expect(all.items.find((m) => m.path === ACME)).toMatchObject({ state: 'active', detail: null });
    expect((await service.fetch('/api/v1/integrations/acme')).status).toBe(200);
  });
});
