/**
 * Picks the registry source for `REGSYNC_REGISTRY`: a Git URL, a local Git repository, or a
 * plain folder. Called by the composition root (src/main.ts, src/cli); the default (the
 * bundled registry folder) is decided there.
 */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkRelativePath } from '../git/checkGitInputs.js';
import type { SourceLogger } from '../git/GitRunner.js';
import { SimpleGitSource } from '../git/SimpleGitSource.js';
import type { RegistrySource } from '../sync/ports.js';
import { FolderSource } from '../registry/FolderSource.js';

/** The settings that choose and configure the registry source, as `loadConfig` reads them. */
export interface RegistrySourceConfig {
  /** REGSYNC_REGISTRY: a Git URL (https, ssh, scp-style, file://) or a local folder. */
  registry: string;
  /** REGSYNC_BRANCH (a tag of that name is followed when there is no such branch). */
  branch?: string;
  /** REGSYNC_REGISTRY_SUBDIR: the registry's folder inside the repository or folder. */
  subdir?: string;
  /** REGSYNC_GIT_TOKEN: for a private https repository. */
  token?: string;
  /** REGSYNC_REVISION: a full commit sha or a tag, held instead of following the branch. */
  revision?: string;
  /** Where Git mirrors are kept (e.g. `<data dir>/git`). */
  cacheDir: string;
  /** Git call timeout (no output for this long); default 60 s. */
  timeoutMs?: number;
  logger?: SourceLogger;
}

/** `scheme://...` or scp-style `user@host:path` / `host:path` (a colon before any slash). */
function looksLikeUrl(registry: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(registry) || /^[^/]+:/.test(registry);
}

/** A repository root: a work tree with `.git`, or a bare repository. Parents are not searched. */
export function isGitRepository(folder: string): boolean {
  if (existsSync(join(folder, '.git'))) return true;
  try {
    return (
      statSync(join(folder, 'objects')).isDirectory() &&
      statSync(join(folder, 'refs')).isDirectory() &&
      statSync(join(folder, 'HEAD')).isFile()
    );
  } catch {
    return false;
  }
}

/**
 * SimpleGitSource for URLs and for local folders that are Git repositories (given to git as
 * `file://`, so the mirror fetches committed content only, never the work tree); FolderSource
 * for any other local folder. Unsafe input throws a non-retryable SourceError at once.
 */
export function createRegistrySource(config: RegistrySourceConfig): RegistrySource {
  const git = {
    ...(config.branch ? { branch: config.branch } : {}),
    ...(config.subdir ? { subdir: config.subdir } : {}),
    ...(config.token ? { token: config.token } : {}),
    ...(config.revision ? { pinnedRevision: config.revision } : {}),
    ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}),
    ...(config.logger ? { logger: config.logger } : {}),
    cacheDir: config.cacheDir,
  };
  if (looksLikeUrl(config.registry) && !isAbsolute(config.registry)) {
    return new SimpleGitSource({ url: config.registry, ...git });
  }
  const folder = resolve(config.registry);
  if (isGitRepository(folder)) {
    const url = pathToFileURL(folder).href;
    return new SimpleGitSource({ url: /\s/.test(folder) ? folder : url, ...git });
  }
  const ignored = (['branch', 'token', 'revision'] as const).filter((key) => config[key]);
  if (ignored.length > 0) {
    config.logger?.warn?.(
      { registry: folder, ignored },
      'the registry is a plain folder, not a Git repository: branch, token and revision do not apply',
    );
  }
  const subdir = checkRelativePath(config.subdir ?? '', 'subdir');
  return new FolderSource({ root: subdir ? join(folder, subdir) : folder });
}
