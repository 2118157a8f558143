/**
 * Push webhooks against the real server. (a) `regsync serve` as a child process on PGlite:
 * while the database opens, a signed push is verified and accepted (202, not 503), an unsigned
 * one refused (401), and the startup sync includes the pushed commit; a redelivery after
 * startup is a duplicate. (b) Without REGSYNC_GITHUB_REPO, the followed repository is derived
 * from a github.com registry URL and a signed push from another repository starts no sync.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDataDir } from '../../helpers/databases.js';
import type { TestRepo } from '../../helpers/gitRepos.js';
import { integrationManifest } from '../../helpers/manifests.js';
import {
  createRegistryRepo,
  deliver,
  pushPayload,
  sign,
  startService,
  WEBHOOK_SECRET,
  type Service,
} from './service.js';

const post = (url: string, body: string, headers: Record<string, string>) =>
  fetch(`${url}/api/v1/webhooks/github`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-GitHub-Event': 'push', ...headers },
    body,
  });

describe('push webhook during startup (regsync serve)', () => {
  it('accepts a signed push while the database opens and folds it into the startup sync', async () => {
    const repo = await createRegistryRepo();
    const data = await createTempDataDir();
    try {
      const child = spawn(process.execPath, ['src/cli/bin.js', 'serve'], {
        env: {
          PATH: process.env.PATH,
          PORT: '0',
          REGSYNC_HOST: '127.0.0.1',
          REGSYNC_REGISTRY: repo.url,
          REGSYNC_DATA_DIR: data.dir,
          REGSYNC_WEBHOOK_SECRET: WEBHOOK_SECRET,
          REGSYNC_LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      const lines: Array<Record<string, unknown>> = [];
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no listening line')), 30_000);
        createInterface({ input: child.stdout }).on('line', (line) => {
          const entry = JSON.parse(line) as Record<string, unknown>;
          lines.push(entry);
          if (typeof entry.url === 'string') {
            clearTimeout(timer);
            resolve(entry.url);
          }
        });
      });
      try {
        // A push lands while the instance is still opening its database.
        const pushed = await repo.commit({
          'integrations/acme/manifest.json': `${JSON.stringify(integrationManifest({ key: 'acme' }), null, 2)}\n`,
        });
        await repo.push('main');
        const body = pushPayload({ after: pushed, repository: 'acme/registry' });
        const delivery = crypto.randomUUID();
        const unsigned = await post(url, body, { 'X-GitHub-Delivery': crypto.randomUUID() });
        const accepted = await post(url, body, {
          'X-GitHub-Delivery': delivery,
          'X-Hub-Signature-256': sign(body),
        });
        const readyz = (await (await fetch(`${url}/readyz`)).json()) as { reasons: string[] };
        expect(readyz.reasons).toEqual(['database: opening']);

        expect(unsigned.status).toBe(401);
        expect(unsigned.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(accepted.status).toBe(202);
        expect(await accepted.json()).toEqual({
          status: 'accepted',
          delivery,
          reason: expect.stringContaining('startup sync'),
        });

        const deadline = Date.now() + 60_000;
        while (Date.now() < deadline && (await fetch(`${url}/readyz`)).status !== 200)
          await new Promise((r) => setTimeout(r, 100));
        const runs = (await (await fetch(`${url}/api/v1/sync/runs`)).json()) as {
          items: Array<{ trigger: string; status: string; toRevision: string }>;
        };
        expect(runs.items).toEqual([
          expect.objectContaining({ trigger: 'startup', status: 'succeeded', toRevision: pushed }),
        ]);
        expect((await fetch(`${url}/api/v1/integrations/acme`)).status).toBe(200);

        // The app shares the startup webhook's delivery memory: GitHub's redelivery is a duplicate.
        const again = await post(url, body, {
          'X-GitHub-Delivery': delivery,
          'X-Hub-Signature-256': sign(body),
        });
        expect(again.status).toBe(200);
        expect(((await again.json()) as { status: string }).status).toBe('duplicate');
        expect(lines.map((l) => l.msg)).toContain(
          'push webhook during startup: folded into the startup sync',
        );
      } finally {
        child.kill('SIGTERM');
        expect(await exited).toBe(0);
      }
    } finally {
      await data.remove();
      await repo.cleanup();
    }
  }, 120_000);
});

describe('push webhook filtered by the repository of the registry URL', () => {
  let service: Service;
  let repo: TestRepo;

  beforeAll(async () => {
    repo = await createRegistryRepo();
    // Never fetched: no startup sync, and github.com does not resolve on a test machine, so
    // a started sync fails at once as SourceUnreachable (which shows it was started).
    service = await startService({
      driver: 'pglite',
      repo: { ...repo, url: 'https://github.com/acme/registry.git' },
      startupSync: false,
    });
  }, 120_000);
  afterAll(async () => {
    await service?.close();
    await repo?.cleanup();
  });

  const runs = async () =>
    ((await (await service.fetch('/api/v1/sync/runs')).json()) as { items: unknown[] }).items;

  it('ignores a signed push from another repository, and starts no sync', async () => {
    const res = await deliver(service, {
      event: 'push',
      body: pushPayload({ after: 'a'.repeat(40), repository: 'mallory/registry' }),
    });
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({
      status: 'ignored',
      reason: 'push to mallory/registry, following acme/registry',
    });
    expect(await runs()).toEqual([]);
  });

  it('starts a sync for a signed push from the followed repository (any letter case)', async () => {
    const res = await deliver(service, {
      event: 'push',
      body: pushPayload({ after: 'b'.repeat(40), repository: 'Acme/Registry' }),
    });
    expect(res.status).toBe(202);
    const { status, runId } = (await res.json()) as { status: string; runId: string };
    expect(status).toBe('accepted');
    expect(await service.waitForRun(runId)).toMatchObject({ trigger: 'webhook' });
  });
});
