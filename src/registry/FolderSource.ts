/**
 * A registry in a plain folder (a tarball install, the bundled `registry/`): no history, so
 * the revision is a content digest and every sync compares checksums of all manifests,
 * which is cheap because the sync writes nothing for an unchanged checksum.
 *
 * The folder is read live, not snapshotted: a file edited between `resolveRevision` and
 * `read` is read as it is then, and the next run sees a new digest and syncs again.
 */
import { createHash } from 'node:crypto';
import { lstat, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { checkRelativePath } from '../git/checkGitInputs.js';
import { refuseLinkedKindFolder, SourceError } from '../git/SourceError.js';
import type { ManifestChange, ManifestRead, RegistryListing, RegistrySource, Revision } from '../sync/ports.js';
import { readManifestFile, scanRegistryFolder } from './readRegistryFolder.js';
import { KEY_FOLDER } from '../manifest/registryLayout.js';

/** Files hashed at once while computing the digest. */
const PARALLEL_READS = 16;

/** Options of `FolderSource`. */
export interface FolderSourceOptions {
  /** The registry folder (holds `integrations/` and `templates/`). */
  root: string;
}

/**
 * The `RegistrySource` of a plain folder (see the file header): the revision is a digest of
 * every manifest's path and bytes, `listChanges` is always a full listing, and reads refuse
 * symlinks and paths outside the folder as the Git source does.
 */
export class FolderSource implements RegistrySource {
  readonly description: string;
  private readonly root: string;

  constructor(options: FolderSourceOptions) {
    this.root = resolve(options.root);
    this.description = `folder ${this.root}`;
  }

  /**
   * `sha256:` over the sorted (path, sha256 of the bytes) of every manifest, plus every
   * symlink and every unreadable manifest with its rule, so any change that could change
   * the sync's outcome changes the revision. Label: `folder@sha256:<first 12 hex>`.
   */
  async resolveRevision(): Promise<Revision> {
    const listing = await this.list();
    const lines: string[] = [];
    for (let i = 0; i < listing.manifests.length; i += PARALLEL_READS) {
      const batch = listing.manifests.slice(i, i + PARALLEL_READS);
      const reads = await Promise.all(batch.map((path) => this.read('', path)));
      reads.forEach((read, j) => {
        const digest = read.ok ? createHash('sha256').update(read.text).digest('hex') : `!${read.rule}`;
        lines.push(`manifest\t${batch[j]}\t${digest}`);
      });
    }
    for (const link of listing.symlinks) lines.push(`symlink\t${link}`);
    const hex = createHash('sha256').update(lines.join('\n')).digest('hex');
    return { kind: 'digest', id: `sha256:${hex}`, label: `folder@sha256:${hex.slice(0, 12)}` };
  }

  /** Nothing to fetch; checks the folder is there. */
  async prepare(): Promise<void> {
    await this.checkRoot();
  }

  /** Always undefined: a folder has no history, the caller compares checksums of all. */
  async listChanges(): Promise<ManifestChange[] | undefined> {
    return undefined;
  }

  /**
   * `scanRegistryFolder`, plus `<key folder>/manifest.json` for a key folder that is a
   * symlink, so a full scan reads it (rule `symlink`) rather than taking it for deleted.
   * Throws `UNSAFE_PATH` when `integrations` or `templates` itself is a symlink.
   */
  async list(_revision?: string): Promise<RegistryListing> {
    await this.checkRoot();
    const scan = await scanRegistryFolder(this.root).catch((error: unknown) => {
      throw new SourceError('LOCAL_IO', `Cannot read the registry folder ${this.root}`, { cause: error });
    });
    refuseLinkedKindFolder(scan.symlinks);
    const manifests = new Set(scan.manifests);
    for (const link of scan.symlinks) if (KEY_FOLDER.test(link)) manifests.add(`${link}/manifest.json`);
    return { manifests: [...manifests].sort(), symlinks: scan.symlinks };
  }

  /** `readManifestFile`, after refusing a path with any symlinked folder on the way. */
  async read(_revision: string, path: string): Promise<ManifestRead> {
    const rel = checkRelativePath(path, 'path');
    const parts = rel.split('/');
    for (let i = 1; i < parts.length; i++) {
      const folder = parts.slice(0, i).join('/');
      const stats = await lstat(join(this.root, folder)).catch(() => undefined);
      if (stats?.isSymbolicLink()) {
        return { ok: false, rule: 'symlink', message: `${folder} is a symbolic link; links are never followed. Replace it with the folder itself.` };
      }
    }
    return readManifestFile(this.root, rel);
  }

  private async checkRoot(): Promise<void> {
    const stats = await stat(this.root).catch(() => undefined);
    if (!stats?.isDirectory()) {
      throw new SourceError('SOURCE_UNREACHABLE', `The registry folder ${this.root} does not exist or is not a folder`);
    }
  }
}
