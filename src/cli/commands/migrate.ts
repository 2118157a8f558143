import type { Command } from 'commander';
import { openDatabase } from '../../db/openDatabase.js';
import { redactDatabaseUrl } from '../../db/redactDatabaseUrl.js';
import type { CliIo } from '../CliIo.js';
import { configFromEnv } from '../configFromEnv.js';
import { EXIT, type CommandModule } from '../CommandModule.js';

/**
 * `regsync migrate`: applies pending database migrations (DATABASE_URL, or the embedded
 * database in REGSYNC_DATA_DIR) and prints what it applied. The service also migrates on
 * startup; this verb lets an operator do it first, e.g. as a deploy step.
 */
export const migrateCommand: CommandModule = {
  register(program: Command, io: CliIo, run) {
    program
      .command('migrate')
      .description('apply pending database migrations and print what was applied')
      .option('--json', 'print one JSON object')
      .action((opts: { json?: boolean }) => {
        run(async () => {
          const config = configFromEnv(io);
          const database = config.databaseUrl
            ? redactDatabaseUrl(config.databaseUrl)
            : config.dataDir;
          const db = await openDatabase({
            databaseUrl: config.databaseUrl,
            dataDir: config.dataDir,
            migrate: false,
          });
          try {
            const report = await db.migrate();
            if (opts.json) {
              io.stdout(
                `${JSON.stringify({ driver: db.driver, database, applied: report.applied, current: report.current })}\n`,
              );
            } else if (report.applied.length === 0) {
              io.stdout(
                `${db.driver} ${database}: schema up to date (${report.current.length} migrations applied earlier)\n`,
              );
            } else {
              io.stdout(
                `${db.driver} ${database}: applied ${report.applied.length} migration(s)\n`,
              );
              for (const name of report.applied) io.stdout(`  ${name}\n`);
            }
            return EXIT.ok;
          } finally {
            await db.close();
          }
        });
      });
  },
};
