/**
 * The map-load benchmark's server process: the real service (createRuntime +
 * createHttpRuntime, the bundled registry synced into the embedded database, or PostgreSQL
 * when DATABASE_URL is set) with the map bound taken from REGSYNC_MAP_CONCURRENCY and
 * REGSYNC_MAP_QUEUE (0: unbounded, the "before"). Bodies up to 2 MiB, since 1,000 Gmail
 * messages make 1.1 MB. Prints one JSON line with its URL, then serves until stdin closes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/loadConfig.js';
import { createLogger } from '../../src/logging/createLogger.js';
import { createRuntime } from '../../src/main.js';
import { createHttpRuntime } from '../../src/cli/createHttpRuntime.js';
import { startHttpServer } from '../../src/http/startHttpServer.js';
import { reportLoopDelayOnStdin } from './loopDelay.js';

const dataDir = await mkdtemp(join(tmpdir(), 'regsync-mapload-'));
const pass = (name: string) => (process.env[name] ? { [name]: process.env[name] } : {});
const loaded = loadConfig({
  REGSYNC_DATA_DIR: dataDir,
  REGSYNC_LOG_LEVEL: 'info',
  REGSYNC_BODY_LIMIT_BYTES: String(2 * 1024 * 1024),
  ...pass('DATABASE_URL'),
  ...pass('REGSYNC_MAP_CONCURRENCY'),
  ...pass('REGSYNC_MAP_QUEUE'),
});
if (!loaded.ok) throw new Error(loaded.errors.join('; '));
// Production log level (an access line per request), written to /dev/null.
const logger = createLogger(
  'info',
  pino.destination({ dest: '/dev/null', sync: false }) as unknown as NodeJS.WritableStream,
);
const runtime = await createRuntime(loaded.config, { logger });
const http = await createHttpRuntime(runtime, { logger });
const run = await http.startupSync().done;
if (run.status !== 'succeeded') throw new Error(`startup sync ${run.status}: ${run.message}`);
const service = await startHttpServer({ port: 0, host: '127.0.0.1', handler: http.app });
process.stdout.write(
  `${JSON.stringify({ url: service.url, concurrency: loaded.config.mapConcurrency, queue: loaded.config.mapQueue })}\n`,
);
reportLoopDelayOnStdin(async () => {
  await service.close(1000);
  await http.close();
  await rm(dataDir, { recursive: true, force: true });
  process.exit(0);
});
