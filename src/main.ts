/**
 * Composition root: the one place (with src/cli) that wires adapters to the sync's ports.
 * `createRuntime` is shared by `regsync sync`, `regsync serve` and the integration tests,
 * so what the tests start is what production starts.
 */
import type { Logger } from 'pino';
import { gitCacheDir, type RegsyncConfig } from './config/loadConfig.js';
import { openDatabase, type Database } from './db/openDatabase.js';
import { createRegistrySource } from './cli/createRegistrySource.js';
import { OctokitValidationGate } from './github/OctokitValidationGate.js';
import { defaultPluginRegistry } from './mapping/plugins/index.js';
import { pluginInfos } from './mapping/plugins/pluginInfos.js';
import { PollScheduler } from './scheduler/PollScheduler.js';
import { SyncEngine } from './sync/SyncEngine.js';
import type { RegistrySource, SyncRunRecord, ValidationGate } from './sync/ports.js';
import type { PluginRegistry } from './mapping/plugins/PluginRegistry.js';
import type { UserDataSettings } from './config/userDataSettings.js';
import { ConnectionService } from './connections/ConnectionService.js';
import { SecretBox } from './connections/SecretBox.js';
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
  engine: SyncEngine;
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
}

/** Opens the database (applying migrations), builds the source, gate and sync engine. */
export async function createRuntime(
  config: RegsyncConfig,
  options: RuntimeOptions,
): Promise<Runtime> {
  const { logger } = options;
  // The source first: it refuses unsafe URLs at once, before a database is opened.
  const source = createRegistrySource({
    registry: config.registry,
    branch: config.branch,
    subdir: config.subdir,
    token: config.gitToken,
    revision: config.revision,
    cacheDir: gitCacheDir(config),
    logger,
  });
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    migrate: true,
    logger,
    timeouts: { statementMs: config.timeouts.statementMs, lockMs: config.timeouts.lockMs },
    feedRetention: {
      maxEvents: config.feed.retentionEvents,
      maxAgeMs: config.feed.retentionHours * 3600 * 1000,
    },
  });
  try {
    const gate = config.github
      ? new OctokitValidationGate({
          repo: config.github.repo,
          token: config.github.token,
          apiUrl: config.github.apiUrl,
          checkName: config.github.checkName,
          ...(config.github.appId === undefined ? {} : { appId: config.github.appId }),
        })
      : undefined;
    const plugins = defaultPluginRegistry();
    const engine = new SyncEngine(
      {
        source,
        store: db.store,
        clock: { now: () => new Date() },
        gate,
        notifier: db.notifier,
        plugins: pluginInfos(plugins),
        maxRemoveRatio: config.maxRemoveRatio,
        runRetention: config.syncRunRetention,
        onProgress: options.onProgress,
        log: logger,
      },
      db.lock,
    );
    let scheduler: PollScheduler | undefined;
    const runtime: Runtime = {
      config,
      db,
      source,
      gate,
      plugins,
      engine,
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
    workspaces: new WorkspaceService({
      repo: new MikroOrmWorkspaceRepository({ orm: options.db.orm }),
      now: options.now,
    }),
    settings,
  };
}
