/**
 * The registry sources of an instance (issue 14): REGSYNC_REGISTRY as an ordered,
 * comma-separated list (the word `bundled` names the bundled registry), or the sources
 * file REGSYNC_SOURCES_FILE (readSourcesFile.ts). Later sources overlay earlier ones.
 * Pure: the caller passes the text and the environment.
 */
import { basename, resolve } from 'node:path';

/**
 * A source's validation gate's settings (REGSYNC_GITHUB_*, or the sources file's `gate`): present
 * only when a repository is configured.
 */
export interface GitHubSettings {
  /** `owner/name` of the registry repository whose validation check gates a sync. */
  repo: string;
  token?: string;
  apiUrl?: string;
  /** Name of the check run or commit status context that must pass. */
  checkName: string;
  /** Only check runs of this GitHub App count (REGSYNC_GATE_APP_ID; 15368 is GitHub Actions). */
  appId?: number;
}

/** What a source may do to earlier sources' copies (src/sync/layers/layerPolicy.ts). */
export interface SourceRights {
  /** `true`: override any earlier key; a list: only these keys (`hubspot` or `integrations/hubspot`). */
  override: boolean | string[];
  /** Keys of earlier sources not to serve. */
  hide: string[];
}

/** One registry source, fully resolved. */
export interface SourceSettings {
  /** Short unique name: what the API, findings and `?source=` say. */
  name: string;
  /** A Git URL or a folder (absolute), or the bundled registry folder. */
  registry: string;
  isBundled: boolean;
  branch?: string;
  subdir?: string;
  /** The token itself, read from the variable the sources file names (never from the file). */
  gitToken?: string;
  /** The variable that held the token (for messages). */
  tokenEnv?: string;
  revision?: string;
  github?: GitHubSettings;
  rights: SourceRights;
}

/** A name as the sources file allows it. */
export const SOURCE_NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** URLs, scp-style addresses and git transports; everything else is a path. */
export function isUrlLike(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/|^[^/\\]+@[^/\\]+:|::/i.test(value);
}

/** A name for a list entry: `bundled`, else the last path segment without `.git`. */
function derivedName(entry: string): string {
  const tail = basename(entry.replace(/[/\\]+$/, '').replace(/\.git$/, '')).toLowerCase();
  const clean = tail
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return clean === '' ? 'source' : clean;
}

/** Gives each name a unique form (`name`, `name-2`, ...), in order. */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((name) => {
    let candidate = name;
    for (let n = 2; seen.has(candidate); n++) candidate = `${name}-${n}`;
    seen.add(candidate);
    return candidate;
  });
}

/**
 * Parses REGSYNC_REGISTRY when it holds more than one entry (or `bundled`): every entry
 * becomes a source with derived name and no rights; the single-source variables
 * (branch, subfolder, token, revision, gate) keep applying to the FIRST entry only, where a
 * single-source instance had them. Returns the sources and the problems found.
 */
export function parseRegistryList(options: { raw: string; cwd: string; bundledFolder: string }): {
  sources: Array<Omit<SourceSettings, 'rights'>>;
  errors: string[];
} {
  const errors: string[] = [];
  const entries = options.raw.split(',').map((e) => e.trim());
  if (entries.some((e) => e === ''))
    errors.push('REGSYNC_REGISTRY has an empty entry: separate sources with single commas');
  const kept = entries.filter((e) => e !== '');
  const names = uniqueNames(kept.map((e) => (e === 'bundled' ? 'bundled' : derivedName(e))));
  const sources = kept.map((entry, i) => {
    if (entry.startsWith('-'))
      errors.push(
        `REGSYNC_REGISTRY entry ${i + 1} must be a URL, a folder or "bundled", not "${entry}"`,
      );
    const isBundled = entry === 'bundled';
    return {
      name: names[i] ?? `source-${i + 1}`,
      registry: isBundled
        ? options.bundledFolder
        : isUrlLike(entry)
          ? entry
          : resolve(options.cwd, entry),
      isBundled,
    };
  });
  return { sources, errors };
}
