import { execFile, spawn } from 'node:child_process';
import { migrationsList } from '../../../src/db/migrationsList.js';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseError } from '../../../src/db/DatabaseError.js';
import { openExistingEmbeddedDatabase } from '../../../src/db/drivers/pglite.js';
import { openDatabase } from '../../../src/db/openDatabase.js';
import { redactDatabaseUrl, scrubSecret } from '../../../src/db/redactDatabaseUrl.js';
import {
  createPostgresDatabase,
  createTempDataDir,
  testServerUrl,
} from '../../helpers/databases.js';
import { integration, valid } from './manifests.js';

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe('openDatabase with PGlite', () => {
  it('creates missing parent folders, persists data across reopen, and refuses a second open in one process', async () => {
    const temp = await createTempDataDir();
    cleanups.push(temp.remove);
    const dataDir = join(temp.dir, 'nested', 'data');
    const logged: string[] = [];
    const logger = { info: (m: string) => logged.push(m), warn: (m: string) => logged.push(m) };

    const first = await openDatabase({ dataDir, logger });
    expect(first.driver).toBe('pglite');
    expect(existsSync(join(dataDir, 'pglite'))).toBe(true);
    expect(logged.some((m) => m.startsWith('database migrations applied'))).toBe(true);
    await expect(openDatabase({ dataDir })).rejects.toMatchObject({ code: 'DATABASE_IN_USE' });
    const v = valid(integration('persisted'));
    await first.store.saveManifest(v, 'rev-1');
    await first.close();
    await first.close(); // idempotent

    const second = await openDatabase({ dataDir });
    try {
      expect(second.migrations.applied).toEqual([]);
      expect((await second.store.activeChecksums()).get(v.path)).toBe(v.checksum);
    } finally {
      await second.close();
    }
  });

  it("keeps another process off the data folder while open, and takes over a dead owner's claim", async () => {
    const temp = await createTempDataDir({ seeded: true });
    cleanups.push(temp.remove);
    const script = join(temp.dir, 'open.mts');
    const entry = resolve('src/db/openDatabase.ts');
    await writeFile(
      script,
      `import { openDatabase } from ${JSON.stringify(entry)};\n` +
        `try { const db = await openDatabase({ dataDir: ${JSON.stringify(temp.dir)} }); await db.close(); console.log('opened'); }\n` +
        `catch (e) { console.log(e.code); }\n`,
    );
    const runChild = async () =>
      (
        await promisify(execFile)(process.execPath, ['--import', 'tsx', script], {
          cwd: process.cwd(),
        })
      ).stdout.trim();

    const db = await openDatabase({ dataDir: temp.dir });
    try {
      expect(await runChild()).toBe('DATABASE_IN_USE');
    } finally {
      await db.close();
    }
    expect(existsSync(join(temp.dir, 'pglite.lock'))).toBe(false);

    // A claim left by a process that is gone (a crash) does not block.
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => dead.once('exit', r));
    await writeFile(join(temp.dir, 'pglite.lock'), String(dead.pid));
    expect(await runChild()).toBe('opened');
  });

  it('adopts the database `serve` began opening early for a restart, and leaves a new folder to itself', async () => {
    const fresh = await createTempDataDir();
    cleanups.push(fresh.remove);
    expect(await openExistingEmbeddedDatabase(fresh.dir)).toBeUndefined();
    const temp = await createTempDataDir({ seeded: true });
    cleanups.push(temp.remove);
    const early = openExistingEmbeddedDatabase(temp.dir);
    const db = await openDatabase({ dataDir: temp.dir, embedded: early });
    expect(db.migrations.current).toEqual(migrationsList.map((m) => m.name));
    // The early open holds the folder: a second open in this process is refused.
    await expect(openDatabase({ dataDir: temp.dir })).rejects.toMatchObject({
      code: 'DATABASE_IN_USE',
    });
    const v = valid(integration('early'));
    await db.store.saveManifest(v, 'rev-1');
    await db.close();
    // Closing the database closed the adopted PGlite and freed the folder.
    const again = await openDatabase({ dataDir: temp.dir });
    try {
      expect((await again.store.activeChecksums()).get(v.path)).toBe(v.checksum);
    } finally {
      await again.close();
    }
  }, 120_000);

  it('with migrate: false leaves a new database without tables until migrate() is called', async () => {
    const temp = await createTempDataDir({ seeded: true });
    cleanups.push(temp.remove);
    const db = await openDatabase({ dataDir: temp.dir, migrate: false });
    try {
      await expect(db.store.activeChecksums()).rejects.toThrow(/definition/);
      const report = await db.migrate();
      expect(report.applied.length).toBeGreaterThan(0);
      expect((await db.store.activeChecksums()).size).toBe(0);
    } finally {
      await db.close();
    }
  });
});

describe('openDatabase with PostgreSQL', () => {
  it('migrates a new database and opens the PostgreSQL ports', async () => {
    const database = await createPostgresDatabase();
    cleanups.push(database.drop);
    const db = await openDatabase({ dataDir: '/nonexistent-not-used', databaseUrl: database.url });
    try {
      expect(db.driver).toBe('postgresql');
      expect(db.migrations.applied.length).toBeGreaterThan(0);
      expect(db.lock.constructor.name).toBe('PgAdvisoryLock');
      expect(db.notifier.constructor.name).toBe('PgChangeNotifier');
    } finally {
      await db.close();
    }
  });

  it('two instances starting together both migrate without racing', async () => {
    const database = await createPostgresDatabase();
    cleanups.push(database.drop);
    const [a, b] = await Promise.all([
      openDatabase({ dataDir: '', databaseUrl: database.url }),
      openDatabase({ dataDir: '', databaseUrl: database.url }),
    ]);
    try {
      // One instance applies every migration, the other finds none pending.
      expect([a.migrations.applied.length, b.migrations.applied.length].sort()).toEqual([
        0,
        migrationsList.length,
      ]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('never puts the password of DATABASE_URL in an error', async () => {
    const url = new URL(testServerUrl());
    url.username = 'nobody';
    url.password = 'hunter2-secret';
    url.port = '1';
    const error = await openDatabase({ dataDir: '', databaseUrl: url.toString() }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as DatabaseError).code).toBe('DATABASE_UNAVAILABLE');
    expect((error as DatabaseError).message).toContain('nobody:***@');
    expect(JSON.stringify(error)).not.toContain('hunter2');
    expect(String((error as Error).stack)).not.toContain('hunter2');
    expect(String(((error as Error).cause as Error | undefined)?.message ?? '')).not.toContain(
      'hunter2',
    );
  });
});

describe('redaction helpers', () => {
  it('redact the password in the URL and in free text', () => {
    expect(redactDatabaseUrl('postgresql://u:p%40ss@h:5432/db?sslmode=require')).toBe(
      'postgresql://u:***@h:5432/db?sslmode=require',
    );
    expect(redactDatabaseUrl('postgresql://h/db?password=x')).toBe(
      'postgresql://h/db?password=***',
    );
    expect(redactDatabaseUrl('not a url')).toBe('***');
    expect(
      scrubSecret('failed for p@ss at postgresql://u:p%40ss@h/db', 'postgresql://u:p%40ss@h/db'),
    ).toBe('failed for *** at postgresql://u:***@h/db');
  });
});
