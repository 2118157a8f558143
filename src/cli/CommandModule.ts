/**
 * What every `regsync` verb shares: the exit codes, the action and module shapes, the format
 * option. Apart from `program.ts` so a command never imports the program that lists it (no
 * import cycle between the program and its commands).
 */
import { Option, type Command } from 'commander';
import type { CliIo } from './CliIo.js';

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
