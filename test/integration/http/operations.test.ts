/**
 * Probes, metrics and the `regsync serve` process: /readyz before and after the first
 * sync, /metrics content, and the real binary answering /healthz at once, turning ready,
 * and exiting 0 on SIGTERM (or failing at startup with one line for a bad setting).
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase, createTempDataDir } from '../../helpers/databases.js';
import type { TestRepo } from '../../helpers/gitRepos.js';
import { createRegistryRepo, startService, type Service } from './service.js';
import { CLI_FROM_SOURCES } from '../../helpers/cli.js';

describe('probes and metrics', () => {
  let repo: TestRepo;
  let service: Service;

  beforeAll(async () => {
    repo = await createRegistryRepo();
    service = await startService({ driver: 'postgresql', repo, startupSync: false });
  });
  afterAll(async () => {
    await service?.close();
    await repo?.cleanup();
  });

  it('/healthz answers at once; /readyz is 503 with reasons until a sync succeeded, then 200', async () => {
    const health = await service.fetch('/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });

    const before = await service.fetch('/readyz');
    expect(before.status).toBe(503);
    const notReady = (await before.json()) as {
      status: string;
      checks: Record<string, { ok: boolean }>;
      reasons: string[];
    };
    expect(notReady.status).toBe('not-ready');
    expect(notReady.checks.database?.ok).toBe(true);
    expect(notReady.checks.sync?.ok).toBe(false);
    expect(notReady.reasons).toEqual([expect.stringMatching(/^sync: /)]);

    await service.http.startupSync().done;
    const after = await service.fetch('/readyz');
    expect(after.status).toBe(200);
    expect(await after.json()).toMatchObject({
      status: 'ready',
      checks: { database: { ok: true }, sync: { ok: true } },
      reasons: [],
    });
  });

  it('/metrics exposes sync, manifest, mapping, HTTP and process metrics', async () => {
    await service.fetch('/api/v1/integrations/hubspot');
    await service.fetch('/api/v1/integrations/nope');
    const res = await service.fetch('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(
      /^regsync_sync_duration_seconds_bucket\{le="[^"]+",status="succeeded"\} 1$/m,
    );
    expect(text).toMatch(
      /^regsync_sync_runs_total\{status="succeeded",reason="Succeeded",trigger="startup"\} 1$/m,
    );
    expect(text).toMatch(/^regsync_manifests\{state="active"\} [1-9]\d*$/m);
    expect(text).toMatch(/^regsync_manifests\{state="invalid"\} 0$/m);
    expect(text).toContain('# TYPE regsync_records_mapped_total counter');
    expect(text).toMatch(
      /^regsync_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/integrations\/:key",status="200"\} \d+$/m,
    );
    expect(text).toMatch(
      /^regsync_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/integrations\/:key",status="404"\} \d+$/m,
    );
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });

  it('GET /sync names the next scheduled run once the scheduler runs', async () => {
    const scheduler = service.http.startScheduler();
    const body = (await (await service.fetch('/api/v1/sync')).json()) as { nextRunAt: string };
    expect(body.nextRunAt).toBe(scheduler.nextRunAt()?.toISOString());
    expect(Date.parse(body.nextRunAt)).toBeGreaterThan(Date.now());
  });
});

describe('regsync serve', () => {
  it('listens at once, turns ready after the startup sync, and exits 0 on SIGTERM', async () => {
    const repo = await createRegistryRepo();
    const data = await createTempDataDir();
    const database = await createPostgresDatabase();
    try {
      const child = spawn(process.execPath, [...CLI_FROM_SOURCES, 'serve'], {
        env: {
          PATH: process.env.PATH,
          PORT: '0',
          REGSYNC_HOST: '127.0.0.1',
          REGSYNC_REGISTRY: repo.url,
          REGSYNC_DATA_DIR: data.dir,
          DATABASE_URL: database.url,
          REGSYNC_LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const exited = new Promise<number | null>((resolve) =>
        child.on('exit', (code) => resolve(code)),
      );
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
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      const deadline = Date.now() + 60_000;
      let ready = 0;
      while (Date.now() < deadline) {
        ready = (await fetch(`${url}/readyz`)).status;
        if (ready === 200) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(ready).toBe(200);
      const list = (await (await fetch(`${url}/api/v1/integrations?limit=1`)).json()) as {
        items: unknown[];
      };
      expect(list.items).toHaveLength(1);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['serving', 'stopped']));
    } finally {
      await database.drop();
      await data.remove();
      await repo.cleanup();
    }
  });

  it('on SIGTERM during the startup sync, lets the sync finish and records it before exiting 0', async () => {
    const repo = await createRegistryRepo();
    const data = await createTempDataDir();
    const database = await createPostgresDatabase();
    try {
      const child = spawn(process.execPath, [...CLI_FROM_SOURCES, 'serve'], {
        env: {
          PATH: process.env.PATH,
          PORT: '0',
          REGSYNC_HOST: '127.0.0.1',
          REGSYNC_REGISTRY: repo.url,
          REGSYNC_DATA_DIR: data.dir,
          DATABASE_URL: database.url,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const exited = new Promise<number | null>((resolve) =>
        child.on('exit', (code) => resolve(code)),
      );
      const messages: string[] = [];
      createInterface({ input: child.stdout }).on('line', (line) => {
        const entry = JSON.parse(line) as { msg: string };
        messages.push(entry.msg);
        // The startup sync starts right before this line: stop while it runs.
        if (entry.msg === 'serving') child.kill('SIGTERM');
      });
      expect(await exited).toBe(0);
      const finished = messages.indexOf('startup sync finished');
      expect(finished).toBeGreaterThan(messages.indexOf('serving'));
      expect(messages.indexOf('stopped')).toBeGreaterThan(finished);
      const { openDatabase } = await import('../../../src/db/openDatabase.js');
      const db = await openDatabase({
        databaseUrl: database.url,
        dataDir: data.dir,
        migrate: false,
      });
      try {
        const runs = await db.catalog.listSyncRuns({ limit: 5 });
        expect(runs.map((r) => `${r.trigger}:${r.status}`)).toEqual(['startup:succeeded']);
      } finally {
        await db.close();
      }
    } finally {
      await database.drop();
      await data.remove();
      await repo.cleanup();
    }
  });

  it('with no configuration at all, serves the bundled registry from the embedded database', async () => {
    const cwd = await createTempDataDir();
    try {
      const child = spawn(process.execPath, [...CLI_FROM_SOURCES, 'serve'], {
        cwd: cwd.dir,
        env: { PATH: process.env.PATH, PORT: '0', REGSYNC_HOST: '127.0.0.1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const exited = new Promise<number | null>((resolve) =>
        child.on('exit', (code) => resolve(code)),
      );
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no listening line')), 30_000);
        createInterface({ input: child.stdout }).on('line', (line) => {
          const entry = JSON.parse(line) as { url?: string; database?: string; registry?: string };
          if (entry.url) {
            clearTimeout(timer);
            expect(entry).toMatchObject({ database: 'embedded', registry: 'bundled' });
            resolve(entry.url);
          }
        });
      });
      let status = 0;
      for (const deadline = Date.now() + 90_000; Date.now() < deadline && status !== 200;) {
        status = (await fetch(`${url}/readyz`)).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 200));
      }
      expect(status).toBe(200);
      expect((await fetch(`${url}/api/v1/integrations/hubspot`)).status).toBe(200);
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      const { readdir } = await import('node:fs/promises');
      expect(await readdir(`${cwd.dir}/.regsync`)).toEqual(expect.arrayContaining(['pglite']));
    } finally {
      await cwd.remove();
    }
  });

  it('fails at startup with one clear line for a bad setting', async () => {
    const child = spawn(process.execPath, [...CLI_FROM_SOURCES, 'serve'], {
      env: { PATH: process.env.PATH, PORT: 'eighty' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(2);
    expect(stderr).toBe('regsync: PORT must be a whole number from 0 to 65535, got "eighty"\n');
  });
});
