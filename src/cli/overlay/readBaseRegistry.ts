/**
 * Reads the registry an overlay sits on (`--base`): a registry folder, a local Git
 * repository, a Git URL, or the word `bundled`. It goes through the same RegistrySource the
 * service follows (createRegistrySource), into a temporary mirror deleted afterwards, and
 * validates each manifest as the sync would, so "valid in the base" means "served by it".
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BUNDLED_REGISTRY } from '../../config/loadConfig.js';
import { SourceError } from '../../git/SourceError.js';
import { validateManifest, type ValidateManifestOptions } from '../../manifest/validateManifest.js';
import { createRegistrySource } from '../createRegistrySource.js';
import { UsageError } from '../UsageError.js';

/** Where the base is and how to read it (the single-source settings of a source). */
export interface BaseRegistryOptions {
  /** A folder, a Git repository (path or URL), or `bundled`. */
  base: string;
  branch?: string;
  subdir?: string;
  revision?: string;
  token?: string;
  cwd: string;
  validate?: ValidateManifestOptions;
}

/** The base as read: what it is, at which revision, and its valid and invalid manifests. */
export interface BaseRegistry {
  description: string;
  revision: string;
  /** Registry-relative paths of the manifests that pass validation (would be served). */
  valid: string[];
  /** Registry-relative paths of manifests that do not (not served, so no collision). */
  invalid: string[];
}

/**
 * Reads and validates the base. A base that cannot be read (no such folder, unreachable,
 * unknown branch) is a UsageError naming `--base`: the command's input is wrong, exit 2.
 */
export async function readBaseRegistry(options: BaseRegistryOptions): Promise<BaseRegistry> {
  const cacheDir = await mkdtemp(join(tmpdir(), 'regsync-base-'));
  try {
    const registry = options.base === 'bundled' ? BUNDLED_REGISTRY : options.base;
    const source = createRegistrySource({
      // A URL (scheme:// or scp-style host:path) as given; a path from the working folder.
      registry: /^[A-Za-z][A-Za-z0-9+.-]*:\/\/|^[^/]+:/.test(registry)
        ? registry
        : resolve(options.cwd, registry),
      cacheDir,
      ...(options.branch ? { branch: options.branch } : {}),
      ...(options.subdir ? { subdir: options.subdir } : {}),
      ...(options.revision ? { revision: options.revision } : {}),
      ...(options.token ? { token: options.token } : {}),
    });
    const revision = await source.resolveRevision();
    await source.prepare(revision);
    const listing = await source.list(revision.id);
    const valid: string[] = [];
    const invalid: string[] = [];
    for (const path of listing.manifests) {
      const read = await source.read(revision.id, path);
      const [kindFolder, name] = path.split('/') as ['integrations' | 'templates', string];
      const ok =
        read.ok &&
        validateManifest(
          { file: path, text: read.text, bytes: read.bytes, folder: { kindFolder, name } },
          options.validate,
        ).success;
      (ok ? valid : invalid).push(path);
    }
    return { description: source.description, revision: revision.label, valid, invalid };
  } catch (error) {
    if (error instanceof SourceError)
      throw new UsageError(`--base ${options.base}: ${error.message}`);
    throw error;
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
}
