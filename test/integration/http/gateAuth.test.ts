/**
 * The retry policy travels with the error, through the real service: a gate whose token
 * GitHub refuses (a 401 from the loopback GitHub) ends the run as `GateMisconfigured`, a
 * stalling reason, and the scheduler does not retry it with backoff (its next attempt is
 * the cron tick); a GitHub outage (503) ends as `GateUnavailable`, transient, and is retried
 * within the backoff window. Before the one error vocabulary, the 401 was recorded as
 * `GateUnavailable` and retried with backoff forever.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../helpers/fakeGitHub.js';
import type { TestRepo } from '../../helpers/gitRepos.js';
import { ADMIN_TOKEN, createRegistryRepo, startService, type Service } from './service.js';

const REPO = 'acme/registry';

describe('gate errors carry their retry policy', () => {
  let repo: TestRepo;
  let github: FakeGitHub;
  let service: Service;

  beforeAll(async () => {
    repo = await createRegistryRepo();
    github = await startFakeGitHub({ token: 'ghp_the_right_token' });
    github.addCheckRun(REPO, await repo.head(), {
      name: 'validate',
      status: 'completed',
      conclusion: 'success',
    });
    service = await startService({
      driver: 'pglite',
      repo,
      startupSync: false,
      env: {
        REGSYNC_GITHUB_REPO: REPO,
        REGSYNC_GITHUB_API_URL: github.url,
        REGSYNC_GITHUB_TOKEN: 'ghp_a_revoked_token',
        // The cron fires once a year: a near nextRunAt can only be a backoff retry.
        REGSYNC_POLL_CRON: '0 0 1 1 *',
      },
    });
    service.http.startScheduler();
  }, 120_000);
  afterAll(async () => {
    await service?.close();
    await github?.close();
    await repo?.cleanup();
  });

  const syncNow = async () => {
    const res = await service.fetch('/api/v1/sync', {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(res.status).toBe(202);
    const { runId } = (await res.json()) as { runId: string };
    return service.waitForRun(runId);
  };
  const nextRunInMs = async () => {
    const body = (await (await service.fetch('/api/v1/sync')).json()) as {
      nextRunAt: string | null;
    };
    return new Date(body.nextRunAt ?? 0).getTime() - Date.now();
  };

  it('a 401 from GitHub: failed, GateMisconfigured, not retried with backoff', async () => {
    const run = await syncNow();
    expect(run).toMatchObject({ status: 'failed', reason: 'GateMisconfigured' });
    expect(String(run.message)).toMatch(/GITHUB_AUTH/);
    expect(String(run.message)).not.toContain('ghp_a_revoked_token');
    expect(service.runtime.scheduler?.consecutiveFailures).toBe(0);
    expect(await nextRunInMs()).toBeGreaterThan(24 * 3600_000);
    const asked = github.requests.length;
    await new Promise((r) => setTimeout(r, 1500));
    expect(github.requests.length, 'something asked GitHub again').toBe(asked);
  });

  it('a GitHub outage (503): failed, GateUnavailable, retried with backoff', async () => {
    github.fail({ status: 503, times: 50 });
    const run = await syncNow();
    expect(run).toMatchObject({ status: 'failed', reason: 'GateUnavailable' });
    expect(service.runtime.scheduler?.consecutiveFailures).toBe(1);
    const next = await nextRunInMs();
    expect(next).toBeGreaterThan(0);
    expect(next).toBeLessThanOrEqual(5_000);
  });
});
