import type { Command } from 'commander';
import { createLogger } from '../../logging/createLogger.js';
import { createRuntime } from '../../main.js';
import type { SyncRunRecord } from '../../sync/ports.js';
import { runSummaryJson } from '../../sync/runJson.js';
import type { CliIo } from '../CliIo.js';
import { configFromEnv } from '../configFromEnv.js';
import { formatProgress } from '../formatProgress.js';
import { EXIT, type CommandModule } from '../CommandModule.js';

function printText(io: CliIo, run: SyncRunRecord): void {
  const c = run.counts;
  const seconds = ((run.durationMs ?? 0) / 1000).toFixed(2);
  io.stdout(
    `${run.status} (${run.reason}): ${run.message ?? ''}\n` +
      `  ${c.added} added, ${c.updated} updated, ${c.unchanged} unchanged, ${c.removed} removed, ${c.invalid} invalid in ${seconds}s\n`,
  );
  for (const entry of run.invalid) {
    for (const f of entry.findings) {
      io.stdout(`  ${f.file}:${f.line}:${f.column}  ${f.severity}  ${f.message}  ${f.rule}\n`);
    }
  }
}

/** `regsync sync`: one sync and a summary (`--once`), or follow the registry on the poll schedule. */
export const syncCommand: CommandModule = {
  register(program: Command, io: CliIo, run) {
    program
      .command('sync')
      .description(
        'sync the registry into the database: once (--once), or follow it on REGSYNC_POLL_CRON',
      )
      .option('--once', 'run one sync, print a summary and exit')
      .option('--force', 'compare every manifest and lift the deletion guard')
      .option('--json', 'print one JSON object (with --once)')
      .action((opts: { once?: boolean; force?: boolean; json?: boolean }) => {
        run(async () => {
          const config = configFromEnv(io);
          // Logs go to stderr so that --json stays parseable on stdout.
          const logger = createLogger(
            opts.json || opts.once ? 'warn' : config.logLevel,
            process.stderr,
          );
          const started = Date.now();
          const progress =
            io.isTty && !opts.json
              ? (done: number, total: number) =>
                  io.stderr(formatProgress(done, total, Date.now() - started))
              : undefined;
          const runtime = await createRuntime(config, { logger, onProgress: progress });
          try {
            const record = await runtime.engine.run({ trigger: 'cli', force: opts.force });
            if (opts.json) io.stdout(`${JSON.stringify(runSummaryJson(record))}\n`);
            else printText(io, record);
            if (opts.once)
              return (record.status === 'succeeded' || record.status === 'skipped') &&
                record.counts.invalid === 0
                ? EXIT.ok
                : EXIT.finding;
            const scheduler = runtime.startScheduler();
            io.stderr(
              `following ${runtime.source.description}; next poll at ${scheduler.nextRunAt()?.toISOString() ?? '?'}\n`,
            );
            await new Promise<void>((resolve) => {
              process.once('SIGTERM', resolve);
              process.once('SIGINT', resolve);
            });
            return EXIT.ok;
          } finally {
            await runtime.close();
          }
        });
      });
  },
};
