import type { Command } from 'commander';
import { openDatabase } from '../../db/openDatabase.js';
import { createUserDataServices } from '../../main.js';
import type { CliIo } from '../CliIo.js';
import { configFromEnv } from '../configFromEnv.js';
import { EXIT, type CommandModule } from '../CommandModule.js';

/**
 * `regsync connections rekey`: after a key rotation (REGSYNC_SECRET_KEY new,
 * REGSYNC_SECRET_KEY_PREVIOUS old), re-encrypts every stored secret under the new key so the
 * old one can be retired. Safe to run again: secrets already under the new key are skipped.
 */
export const connectionsCommand: CommandModule = {
  register(program: Command, io: CliIo, run) {
    const connections = program
      .command('connections')
      .description("manage users' stored connections");
    connections
      .command('rekey')
      .description(
        're-encrypt every connection secret with REGSYNC_SECRET_KEY (after a rotation; see docs/connections.md)',
      )
      .option('--json', 'print one JSON object')
      .action((opts: { json?: boolean }) => {
        run(async () => {
          const config = configFromEnv(io);
          const db = await openDatabase({
            databaseUrl: config.databaseUrl,
            dataDir: config.dataDir,
            migrate: true,
          });
          try {
            // Re-encrypts with REGSYNC_SECRET_KEY, decrypting old values with
            // REGSYNC_SECRET_KEY_PREVIOUS; safe while the service serves (docs/connections.md).
            const services = createUserDataServices({ db, settings: config.userData });
            const report = await services.connections.rekey();
            if (opts.json) io.stdout(`${JSON.stringify(report)}\n`);
            else {
              io.stdout(
                `${report.scanned} connections scanned, ${report.reencrypted} rewritten (${report.plainEncrypted} plain secrets encrypted), ${report.failed.length} failed\n`,
              );
              for (const failure of report.failed) io.stdout(`  ${JSON.stringify(failure)}\n`);
            }
            return report.failed.length > 0 ? EXIT.finding : EXIT.ok;
          } finally {
            await db.close();
          }
        });
      });
    connections
      .command('migrate-operator-fields')
      .description(
        "move fields that are now operator settings out of users' stored configs, apply renames, re-validate and report (docs/connections.md)",
      )
      .option('--dry-run', 'report what would change, write nothing')
      .option('--json', 'print one JSON object')
      .action((opts: { json?: boolean; dryRun?: boolean }) => {
        run(async () => {
          const config = configFromEnv(io);
          const db = await openDatabase({
            databaseUrl: config.databaseUrl,
            dataDir: config.dataDir,
            migrate: true,
          });
          try {
            const services = createUserDataServices({ db, settings: config.userData });
            const report = await services.connections.migrateOperatorFields({
              dryRun: opts.dryRun === true,
            });
            if (opts.json) io.stdout(`${JSON.stringify(report)}\n`);
            else {
              io.stdout(
                `${report.scanned} connections scanned, ${report.dryRun ? 'would migrate' : 'migrated'} ${report.dryRun ? report.items.length : report.migrated}, ${report.unchanged} unchanged, ${report.invalid} still invalid\n`,
              );
              for (const item of report.items)
                io.stdout(
                  `  ${item.integrationType} ${item.id} (user ${item.userId}): removed ${item.removed.join(', ') || '-'}; renamed ${item.renamed.map(([a, b]) => `${a}->${b}`).join(', ') || '-'}${item.findings.length ? `; findings ${item.findings.map((f) => `${f.pointer} ${f.rule}`).join(', ')}` : ''}\n`,
                );
            }
            return report.invalid > 0 ? EXIT.finding : EXIT.ok;
          } finally {
            await db.close();
          }
        });
      });
  },
};
