/**
 * The validation gate fails closed on a SHA-256 registry: a real `git init
 * --object-format=sha256` repository (64-hex commit ids), GitHub on loopback. The gate was
 * consulted only for 40-hex ids before, so such a registry synced every commit unchecked.
 * Now the startup sync asks GitHub about the 64-hex commit, a commit whose check failed or
 * has no check yet is held back, and the revision's label names the hash (`main@sha256:`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../helpers/fakeGitHub.js';
import { createTestRepo, type TestRepo } from '../../helpers/gitRepos.js';
import { integrationManifest } from '../../helpers/manifests.js';
import {
  bundledRegistryFiles,
  deliver,
  pushPayload,
  startService,
  type Service,
} from './service.js';

const REPO = 'acme/registry';
const SHA256 = /^[0-9a-f]{64}$/;
const manifest = (key: string, name: string): Record<string, string> => ({
  [`integrations/${key}/manifest.json`]: `${JSON.stringify(integrationManifest({ key, name }), null, 2)}\n`,
});

describe('validation gate on a SHA-256 registry', () => {
  let repo: TestRepo;
  let github: FakeGitHub;
  let service: Service;
  let first: string;

  beforeAll(async () => {
    repo = await createTestRepo(await bundledRegistryFiles(), { objectFormat: 'sha256' });
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
  }, 120_000);
  afterAll(async () => {
    await service?.close();
    await github?.close();
    await repo?.cleanup();
  });

  const push = async (sha: string) => {
    const res = await deliver(service, {
      event: 'push',
      body: pushPayload({ after: sha, repository: REPO }),
    });
    expect(res.status).toBe(202);
    return service.waitForRun(((await res.json()) as { runId: string }).runId);
  };

  it('asked the gate about the 64-hex startup commit before syncing it', async () => {
    expect(first).toMatch(SHA256);
    expect(github.requests.some((r) => r.path.includes(`/commits/${first}/check-runs`))).toBe(true);
    const status = (await (await service.fetch('/api/v1/sync')).json()) as { revision: string };
    expect(status.revision).toBe(first);
    const runs = (await (await service.fetch('/api/v1/sync/runs')).json()) as {
      items: Array<{ status: string; toRevision: string }>;
    };
    expect(runs.items[0]).toMatchObject({ status: 'succeeded', toRevision: first });
  });

  it('holds back a SHA-256 commit whose check failed, and one with no check yet', async () => {
    const failed = await repo.commit(manifest('acme', 'Acme (check failed)'));
    await repo.push('main');
    github.addCheckRun(REPO, failed, {
      name: 'validate',
      status: 'completed',
      conclusion: 'failure',
    });
    expect(await push(failed)).toMatchObject({
      status: 'gated',
      reason: 'GateFailed',
      toRevision: failed,
      message: expect.stringContaining(`main@sha256:${failed}`),
    });

    const unchecked = await repo.commit(manifest('acme', 'Acme (no check yet)'));
    await repo.push('main');
    expect(await push(unchecked)).toMatchObject({
      status: 'gated',
      reason: 'GatePending',
      toRevision: unchecked,
    });

    expect((await service.fetch('/api/v1/integrations/acme')).status).toBe(404);
    const status = (await (await service.fetch('/api/v1/sync')).json()) as { revision: string };
    expect(status.revision).toBe(first);
  });

  it('syncs the SHA-256 commit once its check passed', async () => {
    const good = await repo.commit(manifest('acme', 'Acme'));
    await repo.push('main');
    github.addCheckRun(REPO, good, {
      name: 'validate',
      status: 'completed',
      conclusion: 'success',
    });
    expect(await push(good)).toMatchObject({ status: 'succeeded', toRevision: good });
    const acme = (await (await service.fetch('/api/v1/integrations/acme')).json()) as {
      name: string;
      revision: string;
    };
    expect(acme).toMatchObject({ name: 'Acme', revision: good });
  });
});
