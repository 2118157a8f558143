/**
 * The registry sources of the configuration: REGSYNC_SOURCES_FILE, or REGSYNC_REGISTRY (one
 * source, or a comma-separated list), with the single-source variables (REGSYNC_BRANCH,
 * REGSYNC_REGISTRY_SUBDIR, REGSYNC_GIT_TOKEN, REGSYNC_REVISION and the GitHub gate). Called by
 * loadConfig only.
 */
import { basename, resolve } from 'node:path';
import type { EnvReader } from './envReaders.js';
import { bundledPath } from './packagePaths.js';
import { readSourcesFile } from './readSourcesFile.js';
import {
  isUrlLike,
  parseRegistryList,
  uniqueNames,
  type GitHubSettings,
  type SourceSettings,
} from './registrySources.js';

/** Folder of the registry bundled with this package. */
export const BUNDLED_REGISTRY = bundledPath('registry');

/** The registry part of RegsyncConfig (which extends it). */
export interface RegistrySettings {
  /** A Git URL or a local folder: the first source's (the only one without layering). */
  registry: string;
  /**
   * Every registry source, in order (later ones overlay earlier ones): REGSYNC_SOURCES_FILE,
   * or REGSYNC_REGISTRY as a comma-separated list, or the one source of the single-source
   * variables. Never empty.
   */
  sources: SourceSettings[];
  /** True when `registry` is the bundled registry/ of this package (nothing configured). */
  registryIsBundled: boolean;
  branch?: string;
  subdir?: string;
  gitToken?: string;
  /** A commit sha or tag to hold the instance at (rollback); the scheduler does not move it. */
  revision?: string;
}

/** What readRegistrySettings reads from. */
export interface RegistrySettingsInput {
  reader: EnvReader;
  /** Every problem found is pushed here, naming its variable or file. */
  errors: string[];
  /** The whole environment, for the `tokenEnv` variables a sources file names. */
  env: NodeJS.ProcessEnv;
  /** Folder that relative paths are resolved against. */
  cwd: string;
  /** Reads the sources file. */
  readText: (path: string) => string;
  /** The GitHub gate of the single-source variables (the first source's only). */
  github?: GitHubSettings;
}

const noRights = { override: false as const, hide: [] };

const omitUndefined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** A source name from a registry URL or folder (`…/my-registry.git` -> `my-registry`). */
function nameOf(registry: string): string {
  return (
    uniqueNames([
      basename(registry.replace(/\.git$/, ''))
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 40) || 'registry',
    ])[0] ?? 'registry'
  );
}

/** REGSYNC_REGISTRY_SUBDIR, refused when it could leave the repository or read as an option. */
function readSubdir({ reader, errors }: RegistrySettingsInput): string | undefined {
  const subdir = reader.str('REGSYNC_REGISTRY_SUBDIR');
  if (
    subdir !== undefined &&
    (subdir.startsWith('/') || subdir.split(/[\\/]/).includes('..') || subdir.startsWith('-'))
  ) {
    errors.push(
      'REGSYNC_REGISTRY_SUBDIR must be a relative path inside the repository (no "..", no leading "/" or "-")',
    );
  }
  return subdir;
}

/** The sources of REGSYNC_SOURCES_FILE; the bundled registry alone when the file is bad. */
function readSourcesFileVariable(
  input: RegistrySettingsInput,
  sourcesFile: string,
): SourceSettings[] {
  const { errors, env, cwd, readText } = input;
  const path = resolve(cwd, sourcesFile);
  let text: string | undefined;
  try {
    text = readText(path);
  } catch (error) {
    errors.push(`REGSYNC_SOURCES_FILE ${path}: cannot be read (${(error as Error).message})`);
  }
  const read =
    text === undefined
      ? undefined
      : readSourcesFile({ path, text, env, bundledFolder: BUNDLED_REGISTRY });
  if (read && !read.ok) errors.push(...read.errors);
  return read?.ok
    ? read.sources
    : [{ name: 'bundled', registry: BUNDLED_REGISTRY, isBundled: true, rights: noRights }];
}

/**
 * Reads the registry sources. Collects every problem into `input.errors`; the sources are
 * never empty (the bundled registry stands in when nothing valid is configured).
 */
export function readRegistrySettings(input: RegistrySettingsInput): RegistrySettings {
  const { reader, errors, cwd } = input;
  const registryRaw = reader.str('REGSYNC_REGISTRY');
  // URLs, scp-style addresses and git transports (`ext::`, `fd::`) are passed to the source
  // untouched: it refuses the unsafe ones. Only plain paths are resolved against cwd.
  const isUrl = registryRaw !== undefined && isUrlLike(registryRaw);
  const isList =
    registryRaw !== undefined && (registryRaw.includes(',') || registryRaw === 'bundled');
  const registry =
    registryRaw === undefined ? BUNDLED_REGISTRY : isUrl ? registryRaw : resolve(cwd, registryRaw);
  if (registryRaw?.startsWith('-') && !isList) {
    errors.push(
      'REGSYNC_REGISTRY must be a URL or a folder path, not something that starts with "-"',
    );
  }
  const subdir = readSubdir(input);
  const single = {
    branch: reader.str('REGSYNC_BRANCH'),
    subdir,
    gitToken: reader.str('REGSYNC_GIT_TOKEN'),
    revision: reader.str('REGSYNC_REVISION'),
    github: input.github,
  };

  let sources: SourceSettings[];
  const sourcesFile = reader.str('REGSYNC_SOURCES_FILE');
  if (sourcesFile !== undefined) {
    if (registryRaw !== undefined)
      errors.push('set REGSYNC_REGISTRY or REGSYNC_SOURCES_FILE, not both');
    sources = readSourcesFileVariable(input, sourcesFile);
  } else if (isList) {
    const list = parseRegistryList({
      raw: registryRaw ?? '',
      cwd,
      bundledFolder: BUNDLED_REGISTRY,
    });
    errors.push(...list.errors);
    // The single-source variables keep their meaning for the first source only: a token
    // or a gate is never sent to a repository it was not configured for.
    sources = list.sources.map((s, i) => ({
      ...s,
      ...(i === 0 ? omitUndefined(single) : {}),
      rights: noRights,
    }));
  } else {
    sources = [
      {
        name: registryRaw === undefined ? 'bundled' : nameOf(registry),
        registry,
        isBundled: registryRaw === undefined,
        ...omitUndefined(single),
        rights: noRights,
      },
    ];
  }
  const first = sources[0];
  const { branch, gitToken, revision } = single;
  return {
    registry: first?.registry ?? registry,
    sources,
    registryIsBundled: first?.isBundled ?? registryRaw === undefined,
    branch,
    subdir,
    gitToken,
    revision,
  };
}
