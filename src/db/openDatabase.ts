/**
 * The database adapter's entry point: opens PGlite or PostgreSQL, applies migrations and
 * builds the ports on top. The only module that picks a driver (see docs/database.md).
 */
import { MikroORM } from '@mikro-orm/core';
import type { Options } from '@mikro-orm/core';
import type { ChangeNotifier, Clock, SyncLock } from '../sync/ports.js';
import { DatabaseError } from './DatabaseError.js';
import { openEmbeddedDatabase } from './drivers/pglite.js';
import type { EmbeddedDatabase } from './drivers/pglite.js';
import {
  PGLITE_SYNCED_TEMPLATE_DIR,
  PGLITE_TEMPLATE_DIR,
  syncedTemplateStamp,
  templateStamp,
  type TemplateCandidate,
} from './drivers/pgliteTemplate.js';
import { postgresqlOptions, type SessionTimeouts } from './drivers/postgresql.js';
import { InProcessChangeNotifier } from './inprocess/InProcessChangeNotifier.js';
import { InProcessSyncLock } from './inprocess/InProcessSyncLock.js';
import { MIGRATION_LOCK_OBJECT } from './locks.js';
import { migrateDatabase } from './migrateDatabase.js';
import type { MigrationReport } from './migrateDatabase.js';
import { migrationsList } from './migrationsList.js';
import { MikroOrmCatalogReader } from './MikroOrmCatalogReader.js';
import { MikroOrmLayerStore } from './MikroOrmLayerStore.js';
import { MikroOrmDefinitionStore } from './MikroOrmDefinitionStore.js';
import { ormOptionsFor } from './ormOptions.js';
import { PgAdvisoryLock, withAdvisoryLock } from './postgres/PgAdvisoryLock.js';
import { PgChangeNotifier } from './postgres/PgChangeNotifier.js';
import type { FeedRetention, FeedSignal } from '../feed/ports.js';
import { FEED_CHANNEL } from './catalogChannel.js';
import { MikroOrmChangeFeed } from './MikroOrmChangeFeed.js';
import { MikroOrmDeliveryStore } from './MikroOrmDeliveryStore.js';
import { redactDatabaseUrl, scrubSecret } from './redactDatabaseUrl.js';

/** Where the adapter reports; pino's logger fits. Messages never hold credentials. */
export interface DatabaseLogger {
  info(message: string): void;
  warn(message: string): void;
}

/**
 * Options of `openDatabase`: which database (a PostgreSQL URL, else PGlite in the data folder),
 * whether to migrate, session timeouts, logger and clock.
 */
export interface OpenDatabaseOptions {
  /**
   * PostgreSQL session timeouts (statement, lock). PGlite runs one statement at a time in
   * this process and has no timer to cancel one, so there the request deadline is the bound.
   */
  timeouts?: SessionTimeouts;
  /** PostgreSQL URL; when unset, the embedded PGlite database in `<dataDir>/pglite` is used. */
  databaseUrl?: string;
  /** Regsync's data folder (created when missing). */
  dataDir: string;
  /** Apply pending migrations before returning. Default true. */
  migrate?: boolean;
  logger?: DatabaseLogger;
  clock?: Clock;
  /** How long the change feed keeps events (default DEFAULT_FEED_RETENTION). */
  feedRetention?: FeedRetention;
  /**
   * What the build's synced template must hold (syncedTemplateStamp's `content`) for a new
   * embedded data folder to start from it, when the caller's configuration serves exactly
   * that; asked only for a new folder. Unset, or resolving to undefined: only the migrated
   * template is tried.
   */
  syncedContent?: () => Promise<string | undefined>;
  /** Where the templates are looked up (default: the build's; tests pass their own). */
  templateDirs?: { migrated?: string; synced?: string };
  /**
   * The embedded database the caller began opening earlier (openExistingEmbeddedDatabase:
   * `regsync serve` starts PGlite while its other modules load). Adopted when it resolves to
   * one (and closed with the database); when it resolves to undefined the folder is opened
   * here. Ignored with `databaseUrl`.
   */
  embedded?: Promise<EmbeddedDatabase | undefined>;
}

/** The driver behind an open database: embedded PGlite or a PostgreSQL server. */
export type DatabaseDriverName = 'pglite' | 'postgresql';

/** An open database and the ports built on it. Close it once; it is not reusable after. */
export interface Database {
  driver: DatabaseDriverName;
  orm: MikroORM;
  store: MikroOrmDefinitionStore;
  /** Layered registries: the cross-source reads and the per-source stores (`forOrigin`). */
  layers: MikroOrmLayerStore;
  catalog: MikroOrmCatalogReader;
  lock: SyncLock;
  notifier: ChangeNotifier;
  /** The recorded change events (`change_event`). */
  feed: MikroOrmChangeFeed;
  /** Wakes the feed when an event was recorded, by any instance on this database. */
  feedSignal: FeedSignal;
  /** The outbound webhooks' delivery rows (`notify_delivery`). */
  deliveries: MikroOrmDeliveryStore;
  /** What opening applied (`applied` is empty when `migrate: false` or nothing was pending). */
  migrations: MigrationReport;
  /** Applies pending migrations now (what `regsync migrate` runs). */
  migrate(): Promise<MigrationReport>;
  close(): Promise<void>;
}

/** The templates a new embedded data folder may start from, best first (pgliteTemplate.ts). */
async function templateCandidates(options: OpenDatabaseOptions): Promise<TemplateCandidate[]> {
  const migrated = await templateStamp(migrationsList);
  const content = await options.syncedContent?.();
  return [
    ...(content === undefined
      ? []
      : [
          {
            kind: 'synced' as const,
            dir: options.templateDirs?.synced ?? PGLITE_SYNCED_TEMPLATE_DIR,
            stamp: syncedTemplateStamp(migrated, content),
          },
        ]),
    {
      kind: 'migrated',
      dir: options.templateDirs?.migrated ?? PGLITE_TEMPLATE_DIR,
      stamp: migrated,
    },
  ];
}

/**
 * Opens the database. Throws a DatabaseError (`DATABASE_UNAVAILABLE`, `DATABASE_IN_USE`,
 * `DATABASE_MIGRATION_FAILED`) whose message has the URL's password redacted.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const url = options.databaseUrl || undefined;
  const scrub = (text: string): string => scrubSecret(text, url);
  const logger = options.logger;
  let embedded: EmbeddedDatabase | undefined;
  let driverOptions: Options;
  if (url) {
    driverOptions = postgresqlOptions(url, options.timeouts);
  } else {
    embedded =
      (await options.embedded) ??
      (await openEmbeddedDatabase(options.dataDir, {
        templates: () => templateCandidates(options),
      }));
    driverOptions = embedded.options;
    if (embedded.template)
      logger?.info(
        `created the embedded database in ${embedded.dir} from the build's ${embedded.template} template`,
      );
  }
  const driver: DatabaseDriverName = url ? 'postgresql' : 'pglite';
  const where = url
    ? `PostgreSQL at ${redactDatabaseUrl(url)}`
    : `the embedded database in ${embedded?.dir}`;

  let orm: MikroORM | undefined;
  try {
    orm = await MikroORM.init({
      ...ormOptionsFor(driverOptions, migrationsList),
      logger: (message: string) => logger?.warn(scrub(message)),
    });
    const check = await orm.checkConnection();
    if (!check.ok) {
      throw new DatabaseError(
        'DATABASE_UNAVAILABLE',
        `Cannot connect to ${where}: ${scrub(check.reason)}`,
      );
    }
  } catch (error) {
    await orm?.close(true).catch(() => undefined);
    await embedded?.close().catch(() => undefined);
    if (error instanceof DatabaseError) throw error;
    throw new DatabaseError(
      'DATABASE_UNAVAILABLE',
      `Cannot open ${where}: ${scrub((error as Error).message)}`,
    );
  }
  const openOrm = orm;

  const migrate = (): Promise<MigrationReport> =>
    migrateDatabase(openOrm, {
      scrub,
      serialize: url ? (fn) => withAdvisoryLock(openOrm, MIGRATION_LOCK_OBJECT, fn) : undefined,
    });
  // PostgreSQL announces an event with a NOTIFY inside its transaction; PGlite has only this
  // process, so the store signals the in-process hub after the commit.
  const inProcessFeed = url ? undefined : new InProcessChangeNotifier();
  const feedSignal = url
    ? new PgChangeNotifier({
        orm: openOrm,
        logger,
        channel: FEED_CHANNEL,
        // After a lost listening session, one wake-up: the feed re-reads what it missed.
        currentRevision: () => Promise.resolve('reconnected'),
      })
    : (inProcessFeed as InProcessChangeNotifier);
  const store = new MikroOrmDefinitionStore({
    orm: openOrm,
    clock: options.clock,
    feed: {
      retention: options.feedRetention,
      ...(url
        ? { notifyChannel: FEED_CHANNEL }
        : { onRecorded: (id) => void inProcessFeed?.publish(String(id)) }),
    },
  });
  const notifier = url
    ? new PgChangeNotifier({
        orm: openOrm,
        logger,
        currentRevision: () => store.lastSyncedRevision(),
      })
    : new InProcessChangeNotifier({
        onSubscriberError: (e) => logger?.warn(`catalog change subscriber failed: ${e.message}`),
      });
  const pgLock = url ? new PgAdvisoryLock({ orm: openOrm, logger }) : undefined;
  const lock = pgLock ?? new InProcessSyncLock();
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    // The lock keeps its session between runs; it goes before the pool it came from.
    await pgLock?.close().catch(() => undefined);
    await notifier.close().catch(() => undefined);
    await feedSignal.close().catch(() => undefined);
    await openOrm.close(true);
    await embedded?.close();
  };

  let migrations: MigrationReport = { applied: [], current: [] };
  if (options.migrate !== false) {
    try {
      migrations = await migrate();
    } catch (error) {
      await close().catch(() => undefined);
      throw error;
    }
    if (migrations.applied.length > 0)
      logger?.info(`database migrations applied: ${migrations.applied.join(', ')}`);
  }

  return {
    driver,
    orm: openOrm,
    store,
    layers: new MikroOrmLayerStore({ orm: openOrm, base: store, clock: options.clock }),
    catalog: new MikroOrmCatalogReader({ orm: openOrm }),
    lock,
    notifier,
    feed: new MikroOrmChangeFeed({ orm: openOrm }),
    feedSignal,
    deliveries: new MikroOrmDeliveryStore({ orm: openOrm }),
    migrations,
    migrate,
    close,
  };
}
