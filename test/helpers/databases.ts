/**
 * Real databases for contract tests: every case runs on the embedded PGlite (a temp data
 * folder) and on PostgreSQL (a fresh `regsync_t_<random>` database per test file, dropped
 * WITH (FORCE) afterwards), both with migrations applied by openDatabase.
 *
 * PostgreSQL is the server at DATABASE_URL_TEST (any database on it; the user must be allowed
 * to CREATE DATABASE), default postgresql://postgres@127.0.0.1:5432/postgres.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe } from 'vitest';
import { initEmbeddedDataFolder } from '../../src/db/drivers/pglite.js';
import { openDatabase } from '../../src/db/openDatabase.js';
import type {
  Database,
  DatabaseDriverName,
  OpenDatabaseOptions,
} from '../../src/db/openDatabase.js';

export const DRIVERS: DatabaseDriverName[] = ['pglite', 'postgresql'];

/** The PostgreSQL server tests may create databases on. */
export function testServerUrl(): string {
  return process.env.DATABASE_URL_TEST || 'postgresql://postgres@127.0.0.1:5432/postgres';
}

async function onServer<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
  const orm = await MikroORM.init({
    driver: PostgreSqlDriver,
    clientUrl: testServerUrl(),
    entities: [],
    discovery: { warnWhenNoEntities: false },
    ensureDatabase: false,
    pool: { min: 0, max: 1 },
  });
  try {
    return await fn(orm.em.fork() as unknown as EntityManager);
  } finally {
    await orm.close(true);
  }
}

/** Creates an empty database on the test server; `drop()` removes it even with open sessions. */
export async function createPostgresDatabase(): Promise<{
  url: string;
  name: string;
  drop(): Promise<void>;
}> {
  const name = `regsync_t_${randomBytes(6).toString('hex')}`;
  await onServer((em) => em.getConnection().execute(`create database "${name}"`));
  const url = new URL(testServerUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      await onServer((em) =>
        em.getConnection().execute(`drop database if exists "${name}" with (force)`),
      );
    },
  };
}

/**
 * An initialised, empty PGlite folder shared by all test runs of this PGlite version (in the
 * OS temp folder). PGlite's initdb costs 2.5 s on an idle machine and 20 s under load; a copy
 * of this folder costs a fraction of it. Workers racing to build it each build their own and
 * the first rename wins.
 */
async function pgliteTemplate(): Promise<string> {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const pkg = JSON.parse(await readFile(join(dirname(entry), '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  const template = join(tmpdir(), `regsync-pglite-template-${pkg.version}`);
  if (existsSync(join(template, 'pglite', 'PG_VERSION'))) return template;
  const building = await mkdtemp(join(tmpdir(), 'regsync-pglite-building-'));
  await initEmbeddedDataFolder(join(building, 'pglite'));
  await rename(building, template).catch(() => rm(building, { recursive: true, force: true }));
  return template;
}

/**
 * A fresh temp folder for a data directory; `remove()` deletes it. With `seeded`, it already
 * holds an initialised, empty (unmigrated) PGlite database.
 */
export async function createTempDataDir(
  options: { seeded?: boolean } = {},
): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'regsync-db-'));
  if (options.seeded)
    await cp(join(await pgliteTemplate(), 'pglite'), join(dir, 'pglite'), { recursive: true });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** One database of a contract test file; valid between beforeAll and afterAll. */
export class DatabaseFixture {
  readonly driver: DatabaseDriverName;
  #db: Database | undefined;
  #url: string | undefined;
  #dataDir: string | undefined;
  readonly #cleanups: Array<() => Promise<void>> = [];
  readonly #extra: Database[] = [];

  constructor(driver: DatabaseDriverName) {
    this.driver = driver;
  }

  /** The database opened for this file (migrations applied). */
  get db(): Database {
    if (!this.#db) throw new Error('DatabaseFixture used outside its describe block');
    return this.#db;
  }

  /** The options that open this fixture's database; PostgreSQL only has a URL. */
  get openOptions(): OpenDatabaseOptions {
    return { dataDir: this.#dataDir ?? '', ...(this.#url ? { databaseUrl: this.#url } : {}) };
  }

  /** Opens another instance on the same PostgreSQL database (closed in afterAll). */
  async openAnother(options: Partial<OpenDatabaseOptions> = {}): Promise<Database> {
    if (this.driver !== 'postgresql')
      throw new Error('only PostgreSQL can be opened by two instances');
    const db = await openDatabase({ ...this.openOptions, ...options });
    this.#extra.push(db);
    return db;
  }

  async setUp(): Promise<void> {
    const temp = await createTempDataDir({ seeded: this.driver === 'pglite' });
    this.#cleanups.push(temp.remove);
    this.#dataDir = temp.dir;
    if (this.driver === 'postgresql') {
      const database = await createPostgresDatabase();
      this.#cleanups.push(database.drop);
      this.#url = database.url;
    }
    this.#db = await openDatabase(this.openOptions);
  }

  async tearDown(): Promise<void> {
    for (const db of [...this.#extra, ...(this.#db ? [this.#db] : [])])
      await db.close().catch(() => undefined);
    for (const cleanup of this.#cleanups.reverse()) await cleanup();
  }
}

/**
 * Defines `body` once per driver inside `describe('<driver>')`, with a fixture set up in
 * beforeAll and torn down in afterAll. Tests in one file share the database: give each test
 * its own manifest keys.
 */
export function forEachDatabase(
  body: (fixture: DatabaseFixture) => void,
  drivers: DatabaseDriverName[] = DRIVERS,
): void {
  describe.each(drivers)('%s', (driver) => {
    const fixture = new DatabaseFixture(driver);
    beforeAll(() => fixture.setUp());
    afterAll(() => fixture.tearDown());
    body(fixture);
  });
}
