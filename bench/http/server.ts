/**
 * The benchmark's server process: the real service (createRuntime + createHttpRuntime, the
 * bundled registry synced into the embedded database, or PostgreSQL when DATABASE_URL is
 * set) and a bare Express app that answers the same bytes from memory, in one process, so
 * the two are measured on equal terms. Prints one JSON line with both URLs, then serves
 * until stdin closes.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import express from 'express';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/loadConfig.js';
import { createLogger } from '../../src/logging/createLogger.js';
import { turnBufferedSink } from '../../src/logging/turnBufferedSink.js';
import { createRuntime } from '../../src/main.js';
import { createHttpRuntime } from '../../src/cli/createHttpRuntime.js';
import { startHttpServer } from '../../src/http/startHttpServer.js';

const dataDir = await mkdtemp(join(tmpdir(), 'regsync-bench-'));
const loaded = loadConfig({
  REGSYNC_DATA_DIR: dataDir,
  REGSYNC_LOG_LEVEL: 'info',
  ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
});
if (!loaded.ok) throw new Error(loaded.errors.join('; '));
// Production log level (an access line per request), written to /dev/null as `regsync serve`
// writes to stdout: synchronously, through the turn-buffered sink (BENCH_LOG_UNBUFFERED=1:
// one write per line, to measure what the sink saves).
// BENCH_LOG_FILE=<path>: a real file instead (what a log destination costs; the file is
// appended to and left for the caller to inspect or remove).
const devNull = pino.destination({ dest: process.env.BENCH_LOG_FILE ?? '/dev/null', sync: true });
const logger = createLogger(
  'info',
  (process.env.BENCH_LOG_UNBUFFERED === '1'
    ? devNull
    : turnBufferedSink(devNull)) as unknown as NodeJS.WritableStream,
);
const runtime = await createRuntime(loaded.config, { logger });
const http = await createHttpRuntime(runtime, { logger });
const run = await http.startupSync().done;
if (run.status !== 'succeeded') throw new Error(`startup sync ${run.status}: ${run.message}`);
const service = await startHttpServer({ port: 0, host: '127.0.0.1', handler: http.app });

const records = await readFile(
  new URL('../../test/fixtures/payloads/hubspot/contact.json', import.meta.url),
  'utf8',
);
const mapBody = JSON.stringify({ records: JSON.parse(records) as unknown[], mode: 'lenient' });
const catalogBytes = Buffer.from(
  await (await fetch(`${service.url}/api/v1/integrations/hubspot`)).arrayBuffer(),
);
const mapBytes = Buffer.from(
  await (
    await fetch(`${service.url}/api/v1/integrations/hubspot/models/contact/map`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: mapBody,
    })
  ).arrayBuffer(),
);

const bare = express();
bare.disable('x-powered-by');
bare.get('/api/v1/integrations/hubspot', (_req, res) => {
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(catalogBytes);
});
bare.post(
  '/api/v1/integrations/hubspot/models/contact/map',
  express.raw({ type: '*/*', limit: '1mb' }),
  (_req, res) => {
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.end(mapBytes);
  },
);
const bareServer = await startHttpServer({ port: 0, host: '127.0.0.1', handler: bare });

process.stdout.write(
  `${JSON.stringify({ service: service.url, bare: bareServer.url, mapBody, catalogBytes: catalogBytes.length, mapBytes: mapBytes.length, database: runtime.db.driver })}\n`,
);
// A line on stdin asks for this process's CPU time so far (user + system, microseconds): the
// parent reads it before and after each round, so each side's CPU per request is measured
// in the server alone, a figure the machine's load barely moves.
createInterface({ input: process.stdin }).on('line', () => {
  const used = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ cpu: used.user + used.system })}\n`);
});
process.stdin.on('end', () => {
  void (async () => {
    await service.close(1000);
    await bareServer.close(1000);
    await http.close();
    await rm(dataDir, { recursive: true, force: true });
  })();
});
