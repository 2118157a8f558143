import { Command, CommanderError } from 'commander';
import type { CliIo } from './CliIo.js';
import { UsageError } from './UsageError.js';
import { commandsFor } from './commands/index.js';
import { EXIT, type CommandAction } from './CommandModule.js';
import { REGSYNC_VERSION } from './version.js';
import { printsStackTraces } from '../config/cliSettings.js';

export { EXIT, formatOption } from './CommandModule.js';
export type { CommandAction, CommandModule } from './CommandModule.js';

/**
 * Runs `regsync` with the given arguments (without node and script) and resolves to the
 * exit code. Never calls process.exit, so tests run it in-process.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let action: CommandAction | undefined;
  const program = new Command('regsync')
    .description('Git-driven registry and config sync for integration definitions')
    .version(REGSYNC_VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run regsync --help for usage)');
  for (const command of await commandsFor(argv)) {
    command.register(program, io, (a) => {
      action = a;
    });
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and version are successes; every other commander error is a usage error.
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      ) {
        return EXIT.ok;
      }
      return EXIT.usage;
    }
    throw error;
  }
  if (!action) {
    io.stderr(program.helpInformation());
    return EXIT.usage;
  }
  try {
    return await action(io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`regsync: ${error.message}\n`);
      return EXIT.usage;
    }
    const err = error as Error & { code?: string };
    io.stderr(`regsync: ${err.message}${err.code ? ` (${err.code})` : ''}\n`);
    if (printsStackTraces(io.env)) io.stderr(`${err.stack ?? ''}\n`);
    return EXIT.finding;
  }
}
