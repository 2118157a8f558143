/**
 * A serving instance beside the benchmark's syncing process: `regsync serve` (the TypeScript
 * sources through tsx, as `npm run dev` runs them) on the database the benchmark synced,
 * following the same registry. Once ready it is asked for the catalog listing and one
 * integration, then its peak resident set (VmHWM from /proc) is read and it is stopped.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What the serving instance cost: its peak resident set and how long it took to be ready. */
export interface ServingFigures {
  peakRssMb: number;
  readyMs: number;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** VmHWM of a process, in MiB (Linux). */
async function peakRss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  if (!kb) throw new Error(`no VmHWM for ${pid}`);
  return Number(kb) / 1024;
}

/**
 * Starts `serve` on `databaseUrl` following `registry`, waits for /readyz, reads the catalog
 * listing and `key`, and returns its peak RSS. Throws when it is not ready within `timeoutMs`.
 */
export async function measureServingInstance(
  databaseUrl: string,
  registry: string,
  key: string,
  timeoutMs = 300_000,
): Promise<ServingFigures> {
  const dataDir = await mkdtemp(join(tmpdir(), 'regsync-serve-'));
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    cwd: new URL('../..', import.meta.url).pathname,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      DATABASE_URL: databaseUrl,
      REGSYNC_REGISTRY: registry,
      REGSYNC_DATA_DIR: dataDir,
      PORT: String(port),
      REGSYNC_HOST: '127.0.0.1',
      REGSYNC_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    let ready = false;
    while (!ready) {
      if (performance.now() - started > timeoutMs) throw new Error('serve was not ready in time');
      if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}`);
      ready = await fetch(`${base}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (!ready) await new Promise((r) => setTimeout(r, 100));
    }
    const readyMs = performance.now() - started;
    for (const path of ['/api/v1/integrations', `/api/v1/integrations/${key}`]) {
      const response = await fetch(`${base}${path}`);
      if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
      await response.arrayBuffer();
    }
    return { peakRssMb: await peakRss(child.pid ?? 0), readyMs };
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  }
}
