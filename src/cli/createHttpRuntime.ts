/**
 * Wires a Runtime (src/main.ts) to the HTTP layer: adapters for the ports in http/ports.ts, the
 * catalog state and its invalidation by the change notifier, metrics, the observed sync and
 * its poll scheduler, and the Express app. Shared by `regsync serve`, the integration tests
 * and the benchmark, so what they exercise is what production runs.
 */
import type { Express } from 'express';
import type { Logger } from 'pino';
import { DbCatalogQueries } from '../db/DbCatalogQueries.js';
import { githubWebhookTools } from '../github/githubWebhookTools.js';
import { CachedMappingService } from '../http/adapters/CachedMappingService.js';
import type { AppDeps, UserDataServices } from '../http/AppDeps.js';
import { CatalogState } from '../http/CatalogState.js';
import { createApp } from '../http/createApp.js';
import { HttpMetrics } from '../http/metrics/HttpMetrics.js';
import { ObservedSync } from '../http/ObservedSync.js';
import type { FollowedSource, StartedSync, WebhookTools } from '../http/ports.js';
import { SimpleGitSource } from '../git/SimpleGitSource.js';
import { badCursor } from '../http/routes/listQuery.js';
import type { Runtime } from '../main.js';
import type { PollScheduler } from '../scheduler/PollScheduler.js';
import { repoFromRegistryUrl } from '../github/repoFromRegistryUrl.js';
import { FeedHub } from '../feed/FeedHub.js';
import { hostname } from 'node:os';
import { sendWebhook } from '../notify/sendWebhook.js';
import { WebhookDispatcher } from '../notify/WebhookDispatcher.js';
import { accessLineWriter } from '../logging/accessLine.js';

/**
 * The HTTP side of a runtime: the express app with its dependencies, the observed sync, and the
 * start of the startup sync and of polling.
 */
export interface HttpRuntime {
  app: Express;
  deps: AppDeps;
  sync: ObservedSync;
  /** Starts the startup sync in the background and returns it (its outcome is logged). */
  startupSync(): StartedSync;
  /** Starts polling the registry on REGSYNC_POLL_CRON; runs go through the observed sync. */
  startScheduler(): PollScheduler;
  /** The change feed hub (GET /events and the webhook dispatcher listen to it). */
  feed: FeedHub;
  /** The outbound webhook dispatcher; `kick()` sends what is due now (tests drive it to race instances). */
  dispatcher: WebhookDispatcher;
  /** Ends the open change feed streams, so the server can drain (call before closing it). */
  endStreams(): void;
  /** Stops polling and change notifications, lets a running sync finish, closes the database. */
  close(): Promise<void>;
}

/**
 * What `createHttpRuntime` takes besides the runtime: the logger, the user-data services,
 * whether to collect process metrics, and shared webhook tools.
 */
export interface HttpRuntimeOptions {
  logger: Logger;
  /** Connection and workspace services (createUserDataServices in src/main.ts); without them those routes answer 503. */
  userData?: UserDataServices;
  /** Collect Node's process metrics (default true; tests with many apps turn it off). */
  processMetrics?: boolean;
  /** The webhook tools, when the startup webhook shares them (one delivery-id memory). */
  webhooks?: WebhookTools;
}

/**
 * The repository whose pushes start a sync: REGSYNC_GITHUB_REPO, else the one the registry
 * URL names on github.com (https and ssh forms); undefined when neither says (a local or
 * other-host registry), and then any signed push starts a sync.
 */
export function followedRepository(config: Runtime['config']): string | undefined {
  return config.github?.repo ?? repoFromRegistryUrl(config.registry);
}

/**
 * Every configured source as `GET /sync` and the push webhook see it: a source's pushes come
 * from its gate's repository, else the github.com repository its URL names (the first
 * source: REGSYNC_GITHUB_REPO, as `followedRepository`).
 */
export function followedSources(runtime: Runtime): FollowedSource[] {
  return runtime.config.sources.map((s, i) => {
    const layer = runtime.layers[i];
    return {
      name: s.name,
      description: layer?.source.description ?? s.registry,
      branch: s.branch ?? null,
      pinnedRevision: s.revision ?? null,
      gate: layer?.gate?.description ?? null,
      repository: s.github?.repo ?? repoFromRegistryUrl(s.registry) ?? null,
      git: layer?.source instanceof SimpleGitSource,
    };
  });
}

/**
 * Builds the HTTP runtime for an open `Runtime` (see the file header). The caller starts the
 * startup sync and polling (`startupSync`, `startScheduler`) and listens; `close()` undoes it
 * all.
 */
export async function createHttpRuntime(
  runtime: Runtime,
  options: HttpRuntimeOptions,
): Promise<HttpRuntime> {
  const { config, logger } = { config: runtime.config, logger: options.logger };
  const catalog = new DbCatalogQueries(runtime.db, { badCursor });
  const state = new CatalogState({
    // The catalog's revision: one source's revision, or the digest of every source's.
    readRevision: () => runtime.engine.catalogRevision(),
    maxBytes: config.catalogCacheBytes,
  });
  const mapping = new CachedMappingService(runtime.plugins);
  state.onInvalidate(() => mapping.clear());
  const metrics = new HttpMetrics({
    manifestCounts: () => catalog.countManifestStates(),
    processMetrics: options.processMetrics,
  });
  const sync = new ObservedSync({
    engine: runtime.engine,
    metrics,
    state,
    source: {
      description: runtime.source.description,
      branch: config.branch ?? null,
      pinnedRevision: config.revision ?? null,
      gate: runtime.gate?.description ?? null,
    },
    sources: followedSources(runtime),
    lastRunOf: (name) => runtime.engine.layers.find((l) => l.info.name === name)?.engine.lastResult,
    log: logger,
  });
  // Another instance (or this one) finished a sync that changed the catalog.
  const unsubscribe = await runtime.db.notifier.subscribe((revision) => {
    logger.debug({ revision }, 'catalog changed');
    state.changed(revision);
  });
  const feed = new FeedHub({
    reader: runtime.db.feed,
    signal: runtime.db.feedSignal,
    log: logger,
  });
  await feed.start();
  const dispatcher = new WebhookDispatcher({
    settings: config.notify,
    hub: feed,
    reader: runtime.db.feed,
    store: runtime.db.deliveries,
    send: sendWebhook,
    instance: `${hostname()}:${process.pid}`,
    log: logger,
  });
  dispatcher.start();
  const deps: AppDeps & { userData?: UserDataServices } = {
    ...(options.userData ? { userData: options.userData } : {}),
    deliveries: runtime.db.deliveries,
    feed: {
      hub: feed,
      reader: runtime.db.feed,
      maxStreams: config.feed.maxStreams,
      heartbeatMs: config.feed.heartbeatSeconds * 1000,
    },
    catalog,
    state,
    sync,
    mapping,
    webhooks: options.webhooks ?? githubWebhookTools(),
    metrics,
    logger,
    accessLine: accessLineWriter(logger),
    settings: {
      adminToken: config.adminToken,
      webhookSecret: config.webhookSecret,
      bodyLimitBytes: config.bodyLimitBytes,
      maxJsonDepth: config.maxJsonDepth,
      mapConcurrency: config.mapConcurrency,
      mapQueue: config.mapQueue,
      branch: config.branch,
      repository: followedRepository(config),
      pinnedRevision: config.revision,
      requestTimeoutMs: config.timeouts.requestMs,
      readinessTimeoutMs: config.timeouts.readinessMs,
    },
  };
  const unknown = sync.sources.filter((s) => s.git && s.repository === null).map((s) => s.name);
  if (config.webhookSecret && sync.sources.length > 1 && unknown.length > 0)
    logger.warn(
      { sources: unknown },
      'push webhook: the repository of these sources is not known (no gate repo, and the URL is not a github.com repository): a signed push no other source claims syncs them',
    );
  else if (config.webhookSecret && sync.sources.length === 1 && !deps.settings.repository)
    logger.warn(
      'push webhook: the followed repository is not known (REGSYNC_GITHUB_REPO unset, and the registry URL is not a github.com repository): any signed push starts a sync',
    );
  return {
    app: createApp(deps),
    deps,
    sync,
    feed,
    dispatcher,
    endStreams() {
      feed.endStreams();
    },
    startupSync() {
      const started = sync.start({ trigger: 'startup' });
      started.done.then(
        (run) =>
          logger.info(
            { runId: run.id, status: run.status, reason: run.reason },
            'startup sync finished',
          ),
        (error: Error) => logger.error({ err: error.message }, 'startup sync threw'),
      );
      return started;
    },
    startScheduler() {
      const scheduler = runtime.startScheduler(() => sync.start({ trigger: 'schedule' }).done);
      sync.attachScheduler(scheduler);
      return scheduler;
    },
    async close() {
      feed.endStreams();
      await dispatcher.close();
      await feed.close();
      await unsubscribe().catch(() => undefined);
      // Stops the scheduler, lets a running sync finish, closes the database.
      await runtime.close();
    },
  };
}
