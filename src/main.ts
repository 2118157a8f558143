/**
 * Composition root: the one place (with src/cli) that wires adapters to the sync's ports.
 * `createRuntime` is shared by `regsync sync`, `regsync serve` and the integration tests,
 * so what the tests start is what production starts.
 */
import type { Logger } from 'pino';
import { join } from 'node:path';
import { gitCacheDir, type GitHubSettings, type RegsyncConfig } from './config/loadConfig.js';
import { openDatabase, type Database } from './db/openDatabase.js';
import type { EmbeddedDatabase } from './db/drivers/pglite.js';
import { createRegistrySource } from './cli/createRegistrySource.js';
import { syncedTemplateContent } from './cli/syncedTemplateContent.js';
import { OctokitValidationGate } from './github/OctokitValidationGate.js';
import { defaultPluginRegistry } from './mapping/plugins/index.js';
import { pluginInfos } from './mapping/plugins/pluginInfos.js';
import { PollScheduler } from './scheduler/PollScheduler.js';
import { LayeredSync, type LayerSpec } from './sync/layers/LayeredSync.js';
import type { RegistrySource, SyncRunRecord, ValidationGate } from './sync/ports.js';
import type { PluginRegistry } from './mapping/plugins/PluginRegistry.js';
import type { UserDataSettings } from './config/userDataSettings.js';
import { ConnectionImporter } from './connections/ConnectionImporter.js';
import { ConnectionService } from './connections/ConnectionService.js';
import { SecretBox } from './connections/SecretBox.js';
import { MikroOrmConnectionImportStore } from './db/connections/MikroOrmConnectionImportStore.js';
import { MikroOrmConnectionRepository } from './db/connections/MikroOrmConnectionRepository.js';
import { MikroOrmWorkspaceRepository } from './db/workspaces/MikroOrmWorkspaceRepository.js';
import type { UserDataServices } from './http/AppDeps.js';
import { WorkspaceService } from './workspaces/WorkspaceService.js';

/**
 * Everything a command needs once the runtime is open: the typed config, the database, the
 * registry source and optional gate, the plugins and the sync engine. `close()` releases them.
 */
export interface Runtime {
  config: RegsyncConfig;
  db: Database;
  source: RegistrySource;
  gate?: ValidationGate;
  plugins: PluginRegistry;
  /** The sync of every configured source (one source: exactly its SyncEngine's runs). */
  engine: LayeredSync;
  /** Every configured source with its gate, in order (`source`/`gate` are the first's). */
  layers: readonly LayerSpec[];
  /** Present once `startScheduler` was called. */
  scheduler?: PollScheduler;
  /**
   * Starts polling on REGSYNC_POLL_CRON. `run` starts one poll's sync; by default the engine
   * runs it directly (the HTTP service passes its observed sync, so polls feed its metrics).
   */
  startScheduler(run?: () => Promise<SyncRunRecord>): PollScheduler;
  /** Stops polling, waits for a running sync to finish, closes the database. */
  close(): Promise<void>;
}

/** How `openRuntime` reports: the logger every part logs to, and an optional progress callback. */
export interface RuntimeOptions {
  logger: Logger;
  /** Called as manifests are processed (the CLI's progress line). */
  onProgress?: (done: number, total: number) => void;
  /** Where a new embedded data folder's templates are looked up (default: the build's; tests pass their own). */
  templateDirs?: { migrated?: string; synced?: string };
  /** The embedded database the caller began opening earlier (openDatabase's `embedded`); closed here when opening fails. */
  embedded?: Promise<EmbeddedDatabase | undefined>;
}

/** Opens the database (applying migrations), builds the source, gate and sync engine. */
export async function createRuntime(
  config: RegsyncConfig,
  options: RuntimeOptions,
): Promise<Runtime> {
  const { logger } = options;
  let specs: LayerSpec[];
  try {
    specs = layerSpecs(config, logger);
  } catch (error) {
    // openDatabase closes an early-opened database once it adopted it; before, nobody would.
    await options.embedded?.then((db) => db?.close()).catch(() => undefined);
    throw error;
  }
  const source = (specs[0] as LayerSpec).source;
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    migrate: true,
    logger,
    // A new folder may start as the build's sync of the bundled registry (syncedTemplateContent.ts).
    syncedContent: syncedTemplateContent(config, source),
    ...(options.templateDirs ? { templateDirs: options.templateDirs } : {}),
    ...(options.embedded ? { embedded: options.embedded } : {}),
    timeouts: { statementMs: config.timeouts.statementMs, lockMs: config.timeouts.lockMs },
    feedRetention: {
      maxEvents: config.feed.retentionEvents,
      maxAgeMs: config.feed.retentionHours * 3600 * 1000,
    },
  });
  try {
    const gate = specs[0]?.gate;
    const plugins = defaultPluginRegistry();
    const engine = await new LayeredSync({
      specs,
      store: db.layers,
      lock: db.lock,
      deps: {
        clock: { now: () => new Date() },
        notifier: db.notifier,
        plugins: pluginInfos(plugins),
        maxRemoveRatio: config.maxRemoveRatio,
        runRetention: config.syncRunRetention,
        onProgress: options.onProgress,
        log: logger,
      },
    }).init();
    let scheduler: PollScheduler | undefined;
    const runtime: Runtime = {
      config,
      db,
      source,
      gate,
      plugins,
      engine,
      layers: specs,
      get scheduler() {
        return scheduler;
      },
      startScheduler(run = () => engine.run({ trigger: 'schedule' })) {
        scheduler ??= new PollScheduler({
          cron: config.pollCron,
          jitterSeconds: config.pollJitterSeconds,
          run,
          log: logger,
        });
        scheduler.start();
        return scheduler;
      },
      async close() {
        await scheduler?.stop();
        await engine.idle();
        await db.close();
      },
    };
    return runtime;
  } catch (error) {
    await db.close();
    throw error;
  }
}

/**
 * One layer spec per configured source, with its registry source and gate. The sources are
 * made before a database is opened: they refuse unsafe URLs at once.
 */
function layerSpecs(config: RegsyncConfig, logger: Logger): LayerSpec[] {
  return config.sources.map((s, i) => ({
    name: s.name,
    source: createRegistrySource({
      registry: s.registry,
      branch: s.branch,
      subdir: s.subdir,
      token: s.gitToken,
      revision: s.revision,
      // The first source keeps the mirror folder of a single-source instance (no refetch).
      cacheDir: i === 0 ? gitCacheDir(config) : join(gitCacheDir(config), 'sources', s.name),
      logger,
    }),
    ...(s.github ? { gate: gateOf(s.github) } : {}),
    rights: s.rights,
  }));
}

/** The validation gate of one source's GitHub settings. */
function gateOf(github: GitHubSettings): ValidationGate {
  return new OctokitValidationGate({
    repo: github.repo,
    token: github.token,
    apiUrl: github.apiUrl,
    checkName: github.checkName,
    ...(github.appId === undefined ? {} : { appId: github.appId }),
  });
}

/**
 * Builds the connection and workspace services on an open database with their settings
 * (`config.userData`, parsed by loadConfig): the MikroORM repositories behind the services'
 * ports, and the secret box of the configured keys.
 */
export function createUserDataServices(options: {
  db: Database;
  settings: UserDataSettings;
  now?: () => Date;
}): UserDataServices {
  const { settings } = options;
  const box = new SecretBox({ current: settings.secretKey, previous: settings.previousKeys });
  return {
    connections: new ConnectionService({
      repo: new MikroOrmConnectionRepository({ orm: options.db.orm }),
      box,
      now: options.now,
      ...(settings.operator ? { operator: settings.operator } : {}),
    }),
    importer: new ConnectionImporter({
      store: new MikroOrmConnectionImportStore({ orm: options.db.orm }),
      box,
      now: options.now,
      ...(settings.operator ? { operator: settings.operator } : {}),
    }),
    workspaces: new WorkspaceService({
      repo: new MikroOrmWorkspaceRepository({ orm: options.db.orm }),
      now: options.now,
    }),
    settings,
  };
}
