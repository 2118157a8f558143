/**
 * The map-load benchmark's worker-pool variant (issue 10, point 6: "a queue with a limit, or a
 * worker pool such as piscina; measure both"). The real service as in mapLoadServer.ts, but
 * `POST /api/v1/integrations/gmail/models/message/map` is answered by a piscina pool
 * (MAPPOOL_THREADS threads, default 2; MAPPOOL_QUEUE waiting tasks, default 22, then 503 with
 * Retry-After; MAPPOOL_NICE nice levels for the threads, default 0): the event loop only reads the body bytes and writes the answer, the worker
 * parses, checks, maps and serializes (bench/http/mapPoolWorker.ts). Every other request
 * (/healthz, catalog reads) goes to the real app. A bench variant, not the service: the
 * pooled route skips the access log, metrics and problem+json details.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/loadConfig.js';
import { createLogger } from '../../src/logging/createLogger.js';
import { createRuntime } from '../../src/main.js';
import { createHttpRuntime } from '../../src/cli/createHttpRuntime.js';
import { startHttpServer } from '../../src/http/startHttpServer.js';
import { reportLoopDelayOnStdin } from './loopDelay.js';
import type { EntityType, ModelMapping } from '../../src/manifest/types.js';
import type { PoolAnswer } from './mapPoolWorker.js';

const MAP_PATH = '/api/v1/integrations/gmail/models/message/map';
const threads = Number(process.env.MAPPOOL_THREADS ?? 2);
const queue = Number(process.env.MAPPOOL_QUEUE ?? 22);
// Nice levels added to the worker threads (Linux, @napi-rs/nice): the OS then runs the
// event loop (probes, catalog reads) ahead of mapping when the cores are short.
const niceIncrement = Number(process.env.MAPPOOL_NICE ?? 0);
const dataDir = await mkdtemp(join(tmpdir(), 'regsync-mappool-'));
const loaded = loadConfig({
  REGSYNC_DATA_DIR: dataDir,
  REGSYNC_LOG_LEVEL: 'info',
  REGSYNC_BODY_LIMIT_BYTES: String(2 * 1024 * 1024),
  ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
});
if (!loaded.ok) throw new Error(loaded.errors.join('; '));
const config = loaded.config;
const logger = createLogger(
  'info',
  pino.destination({ dest: '/dev/null', sync: false }) as unknown as NodeJS.WritableStream,
);
const runtime = await createRuntime(config, { logger });
const http = await createHttpRuntime(runtime, { logger });
const run = await http.startupSync().done;
if (run.status !== 'succeeded') throw new Error(`startup sync ${run.status}: ${run.message}`);
const service = await startHttpServer({ port: 0, host: '127.0.0.1', handler: http.app });

// What the worker needs from the catalog, read once through the service's own API.
const detail = (await (await fetch(`${service.url}/api/v1/integrations/gmail`)).json()) as {
  revision: string;
  checksum: string;
  mappings: ModelMapping[];
  entityTypes: EntityType[];
};
const mapping = detail.mappings.find((m) => m.model === 'message');
const entityType = detail.entityTypes.find((e) => e.key === mapping?.entityType);
if (!mapping || !entityType) throw new Error('gmail has no message mapping');
await service.close(1000);

const pool = new Piscina({
  filename: new URL('./mapPoolWorker.ts', import.meta.url).href,
  minThreads: threads,
  maxThreads: threads,
  maxQueue: queue,
  niceIncrement,
  workerData: {
    integration: 'gmail',
    mapping,
    entityType,
    revision: detail.revision,
    checksum: detail.checksum,
    maxRecords: 1000, // the route's default (AppDeps settings.maxMapRecords)
    maxDepth: config.maxJsonDepth,
  },
});

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) reject(new Error('too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}

const pooled = await startHttpServer({
  port: 0,
  host: '127.0.0.1',
  handler: ((req, res) => {
    if (req.method !== 'POST' || req.url !== MAP_PATH) {
      http.app(req, res);
      return;
    }
    const answer = (status: number, text: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(text),
        ...headers,
      });
      res.end(text);
    };
    // Refused before the body is read, like the in-flight bound.
    if (pool.queueSize >= queue && pool.utilization >= 1) {
      answer(503, '{"status":503,"code":"OVERLOADED"}', {
        'Retry-After': '1',
        Connection: 'close',
      });
      return;
    }
    void readBody(req, config.bodyLimitBytes)
      .then((bytes) => {
        const copy = new Uint8Array(bytes); // its own ArrayBuffer, transferred to the worker
        return pool.run(copy, { transferList: [copy.buffer] }) as Promise<PoolAnswer>;
      })
      .then(
        (result) => answer(result.status, result.text),
        () => answer(503, '{"status":503,"code":"OVERLOADED"}', { 'Retry-After': '1' }),
      );
  }) as Parameters<typeof startHttpServer>[0]['handler'],
});
process.stdout.write(`${JSON.stringify({ url: pooled.url, threads, queue })}\n`);
reportLoopDelayOnStdin(async () => {
  await pooled.close(1000);
  await pool.destroy();
  await http.close();
  await rm(dataDir, { recursive: true, force: true });
  process.exit(0);
});
