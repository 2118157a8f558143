import { Command, CommanderError, Option } from 'commander';
import type { CliIo } from './CliIo.js';
import { UsageError } from './UsageError.js';
import { commandsFor } from './commands/index.js';

/** Exit codes shared by every command (see README "CLI"). */
export const EXIT = { ok: 0, finding: 1, usage: 2 } as const;

/**
 * A command's action: resolves to its exit code. Expected failures are returned as codes
 * (after printing a message); a thrown UsageError becomes exit 2; anything else is a bug
 * and exits 1 with its message (and the stack only when REGSYNC_DEBUG is set).
 */
export type CommandAction = (io: CliIo) => Promise<number>;

/** One verb of `regsync`: it adds itself to the program and stores its action in `run`. */
export interface CommandModule {
  register(program: Command, io: CliIo, run: (action: CommandAction) => void): void;
}

/** A format option shared by commands that print reports. */
export function formatOption(choices: string[], fallback: string): Option {
  return new Option('--format <format>', 'output format').choices(choices).default(fallback);
}

/**
 * Runs `regsync` with the given arguments (without node and script) and resolves to the
 * exit code. Never calls process.exit, so tests run it in-process.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let action: CommandAction | undefined;
  const program = new Command('regsync')
    .description('Git-driven registry and config sync for integration definitions')
    .version('0.1.0')
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
    if (io.env.REGSYNC_DEBUG) io.stderr(`${err.stack ?? ''}\n`);
    return EXIT.finding;
  }
}
