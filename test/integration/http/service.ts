/**
 * Starts the real service for HTTP integration tests: createRuntime (the same composition
 * root `regsync serve` uses) on a real database (PGlite in a temp folder, or a fresh
 * PostgreSQL database), a real Git registry (a bare remote in a temp folder, seeded with
 * the bundled registry), and the Express app on an ephemeral loopback port.
 */
import { createHmac } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig, BUNDLED_REGISTRY } from '../../../src/config/loadConfig.js';
import type { DatabaseDriverName } from '../../../src/db/openDatabase.js';
import { createLogger } from '../../../src/logging/createLogger.js';
import { createRuntime, type Runtime } from '../../../src/main.js';
import { createHttpRuntime, type HttpRuntime } from '../../../src/cli/createHttpRuntime.js';
import { startHttpServer, type HttpServerHandle } from '../../../src/http/startHttpServer.js';
import { createPostgresDatabase, createTempDataDir } from '../../helpers/databases.js';
import { createTestRepo, type TestRepo } from '../../helpers/gitRepos.js';

export const ADMIN_TOKEN = 'admin-token-0123456789abcdef';
export const WEBHOOK_SECRET = 'webhook-secret-for-tests';

/** Every file of the bundled registry, as `path -> content`, to seed a test repository. */
export async function bundledRegistryFiles(): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const kind of ['integrations', 'templates']) {
    for (const key of await readdir(join(BUNDLED_REGISTRY, kind))) {
      const path = `${kind}/${key}/manifest.json`;
      files[path] = await readFile(join(BUNDLED_REGISTRY, path), 'utf8');
    }
  }
  return files;
}

/** A registry repository seeded with the bundled registry. */
export async function createRegistryRepo(): Promise<TestRepo> {
  return createTestRepo(await bundledRegistryFiles());
}

export interface Service {
  url: string;
  runtime: Runtime;
  http: HttpRuntime;
  /** DATABASE_URL on PostgreSQL. */
  databaseUrl?: string;
  server: HttpServerHandle;
  /** Every log line written so far, parsed. */
  logs: Array<Record<string, unknown>>;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Polls GET /api/v1/sync/runs/:id until the run has finished. */
  waitForRun(id: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export interface StartOptions {
  driver: DatabaseDriverName;
  repo: TestRepo;
  env?: Record<string, string>;
  /** Start the startup sync (default true) and wait for it (default true). */
  startupSync?: boolean;
  waitForStartup?: boolean;
  /** Use this PostgreSQL database (another instance's) instead of a fresh one. */
  databaseUrl?: string;
}

/**
 * Starts the service on a fresh copy of the bundled registry before the enclosing describe's
 * tests and closes both after them (vitest hooks). Read `.service` and `.repo` inside tests.
 */
export function serviceOnBundledRegistry(options: Omit<StartOptions, 'repo'>): {
  readonly service: Service;
  readonly repo: TestRepo;
} {
  let repo: TestRepo | undefined;
  let service: Service | undefined;
  beforeAll(async () => {
    repo = await createRegistryRepo();
    service = await startService({ ...options, repo });
  }, 120_000);
  afterAll(async () => {
    await service?.close();
    await repo?.cleanup();
  });
  return {
    get service() {
      if (!service) throw new Error('the service starts in beforeAll');
      return service;
    },
    get repo() {
      if (!repo) throw new Error('the repository is made in beforeAll');
      return repo;
    },
  };
}

export async function startService(options: StartOptions): Promise<Service> {
  const cleanups: Array<() => Promise<void>> = [];
  // A copy of an initialised PGlite folder: initdb in WebAssembly is the slow part.
  const data = await createTempDataDir({ seeded: options.driver === 'pglite' });
  cleanups.push(data.remove);
  const env: Record<string, string> = {
    REGSYNC_REGISTRY: options.repo.url,
    REGSYNC_DATA_DIR: data.dir,
    REGSYNC_ADMIN_TOKEN: ADMIN_TOKEN,
    REGSYNC_WEBHOOK_SECRET: WEBHOOK_SECRET,
    REGSYNC_POLL_CRON: '0 0 1 1 *',
    REGSYNC_POLL_JITTER_SECONDS: '0',
    REGSYNC_LOG_LEVEL: 'debug',
    REGSYNC_BODY_LIMIT_BYTES: String(256 * 1024),
    REGSYNC_MAX_JSON_DEPTH: '16',
    ...options.env,
  };
  if (options.driver === 'postgresql' && options.databaseUrl) {
    env.DATABASE_URL = options.databaseUrl;
  } else if (options.driver === 'postgresql') {
    const database = await createPostgresDatabase();
    cleanups.push(database.drop);
    env.DATABASE_URL = database.url;
  }
  const loaded = loadConfig(env);
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line.trim()) logs.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  const logger = createLogger(loaded.config.logLevel, sink);
  const runtime = await createRuntime(loaded.config, { logger });
  const http = await createHttpRuntime(runtime, { logger, processMetrics: true });
  const server = await startHttpServer({ port: 0, host: '127.0.0.1', handler: http.app });
  const url = server.url;
  const service: Service = {
    url,
    runtime,
    http,
    server,
    logs,
    databaseUrl: env.DATABASE_URL,
    fetch: (path, init) => fetch(`${url}${path}`, init),
    async waitForRun(id, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const res = await fetch(`${url}/api/v1/sync/runs/${id}`);
        const body = (await res.json()) as Record<string, unknown>;
        if (res.status === 200 && body.status !== 'running' && body.status !== 'queued')
          return body;
        if (Date.now() > deadline)
          throw new Error(`run ${id} did not finish: ${JSON.stringify(body)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      await server.close(2000);
      await http.close();
      for (const cleanup of cleanups.reverse()) await cleanup();
    },
  };
  if (options.startupSync !== false) {
    const started = http.startupSync();
    if (options.waitForStartup !== false) await started.done;
  }
  return service;
}

/** GitHub's signature of a body under the test secret. */
export function sign(body: string, secret = WEBHOOK_SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** A push payload as GitHub sends it (the fields Regsync reads, and a few more). */
export function pushPayload(options: {
  ref?: string;
  after: string;
  before?: string;
  repository?: string;
}): string {
  return JSON.stringify({
    ref: options.ref ?? 'refs/heads/main',
    before: options.before ?? '0'.repeat(40),
    after: options.after,
    created: false,
    deleted: false,
    forced: false,
    repository: {
      full_name: options.repository ?? 'acme/registry',
      default_branch: 'main',
      private: false,
    },
    pusher: { name: 'registry-bot' },
    head_commit: { id: options.after, message: 'update registry' },
  });
}

/** Sends a signed webhook delivery. */
export function deliver(
  service: Service,
  options: { event: string; body: string; delivery?: string; signature?: string | null },
): Promise<Response> {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'X-GitHub-Event': options.event,
    'X-GitHub-Delivery': options.delivery ?? crypto.randomUUID(),
    'User-Agent': 'GitHub-Hookshot/test',
  };
  if (options.signature !== null)
    headers['X-Hub-Signature-256'] = options.signature ?? sign(options.body);
  return service.fetch('/api/v1/webhooks/github', { method: 'POST', headers, body: options.body });
}
