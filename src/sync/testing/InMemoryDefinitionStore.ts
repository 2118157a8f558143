import type { Finding } from '../../manifest/Finding.js';
import { SyncReason } from '../reasons.js';
import type {
  DefinitionStore,
  ManifestStateKind,
  RevisionChanges,
  RevisionWritten,
  SyncRunRecord,
  ValidManifest,
} from '../ports.js';

/**
 * The DefinitionStore contract in memory, for unit tests of the orchestrator. Counts every
 * write so tests can assert that an unchanged manifest costs none. `failOn` makes
 * `saveManifest` throw for one path, as a database failure would: `applyRevision` then
 * restores everything it wrote, as a rolled-back transaction does.
 */
export class InMemoryDefinitionStore implements DefinitionStore {
  readonly manifests = new Map<
    string,
    { checksum: string; revision: string; removed: boolean; key: string }
  >();
  readonly states = new Map<
    string,
    { state: ManifestStateKind; findings: Finding[]; detail?: string }
  >();
  readonly runs = new Map<string, SyncRunRecord>();
  writes = 0;
  failOn: string | undefined;

  async lastSyncedRevision(): Promise<string | undefined> {
    // The newest by start time, as the database orders them (not the last one saved).
    const done = [...this.runs.values()]
      .filter((r) => r.status === 'succeeded' && r.toRevision)
      .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
    return done.at(-1)?.toRevision;
  }

  async activeChecksums(paths?: readonly string[]): Promise<Map<string, string>> {
    const map = new Map<string, string>();
    for (const [path, m] of this.manifests)
      if (!m.removed && (!paths || paths.includes(path))) map.set(path, m.checksum);
    return map;
  }

  async countActive(): Promise<number> {
    return [...this.manifests.values()].filter((m) => !m.removed).length;
  }

  async saveManifest(manifest: ValidManifest, revision: string): Promise<'added' | 'updated'> {
    if (this.failOn === manifest.path)
      throw Object.assign(new Error('connection reset'), { code: 'DB_FAILED' });
    const existed =
      this.manifests.has(manifest.path) && !this.manifests.get(manifest.path)?.removed;
    this.manifests.set(manifest.path, {
      checksum: manifest.checksum,
      revision,
      removed: false,
      key: manifest.manifest.key,
    });
    this.states.set(manifest.path, { state: 'active', findings: [] });
    this.writes++;
    return existed ? 'updated' : 'added';
  }

  async applyRevision(changes: RevisionChanges): Promise<RevisionWritten> {
    const manifests = new Map([...this.manifests].map(([k, v]) => [k, { ...v }]));
    const states = new Map(this.states);
    const writes = this.writes;
    try {
      const counts = { added: 0, updated: 0 };
      for (const m of changes.save) counts[await this.saveManifest(m, changes.revision)]++;
      if (changes.recovered.length > 0) await this.markValid([...changes.recovered]);
      for (const entry of changes.invalid) await this.markInvalid(entry.path, entry.findings);
      if (changes.removed.length > 0) await this.markRemoved([...changes.removed]);
      await this.markNeverIngested([], changes.revision, '');
      return counts;
    } catch (error) {
      this.manifests.clear();
      for (const [k, v] of manifests) this.manifests.set(k, v);
      this.states.clear();
      for (const [k, v] of states) this.states.set(k, v);
      this.writes = writes;
      throw error;
    }
  }

  async markRemoved(paths: string[]): Promise<void> {
    for (const path of paths) {
      const m = this.manifests.get(path);
      if (m) m.removed = true;
      this.states.set(path, { state: 'removed', findings: [] });
      this.writes++;
    }
  }

  async markInvalid(path: string, findings: Finding[]): Promise<void> {
    this.states.set(path, { state: 'invalid', findings });
    this.writes++;
  }

  async invalidPaths(): Promise<Set<string>> {
    return new Set([...this.states].filter(([, s]) => s.state === 'invalid').map(([path]) => path));
  }

  async markValid(paths: string[]): Promise<void> {
    for (const path of paths) {
      this.states.set(path, { state: 'active', findings: [] });
      this.writes++;
    }
  }

  async markNeverIngested(
    paths: readonly string[],
    _revision: string,
    detail: string,
  ): Promise<void> {
    let changed = 0;
    for (const [path, s] of this.states) {
      if (s.state === 'never-ingested') {
        this.states.delete(path);
        changed++;
      }
    }
    for (const path of paths) {
      if (!this.states.has(path)) {
        this.states.set(path, { state: 'never-ingested', findings: [], detail });
        changed++;
      }
    }
    if (changed > 0) this.writes++;
  }

  async closeInterruptedRuns(currentId: string, at: Date): Promise<number> {
    let closed = 0;
    for (const run of this.runs.values()) {
      if (run.id !== currentId && run.status === 'running') {
        Object.assign(run, { status: 'failed', reason: SyncReason.Interrupted, finishedAt: at });
        closed++;
      }
    }
    return closed;
  }

  async pruneRuns(keep: number): Promise<number> {
    const runs = [...this.runs.values()].sort(
      (a, b) => b.startedAt.getTime() - a.startedAt.getTime(),
    );
    const lastGood = runs.find((r) => r.status === 'succeeded' && r.toRevision);
    let pruned = 0;
    for (const run of runs.slice(keep)) {
      if (run.status === 'running' || run === lastGood) continue;
      this.runs.delete(run.id);
      pruned++;
    }
    return pruned;
  }

  async saveRun(run: SyncRunRecord): Promise<void> {
    this.runs.set(run.id, structuredClone(run));
  }
}
