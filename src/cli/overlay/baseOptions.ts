/**
 * The options `regsync validate` and `regsync diff` share to check an overlay against the
 * registry it sits on: where the base is (as a source of REGSYNC_SOURCES_FILE names it) and
 * the overlay's rights (`override`, `hide`, as the sources file gives them).
 */
import type { Command } from 'commander';
import type { LayerRights } from '../../sync/layers/layerPolicy.js';
import { UsageError } from '../UsageError.js';
import type { BaseRegistryOptions } from './readBaseRegistry.js';
import type { OverlayLayers } from './placeOverlay.js';

/** The parsed shared options (commander's camel-cased names). */
export interface BaseCliOptions {
  base?: string;
  baseBranch?: string;
  baseSubdir?: string;
  baseRevision?: string;
  baseTokenEnv?: string;
  baseName: string;
  name: string;
  override?: boolean | string;
  hide?: string;
}

/** The pattern of an `override` or `hide` entry (schemas/registry-sources.schema.json `key`). */
const ENTRY = /^((integrations|templates)\/)?[a-z0-9][a-z0-9-]*$/;
/** A source name (schemas/registry-sources.schema.json). */
const NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** Adds `--base` and its companions to a command. */
export function addBaseOptions(command: Command): Command {
  return command
    .option(
      '--base <registry>',
      'check an overlay against the registry it sits on: a registry folder, a Git repository (path or URL) or "bundled"',
    )
    .option('--base-branch <branch>', 'branch (or tag) of a Git base (default: its default branch)')
    .option('--base-subdir <dir>', 'registry folder inside the base (holds integrations/)')
    .option('--base-revision <rev>', 'pinned commit sha or tag of a Git base')
    .option(
      '--base-token-env <name>',
      'name of the environment variable holding the token of a private https base',
    )
    .option('--base-name <name>', 'source name of the base, as findings say it', 'upstream')
    .option('--name <name>', 'source name of the overlay, as findings say it', 'overlay')
    .option(
      '--override [keys]',
      'the overlay may replace base definitions: of any key (no value) or of these (comma-separated keys or integrations/<key>, templates/<key>)',
    )
    .option('--hide <keys>', 'base keys the overlay does not want served (comma-separated)');
}

function entries(flag: string, raw: string): string[] {
  const list = raw
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const bad = list.filter((e) => !ENTRY.test(e));
  if (bad.length > 0)
    throw new UsageError(
      `${flag}: ${bad.map((e) => JSON.stringify(e)).join(', ')} is not a key (hubspot) or a registry folder (integrations/hubspot, templates/saas-startup)`,
    );
  return [...new Set(list)];
}

/** The overlay's rights and the two names, as the layer policy takes them. */
export function layersOf(opts: BaseCliOptions): OverlayLayers {
  for (const [flag, name] of [
    ['--name', opts.name],
    ['--base-name', opts.baseName],
  ] as const)
    if (!NAME.test(name))
      throw new UsageError(
        `${flag} ${JSON.stringify(name)}: a source name is lowercase letters, digits and dashes (at most 40)`,
      );
  if (opts.name === opts.baseName)
    throw new UsageError(`--name and --base-name are both ${JSON.stringify(opts.name)}`);
  const override: LayerRights['override'] =
    opts.override === undefined || opts.override === false
      ? false
      : opts.override === true
        ? true
        : entries('--override', opts.override);
  const hide = opts.hide === undefined ? [] : entries('--hide', opts.hide);
  return { baseName: opts.baseName, overlayName: opts.name, rights: { override, hide } };
}

/** Where the base is, from the options; a token is read from the variable named. */
export function baseOf(
  opts: BaseCliOptions,
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
): Omit<BaseRegistryOptions, 'validate'> {
  if (opts.base === undefined) throw new UsageError('--base is required here');
  let token: string | undefined;
  if (opts.baseTokenEnv !== undefined) {
    token = env[opts.baseTokenEnv];
    if (token === undefined || token === '')
      throw new UsageError(
        `--base-token-env ${opts.baseTokenEnv}: that environment variable is not set`,
      );
  }
  return {
    base: opts.base,
    cwd,
    ...(opts.baseBranch ? { branch: opts.baseBranch } : {}),
    ...(opts.baseSubdir ? { subdir: opts.baseSubdir } : {}),
    ...(opts.baseRevision ? { revision: opts.baseRevision } : {}),
    ...(token ? { token } : {}),
  };
}
