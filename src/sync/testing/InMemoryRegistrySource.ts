import { createHash } from 'node:crypto';
import type {
  ManifestChange,
  ManifestRead,
  RegistryListing,
  RegistrySource,
  Revision,
} from '../ports.js';

/**
 * A registry held in memory, commit by commit, for unit tests of the orchestrator. Each
 * commit is a full snapshot of path -> text; `listChanges` diffs snapshots the way
 * `git diff --name-status` would, and answers `undefined` for unknown or rewritten history.
 */
export class InMemoryRegistrySource implements RegistrySource {
  readonly description = 'memory://registry';
  private readonly commits: Array<{ id: string; files: Map<string, string>; parent?: string }> = [];
  private head: string | undefined;
  /** Paths whose read fails as unreadable (a fault injection for tests). */
  readonly unreadable = new Set<string>();
  /** When set, resolveRevision throws this error. */
  failResolve: Error | undefined;
  reads = 0;

  /** Records a commit on top of the head and moves the head to it; returns its id. */
  commit(files: Record<string, string>, options: { parent?: string | null } = {}): string {
    const parent = options.parent === null ? undefined : (options.parent ?? this.head);
    const id = createHash('sha1')
      .update(`${this.commits.length}:${JSON.stringify(files)}`)
      .digest('hex');
    this.commits.push({ id, files: new Map(Object.entries(files)), parent });
    this.head = id;
    return id;
  }

  async resolveRevision(): Promise<Revision> {
    if (this.failResolve) throw this.failResolve;
    if (!this.head)
      // Unclassified, so transient: like a real empty remote (REF_NOT_FOUND, retried).
      throw new Error('empty repository');
    return { kind: 'commit', id: this.head, label: `main@sha1:${this.head}` };
  }

  async prepare(): Promise<void> {}

  async listChanges(from: string, to: string): Promise<ManifestChange[] | undefined> {
    const a = this.find(from);
    const b = this.find(to);
    if (!a || !b || !this.isAncestor(from, to)) return undefined;
    const changes: ManifestChange[] = [];
    for (const [path, text] of b.files) {
      if (!a.files.has(path)) changes.push({ path, status: 'added' });
      else if (a.files.get(path) !== text) changes.push({ path, status: 'modified' });
    }
    for (const path of a.files.keys())
      if (!b.files.has(path)) changes.push({ path, status: 'deleted' });
    return changes.sort((x, y) => x.path.localeCompare(y.path));
  }

  async list(revision: string): Promise<RegistryListing> {
    const commit = this.find(revision);
    return { manifests: [...(commit?.files.keys() ?? [])].sort(), symlinks: [] };
  }

  async read(revision: string, path: string): Promise<ManifestRead> {
    this.reads++;
    if (this.unreadable.has(path))
      return { ok: false, rule: 'file-unreadable', message: `${path} could not be read` };
    const text = this.find(revision)?.files.get(path);
    if (text === undefined)
      return { ok: false, rule: 'file-unreadable', message: `${path} is not in ${revision}` };
    return { ok: true, text, bytes: Buffer.byteLength(text) };
  }

  private find(id: string) {
    return this.commits.find((c) => c.id === id);
  }

  private isAncestor(from: string, to: string): boolean {
    for (let at: string | undefined = to; at; at = this.find(at)?.parent)
      if (at === from) return true;
    return false;
  }
}
