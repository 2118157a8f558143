/**
 * The embedded driver: PGlite (PostgreSQL compiled to WASM) through the third-party
 * `mikro-orm-pglite`. Everything that knows about those two packages lives in this file and
 * pgliteOrmDriver.ts, so the driver can be swapped (MikroORM 7 ships an official one) without
 * touching the rest. `mikro-orm-pglite` (and with it MikroORM, knex and pg) is imported only
 * while PGlite starts, so `regsync serve` can start PGlite before those modules load
 * (openExistingEmbeddedDatabase).
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Options } from '@mikro-orm/core';
import type { PGliteDriver } from 'mikro-orm-pglite';
import { DatabaseError } from '../DatabaseError.js';
import { claimDataFolder } from './claimDataFolder.js';
import { copyFirstTemplateInto, type TemplateCandidate } from './pgliteTemplate.js';

/**
 * Data folders open in this process: PGlite has one session and must never be opened twice.
 * Other processes are kept off by claimDataFolder's lock file.
 */
const openDirs = new Set<string>();

/** An open embedded database and the ORM options that use it. */
export interface EmbeddedDatabase {
  /** Absolute path of the PGlite data folder. */
  dir: string;
  options: Options;
  /** Whether the folder was new and began as a copy of one of the build's templates (pgliteTemplate.ts). */
  fromTemplate: boolean;
  /** Which template, when `fromTemplate`. */
  template?: TemplateCandidate['kind'];
  /** Closes PGlite (after the ORM is closed) and frees the folder for this process. */
  close(): Promise<void>;
}

/**
 * Opens (creating it and its parent folders when missing) the PGlite database persisted in
 * `<dataDir>/pglite`. A new folder starts as a copy of the first of `templates` whose stamp
 * matches (pgliteTemplate.ts; asked only for a new folder), else PGlite's initdb makes it.
 * Throws DATABASE_IN_USE when this process already has it open.
 */
export async function openEmbeddedDatabase(
  dataDir: string,
  options: { templates?: () => Promise<readonly TemplateCandidate[]> } = {},
): Promise<EmbeddedDatabase> {
  const dir = resolve(join(dataDir, 'pglite'));
  if (openDirs.has(dir)) {
    throw new DatabaseError(
      'DATABASE_IN_USE',
      `The embedded database in ${dir} is already open in this process`,
    );
  }
  openDirs.add(dir);
  let pglite: PGlite | undefined;
  let release: (() => Promise<void>) | undefined;
  let template: TemplateCandidate | undefined;
  let driver: typeof PGliteDriver | undefined;
  try {
    // PGlite does not create missing parent folders itself.
    await mkdir(dir, { recursive: true });
    release = await claimDataFolder(`${dir}.lock`, `The embedded database in ${dir}`);
    // Under the claim, so two processes never fill the same new folder.
    if (options.templates) template = await copyFirstTemplateInto(dir, options.templates);
    // The ORM driver's modules load while PGlite starts (its WASM compiles off the main thread).
    const loading = import('mikro-orm-pglite');
    loading.catch(() => undefined);
    pglite = await PGlite.create(dir);
    driver = (await loading).PGliteDriver;
  } catch (error) {
    await release?.();
    openDirs.delete(dir);
    if (error instanceof DatabaseError) throw error;
    throw new DatabaseError(
      'DATABASE_UNAVAILABLE',
      `Cannot open the embedded database in ${dir}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const releaseClaim = release;
  const instance = pglite;
  const ormDriver = driver;
  return {
    dir,
    fromTemplate: template !== undefined,
    ...(template ? { template: template.kind } : {}),
    options: {
      driver: ormDriver,
      // PGlite has a single database; the name only labels the snapshot and logs.
      dbName: 'postgres',
      // The instance is borrowed: the ORM does not close it, close() below does.
      driverOptions: { connection: { pglite: () => instance } },
    },
    async close() {
      try {
        if (!instance.closed) await instance.close();
      } finally {
        await releaseClaim();
        openDirs.delete(dir);
      }
    },
  };
}

/**
 * Opens the embedded database in `<dataDir>/pglite` when that folder already holds one (a
 * restart), else resolves to undefined and leaves a new folder to openDatabase (which picks
 * its template). `regsync serve` calls it before the ORM, HTTP and sync modules load, so
 * PGlite's start overlaps their loading; openDatabase adopts what it opened (its `embedded`
 * option). Rejects as openEmbeddedDatabase does.
 */
export async function openExistingEmbeddedDatabase(
  dataDir: string,
): Promise<EmbeddedDatabase | undefined> {
  if (!existsSync(join(resolve(dataDir), 'pglite', 'PG_VERSION'))) return undefined;
  return openEmbeddedDatabase(dataDir);
}

/**
 * Initialises an empty PGlite data folder at `dir` (PGlite's initdb, the slow part of a first
 * open) and closes it. Tests copy one such folder instead of paying initdb per test file.
 */
export async function initEmbeddedDataFolder(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const pglite = await PGlite.create(dir);
  await pglite.close();
}
