import type { Command } from 'commander';
import { openDatabase } from '../../db/openDatabase.js';
import type { UserDataServices } from '../../http/AppDeps.js';
import { createUserDataServices } from '../../main.js';
import type { CliIo } from '../CliIo.js';
import { configFromEnv } from '../configFromEnv.js';
import { EXIT, type CommandAction, type CommandModule } from '../CommandModule.js';
import { checkImportFile, importConnections } from './connectionsImport.js';

/** Options every `connections` subcommand may take. */
interface CommonOptions {
  json?: boolean;
  dryRun?: boolean;
}

/**
 * One `connections <name>` subcommand: its `--json` (always) and `--dry-run` (when it has
 * one), and an action that gets the user-data services on the configured database (migrations
 * applied) and closes the database after it, whatever it returns or throws.
 */
function subcommand(
  parent: Command,
  io: CliIo,
  run: (action: CommandAction) => void,
  spec: {
    name: string;
    description: string;
    dryRun?: boolean;
    /** Checks the arguments before the database is opened (throws a UsageError: exit 2). */
    check?: (args: string[]) => Promise<void>;
    action: (services: UserDataServices, opts: CommonOptions, args: string[]) => Promise<number>;
  },
): void {
  const command = parent.command(spec.name).description(spec.description);
  if (spec.dryRun) command.option('--dry-run', 'report what would change, write nothing');
  command.option('--json', 'print one JSON object').action((...params: unknown[]) => {
    // commander passes the declared arguments, then the options, then the command.
    const opts = params.at(-2) as CommonOptions;
    const args = params.slice(0, -2).map(String);
    run(async () => {
      await spec.check?.(args);
      const config = configFromEnv(io);
      const db = await openDatabase({
        databaseUrl: config.databaseUrl,
        dataDir: config.dataDir,
        migrate: true,
      });
      try {
        return await spec.action(
          createUserDataServices({ db, settings: config.userData }),
          opts,
          args,
        );
      } finally {
        await db.close();
      }
    });
  });
}

/**
 * `regsync connections rekey | migrate-operator-fields | import <file>`: maintenance of users'
 * stored connections (docs/connections.md). `rekey` re-encrypts every stored secret under
 * REGSYNC_SECRET_KEY after a rotation; `migrate-operator-fields` moves fields that are now
 * operator settings out of stored configs; `import` reads legacy connections from NDJSON.
 */
export const connectionsCommand: CommandModule = {
  register(program: Command, io: CliIo, run) {
    const connections = program
      .command('connections')
      .description("manage users' stored connections");
    subcommand(connections, io, run, {
      name: 'rekey',
      description:
        're-encrypt every connection secret with REGSYNC_SECRET_KEY (after a rotation; see docs/connections.md)',
      action: async (services, opts) => {
        // Re-encrypts with REGSYNC_SECRET_KEY, decrypting old values with
        // REGSYNC_SECRET_KEY_PREVIOUS; safe while the service serves (docs/connections.md).
        const report = await services.connections.rekey();
        if (opts.json) io.stdout(`${JSON.stringify(report)}\n`);
        else {
          io.stdout(
            `${report.scanned} connections scanned, ${report.reencrypted} rewritten (${report.plainEncrypted} plain secrets encrypted), ${report.failed.length} failed\n`,
          );
          for (const failure of report.failed) io.stdout(`  ${JSON.stringify(failure)}\n`);
        }
        return report.failed.length > 0 ? EXIT.finding : EXIT.ok;
      },
    });
    subcommand(connections, io, run, {
      name: 'migrate-operator-fields',
      description:
        "move fields that are now operator settings out of users' stored configs, apply renames, re-validate and report (docs/connections.md)",
      dryRun: true,
      action: async (services, opts) => {
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
      },
    });
    subcommand(connections, io, run, {
      name: 'import <file>',
      description:
        'import connections from NDJSON, one a line (legacy columns, TD-001; `-` reads stdin; see docs/connections.md)',
      dryRun: true,
      check: ([file]) => checkImportFile(io, file!),
      action: (services, opts, [file]) => importConnections({ io, services, file: file!, ...opts }),
    });
  },
};
