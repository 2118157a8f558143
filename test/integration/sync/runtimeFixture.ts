/**
 * Starts the production composition (createRuntime) against a real registry repository and
 * a real database, for the sync integration tests.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../../src/config/loadConfig.js';
import { createLogger } from '../../../src/logging/createLogger.js';
import { createRuntime, type Runtime } from '../../../src/main.js';
import { createPostgresDatabase, createTempDataDir } from '../../helpers/databases.js';
import type { DatabaseDriverName } from '../../../src/db/openDatabase.js';

/** Everything a runtime logged, as text (for "no credential in the logs" checks). */
export interface CapturedLog {
  text(): string;
}

export function captureLog(): { stream: Writable; log: CapturedLog } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return { stream, log: { text: () => chunks.join('') } };
}

/** A database for one test file: a fresh PostgreSQL database, or a PGlite data folder. */
export interface DatabaseSlot {
  driver: DatabaseDriverName;
  env: Record<string, string>;
  dispose(): Promise<void>;
}

export async function databaseSlot(driver: DatabaseDriverName): Promise<DatabaseSlot> {
  if (driver === 'pglite') {
    // A copy of an initialised PGlite folder: initdb in WebAssembly is the slow part.
    const seeded = await createTempDataDir({ seeded: true });
    return { driver, env: { REGSYNC_DATA_DIR: seeded.dir }, dispose: seeded.remove };
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'regsync-sync-'));
  const database = await createPostgresDatabase();
  return {
    driver,
    env: { REGSYNC_DATA_DIR: dataDir, DATABASE_URL: database.url },
    dispose: async () => {
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Opens a runtime exactly as `regsync sync` does, from environment variables. */
export async function openRuntime(env: Record<string, string>, log?: Writable): Promise<Runtime> {
  const result = loadConfig({ REGSYNC_LOG_LEVEL: 'info', ...env });
  if (!result.ok) throw new Error(result.errors.join('; '));
  const logger = createLogger(
    result.config.logLevel,
    log ?? new Writable({ write: (_c, _e, done) => done() }),
  );
  return createRuntime(result.config, { logger });
}
