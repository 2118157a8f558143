/** The version `regsync --version` prints: package.json's (src/cli/version.test.ts keeps them equal). */
export const REGSYNC_VERSION = '0.1.0';

/**
 * Whether `argv` (without node and script) asks for the version and nothing else
 * (`--version` or `-V`), which main.ts answers before loading the command line parser.
 */
export function isVersionOnly(argv: readonly string[]): boolean {
  return argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V');
}
