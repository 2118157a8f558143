import type { CommandModule } from '../CommandModule.js';

/**
 * Every verb of `regsync`, in help order, each in its own file named after the verb. A
 * verb's module (and what it imports: the database, the HTTP stack, the GitHub client) is
 * loaded only when that verb runs or the full help is printed, so `regsync --version` and
 * `regsync validate` never load MikroORM, express or octokit (test/integration/cli/loadedModules.test.ts).
 */
export const commandLoaders: Readonly<Record<string, () => Promise<CommandModule>>> = {
  validate: async () => (await import('./validate.js')).validateCommand,
  upgrade: async () => (await import('./upgrade.js')).upgradeCommand,
  diff: async () => (await import('./diff.js')).diffCommand,
  'api-diff': async () => (await import('./apiDiff.js')).apiDiffCommand,
  map: async () => (await import('./map.js')).mapCommand,
  sync: async () => (await import('./sync.js')).syncCommand,
  serve: async () => (await import('./serve.js')).serveCommand,
  migrate: async () => (await import('./migrate.js')).migrateCommand,
  connections: async () => (await import('./connections.js')).connectionsCommand,
};

/**
 * The command modules `argv` (without node and script) needs: only the named verb when the
 * first word is one; none for a bare `--version`; all of them otherwise (help, an unknown
 * verb, no verb), so commander can list every verb and suggest the nearest.
 */
export async function commandsFor(argv: readonly string[]): Promise<CommandModule[]> {
  const first = argv.find((arg) => !arg.startsWith('-'));
  const load = first === undefined ? undefined : commandLoaders[first];
  if (load && Object.hasOwn(commandLoaders, first as string)) return [await load()];
  if (first === undefined && argv.some((arg) => arg === '-V' || arg === '--version')) return [];
  return Promise.all(Object.values(commandLoaders).map((loader) => loader()));
}
