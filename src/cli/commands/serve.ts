import type { Command } from 'commander';
import { createLogger } from '../../logging/createLogger.js';
import { turnBufferedSink } from '../../logging/turnBufferedSink.js';
import { githubWebhookTools } from '../../github/githubWebhookTools.js';
import { repoFromRegistryUrl } from '../../github/repoFromRegistryUrl.js';
import { createBootstrapHandler } from '../../http/bootstrapHandler.js';
import type { createHttpRuntime } from '../createHttpRuntime.js';
import { startHttpServer } from '../../http/startHttpServer.js';
import type { createRuntime } from '../../main.js';
import type { CliIo } from '../CliIo.js';
import { configFromEnv } from '../configFromEnv.js';
import { EXIT, type CommandModule } from '../CommandModule.js';

/** Resolves on the first SIGTERM or SIGINT. */
function shutdownSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      resolve(signal);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}

/**
 * `regsync serve`: the HTTP service. Listens at once (`/healthz` answers while the database
 * opens), then opens the database, runs the startup sync in the background (`/readyz`
 * turns ready once a sync has succeeded), and polls the registry. On SIGTERM or SIGINT it
 * stops accepting connections, lets requests in flight and a running sync finish, closes
 * the database and exits 0.
 */
export const serveCommand: CommandModule = {
  register(program: Command, io: CliIo, run) {
    program
      .command('serve')
      .description(
        'run the HTTP service: catalog API, mapping, sync status, GitHub webhook, probes and metrics',
      )
      .action(() => {
        run(async () => {
          const config = configFromEnv(io);
          // A restart's PGlite starts now and runs while the ORM, HTTP and sync modules load
          // below (its WASM compiles off the main thread); a new folder is opened later, with
          // its template (docs/performance.md, "CLI start-up").
          const embedded = config.databaseUrl
            ? undefined
            : import('../../db/drivers/pglite.js').then((m) =>
                m.openExistingEmbeddedDatabase(config.dataDir),
              );
          // createRuntime reports a failure; until then nobody awaits it.
          embedded?.catch(() => undefined);
          // One write per event-loop turn, not per line: under load a turn finishes several
          // requests (turnBufferedSink.ts says what a crash can lose: the turn in progress).
          const logger = createLogger(
            config.logLevel,
            turnBufferedSink(process.stdout) as unknown as NodeJS.WritableStream,
          );
          const stop = shutdownSignal();
          // One delivery-id memory for the startup webhook and the app's.
          const webhooks = githubWebhookTools();
          const server = await startHttpServer({
            port: config.port,
            host: config.host,
            handler: createBootstrapHandler({
              ...(config.webhookSecret
                ? {
                    webhook: {
                      secret: config.webhookSecret,
                      bodyLimitBytes: config.bodyLimitBytes,
                      tools: webhooks,
                      branch: config.branch,
                      // The same rule as followedRepository (createHttpRuntime.ts), without loading it.
                      repository: config.github?.repo ?? repoFromRegistryUrl(config.registry),
                      pinnedRevision: config.revision,
                      logger,
                    },
                  }
                : {}),
            }),
          });
          logger.info(
            {
              url: server.url,
              database: config.databaseUrl ? 'postgresql' : 'embedded',
              registry: config.registryIsBundled ? 'bundled' : 'configured',
            },
            `listening on ${server.url}`,
          );
          let http: Awaited<ReturnType<typeof createHttpRuntime>> | undefined;
          let runtime: Awaited<ReturnType<typeof createRuntime>> | undefined;
          try {
            // The database, HTTP and GitHub libraries load only now, after the first byte can
            // be answered: /healthz must not wait for them (bench/cli measures both).
            const [{ createRuntime, createUserDataServices }, { createHttpRuntime }] =
              await Promise.all([import('../../main.js'), import('../createHttpRuntime.js')]);
            const opening = createRuntime(config, {
              logger,
              ...(embedded ? { embedded } : {}),
            });
            const first = await Promise.race([opening.then(() => 'ready' as const), stop]);
            runtime = await opening;
            const userData = createUserDataServices({
              db: runtime.db,
              settings: config.userData,
            });
            http = await createHttpRuntime(runtime, { logger, userData, webhooks });
            if (first === 'ready') {
              server.use(http.app);
              http.startupSync();
              const scheduler = http.startScheduler();
              logger.info(
                {
                  source: runtime.source.description,
                  nextPollAt: scheduler.nextRunAt()?.toISOString(),
                },
                'serving',
              );
              const signal = await stop;
              logger.info(
                { signal },
                'shutting down: draining requests, letting a running sync finish',
              );
            }
          } finally {
            // Open change feed streams never finish by themselves: end them so the server drains.
            http?.endStreams();
            await server.close();
            if (http) await http.close();
            else await runtime?.close();
          }
          logger.info('stopped');
          return EXIT.ok;
        });
      });
  },
};
