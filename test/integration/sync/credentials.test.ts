/**
 * A self-hoster's private fork: the sync over HTTP with a token (git http-backend on
 * loopback), through the production composition. The token must appear in no log line, no
 * sync-run row and no error; dangerous registry URLs are refused before git runs.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/program.js';
import { createTestRepo, type TestRepo } from '../../helpers/gitRepos.js';
import { integrationFile } from '../../helpers/manifests.js';
import { startGitHttpServer, type GitHttpServer } from '../git/gitHttpServer.js';
import { captureLog, databaseSlot, openRuntime, type DatabaseSlot } from './runtimeFixture.js';

const TOKEN = 'ghp_PrivateForkT0kenNeverInLogs99';

describe('a private fork followed with a token', () => {
  let repo: TestRepo;
  let server: GitHttpServer;
  let slot: DatabaseSlot;

  beforeAll(async () => {
    repo = await createTestRepo();
    await repo.commit({ ...integrationFile('acme'), ...integrationFile('globex') });
    await repo.push();
    server = await startGitHttpServer({ projectRoot: repo.root, token: TOKEN });
    slot = await databaseSlot('postgresql');
  });

  afterAll(async () => {
    await server?.close();
    await slot?.dispose();
    await repo?.cleanup();
  });

  it('syncs with REGSYNC_GIT_TOKEN and keeps the token out of logs and the sync-run table', async () => {
    const { stream, log } = captureLog();
    const runtime = await openRuntime(
      {
        ...slot.env,
        REGSYNC_REGISTRY: `${server.baseUrl}/remote.git`,
        REGSYNC_GIT_TOKEN: TOKEN,
        REGSYNC_LOG_LEVEL: 'debug',
      },
      stream,
    );
    try {
      const run = await runtime.engine.run({ trigger: 'startup' });
      expect(run).toMatchObject({ status: 'succeeded' });
      expect(run.counts.added).toBe(2);
      expect(server.requests.some((r) => r.authorised)).toBe(true);
      const rows = await runtime.db.orm.em.fork().getConnection().execute('select * from sync_run');
      expect(JSON.stringify(rows)).not.toContain(TOKEN);
      expect(log.text().length).toBeGreaterThan(0);
      expect(log.text()).not.toContain(TOKEN);
    } finally {
      await runtime.close();
    }
  });

  it('keeps a token written into the URL out of the record and out of a failure message', async () => {
    const { stream, log } = captureLog();
    const runtime = await openRuntime(
      {
        ...slot.env,
        REGSYNC_REGISTRY: `http://x-access-token:${TOKEN}@${server.baseUrl.slice('http://'.length)}/remote.git`,
      },
      stream,
    );
    try {
      const run = await runtime.engine.run({ trigger: 'manual', force: true });
      expect(run.status).toBe('succeeded');
      expect(run.source).not.toContain(TOKEN);
      expect(run.source).toContain('***');
    } finally {
      await runtime.close();
    }
    const wrong = await openRuntime(
      {
        ...slot.env,
        REGSYNC_REGISTRY: `${server.baseUrl}/remote.git`,
        REGSYNC_GIT_TOKEN: `${TOKEN}-revoked`,
      },
      stream,
    );
    try {
      await repo.commit(integrationFile('initech'));
      await repo.push();
      const failed = await wrong.engine.run({ trigger: 'manual' });
      expect(failed.status).toBe('failed');
      expect(JSON.stringify(failed)).not.toContain(TOKEN);
    } finally {
      await wrong.close();
    }
    expect(log.text()).not.toContain(TOKEN);
  });

  it.each([
    ['ext transport', 'ext::sh -c touch% /tmp/regsync-pwned'],
    ['option smuggled as a URL', '--upload-pack=touch /tmp/regsync-pwned'],
    ['fd transport', 'fd::17'],
  ])('refuses a dangerous registry URL (%s) before git runs', async (_name, url) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'regsync-unsafe-'));
    let stderr = '';
    try {
      const code = await runCli(['sync', '--once'], {
        stdout: () => undefined,
        stderr: (t) => void (stderr += t),
        stdin: new PassThrough(),
        isTty: false,
        env: { REGSYNC_REGISTRY: url, REGSYNC_DATA_DIR: dataDir },
        cwd: dataDir,
      });
      expect(code).not.toBe(0);
      expect(stderr).toMatch(/UNSAFE_URL|REGSYNC_REGISTRY/);
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(existsSync('/tmp/regsync-pwned')).toBe(false);
      expect(existsSync(join(dataDir, 'git'))).toBe(false);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
