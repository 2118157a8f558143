import { createHash, randomUUID } from 'node:crypto';
import { SyncReason } from '../reasons.js';
import { SyncEngine, type StartedRun, type SyncRunOptions } from '../SyncEngine.js';
import type { SyncDeps } from '../SyncContext.js';
import type {
  LayerStore,
  RegistrySource,
  SourceRunSummary,
  SyncCounts,
  SyncLock,
  SyncRunRecord,
  ValidationGate,
} from '../ports.js';
import type { LayerContext } from './LayerContext.js';
import type { LayerInfo, LayerRights } from './layerPolicy.js';
import { reconcileLayers } from './reconcileLayers.js';
import { removeStraySources } from './removeStraySources.js';

/** One configured source, as the composition root hands it over. */
export interface LayerSpec {
  name: string;
  source: RegistrySource;
  gate?: ValidationGate;
  rights: LayerRights;
}

/** A run of the layered sync: optionally only some sources (a push names one repository). */
export interface LayeredRunOptions extends SyncRunOptions {
  /** Names of the sources to sync; all when unset. */
  sources?: readonly string[];
}

/** A configured source with its engine, once registered. */
export interface Layer {
  info: LayerInfo;
  spec: LayerSpec;
  engine: SyncEngine;
}

/**
 * Follows several registry sources as one catalog (issue 14). Each source has its own
 * SyncEngine over the same steps, on a store scoped to its origin: its own revision,
 * incremental diff, checksums, deletion guard and gate, so a source that is down, gated or
 * refused keeps its last good manifests served while the others move on. Which copy of a
 * shared key is served is decided in the run (`resolveCollisions`) and, once every source
 * ran, re-weighed for the paths that changed (`reconcileLayers`). The catalog revision is a
 * digest of the sources' revisions. With one source and nothing left of others, a run is
 * exactly that source's engine run, so a single-source instance behaves as before.
 *
 * Runs are one at a time (a trigger during a run queues one follow-up, as SyncEngine does)
 * and, with several sources, hold the lock for the whole cycle.
 */
export class LayeredSync {
  #layers: Layer[] = [];
  #current: StartedRun | undefined;
  #queued: { run: StartedRun; options: LayeredRunOptions } | undefined;
  #last: SyncRunRecord | undefined;
  #contested = true;
  #single = false;

  constructor(
    private readonly options: {
      specs: readonly LayerSpec[];
      store: LayerStore;
      deps: Omit<SyncDeps, 'source' | 'store' | 'gate' | 'layer'>;
      lock?: SyncLock;
    },
  ) {}

  /** Registers the sources (names to origins) and builds one engine each. Call once, first. */
  async init(): Promise<this> {
    const { specs, store, deps, lock } = this.options;
    const origins = await store.registerSources(
      specs.map((s) => ({ name: s.name, description: s.source.description })),
    );
    const infos: LayerInfo[] = specs.map((spec, position) => ({
      name: spec.name,
      origin: origins.get(spec.name) ?? spec.name,
      position,
      rights: spec.rights,
    }));
    const stray = await store.strayOrigins(infos.map((i) => i.origin));
    this.#single = specs.length === 1 && stray.length === 0;
    this.#layers = specs.map((spec, i) => {
      const info = infos[i] as LayerInfo;
      const engineDeps: SyncDeps = {
        ...deps,
        source: spec.source,
        store: store.forOrigin(info.origin),
        ...(spec.gate ? { gate: spec.gate } : {}),
        ...(this.#single ? {} : { layer: this.#context(info, infos) }),
      };
      // One source: its engine takes the lock itself; several: the cycle holds it.
      return { info, spec, engine: new SyncEngine(engineDeps, this.#single ? lock : undefined) };
    });
    return this;
  }

  #touched = new Set<string>();

  #context(self: LayerInfo, layers: readonly LayerInfo[]): LayerContext {
    return {
      self,
      layers,
      claims: (paths) => this.options.store.claims(paths),
      touch: (paths) => {
        for (const p of paths) this.#touched.add(p);
      },
    };
  }

  /** The configured sources, in order. */
  get layers(): readonly Layer[] {
    return this.#layers;
  }

  get running(): boolean {
    return this.#single ? (this.#layers[0]?.engine.running ?? false) : this.#current !== undefined;
  }

  get lastResult(): SyncRunRecord | undefined {
    return this.#single ? this.#layers[0]?.engine.lastResult : this.#last;
  }

  async idle(): Promise<void> {
    for (const layer of this.#layers) await layer.engine.idle();
    while (this.#current || this.#queued)
      await (this.#queued?.run ?? this.#current)?.done.catch(() => undefined);
  }

  run(options: LayeredRunOptions): Promise<SyncRunRecord> {
    return this.start(options).done;
  }

  /** Starts a run (or queues one); the id is known at once. */
  start(options: LayeredRunOptions): StartedRun {
    const only = this.#layers[0];
    if (this.#single && only) return only.engine.start(options);
    if (!this.#current && !this.#queued)
      return (this.#current = this.#launch(randomUUID(), options));
    if (this.#queued) {
      const q = this.#queued.options;
      if (options.force) q.force = true;
      // Coalesce: the follow-up syncs every source either trigger named.
      if (!options.sources) delete q.sources;
      else if (q.sources) q.sources = [...new Set([...q.sources, ...options.sources])];
      return this.#queued.run;
    }
    const queuedOptions: LayeredRunOptions = { ...options };
    const id = randomUUID();
    const done = (this.#current?.done ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => {
        this.#queued = undefined;
        this.#current = this.#launch(id, queuedOptions);
        return this.#current.done;
      });
    this.#queued = { run: { id, done }, options: queuedOptions };
    return this.#queued.run;
  }

  #launch(id: string, options: LayeredRunOptions): StartedRun {
    const done = this.#cycleLocked(id, options).finally(() => {
      if (this.#current?.id === id) this.#current = undefined;
    });
    return { id, done };
  }

  async #cycleLocked(id: string, options: LayeredRunOptions): Promise<SyncRunRecord> {
    const startedAt = this.options.deps.clock.now();
    const run = async () => this.#cycle(id, options, startedAt);
    const record = this.options.lock
      ? await this.options.lock
          .tryWithLock(run)
          .then((o) => (o.acquired ? o.value : this.#skipped(id, options, startedAt)))
      : await run();
    this.#last = record;
    return record;
  }

  #skipped(id: string, options: LayeredRunOptions, startedAt: Date): SyncRunRecord {
    const finishedAt = this.options.deps.clock.now();
    return {
      ...this.#blank(id, options, startedAt),
      status: 'skipped',
      reason: SyncReason.LockHeld,
      message: 'another instance is syncing; this one keeps serving',
      finishedAt,
      durationMs: finishedAt.getTime() - startedAt.getTime(),
    };
  }

  #blank(id: string, options: LayeredRunOptions, startedAt: Date): SyncRunRecord {
    return {
      id,
      trigger: options.trigger,
      source: `layers: ${this.#layers.map((l) => l.info.name).join(', ')}`,
      status: 'running',
      reason: SyncReason.Progressing,
      counts: { added: 0, updated: 0, unchanged: 0, removed: 0, invalid: 0 },
      invalid: [],
      upgraded: [],
      startedAt,
    };
  }

  async #cycle(id: string, options: LayeredRunOptions, startedAt: Date): Promise<SyncRunRecord> {
    const { store, deps } = this.options;
    const record = this.#blank(id, options, startedAt);
    record.fromRevision = await this.catalogRevision();
    const selected = this.#layers.filter(
      (l) => !options.sources || options.sources.includes(l.info.name),
    );
    const summaries: SourceRunSummary[] = [];
    for (const layer of selected) {
      const run = await layer.engine.run({
        trigger: options.trigger,
        force: options.force ?? false,
      });
      if (run.status === 'succeeded' && run.toRevision)
        await store.recordSourceRevision(layer.info.origin, run.toRevision);
      summaries.push(summarize(layer.info.name, run));
      addCounts(record.counts, run.counts);
      record.invalid.push(...run.invalid);
      record.upgraded.push(...run.upgraded);
    }
    const stray = await removeStraySources({
      store,
      configured: this.#layers.map((l) => l.info.origin),
      force: options.force ?? false,
      touch: (paths) => paths.forEach((p) => this.#touched.add(p)),
    });
    summaries.push(...stray.summaries);
    record.counts.removed += stray.removed;
    const paths = new Set(this.#touched);
    this.#touched.clear();
    if (this.#contested) {
      // First cycle of this process: the list or the rights may have changed since the last.
      for (const p of await store.contestedPaths()) paths.add(p);
      for (const layer of this.#layers)
        for (const hidden of layer.info.rights.hide)
          for (const p of pathsOfKey(hidden)) paths.add(p);
      this.#contested = false;
    }
    const moved = await reconcileLayers({
      paths: [...paths].sort(),
      layers: this.#layers.map((l) => ({ info: l.info, source: l.spec.source })),
      store,
      ...(deps.plugins ? { plugins: deps.plugins } : {}),
      ...(deps.log ? { log: deps.log } : {}),
    });
    record.counts.updated += moved;
    record.sources = summaries;
    record.toRevision = await this.catalogRevision();
    const worst = summaries.find((s) => s.status !== 'succeeded');
    record.status = worst ? worst.status : 'succeeded';
    record.reason = worst ? worst.reason : SyncReason.Succeeded;
    if (
      record.status === 'succeeded' &&
      summaries.every((s) => s.reason === SyncReason.UpToDate) &&
      moved === 0
    )
      record.reason = SyncReason.UpToDate;
    record.message = summaries
      .map((s) => `${s.name}: ${s.status} (${s.reason})${s.message ? ` ${s.message}` : ''}`)
      .join('; ');
    record.finishedAt = deps.clock.now();
    record.durationMs = record.finishedAt.getTime() - startedAt.getTime();
    const changed = record.counts.added + record.counts.updated + record.counts.removed;
    if (changed > 0 && deps.notifier && record.toRevision)
      await deps.notifier.publish(record.toRevision).catch(() => undefined);
    return record;
  }

  /**
   * The catalog's revision: with one source (and nothing left of others), that source's
   * last synced revision, as before layering; with several, `sha256:<hex>` of every
   * source's name, revision and rights, so it moves when any of them moves.
   */
  async catalogRevision(): Promise<string | undefined> {
    const revisions = await Promise.all(
      this.#layers.map((l) => this.options.store.forOrigin(l.info.origin).lastSyncedRevision()),
    );
    if (this.#single) return revisions[0];
    if (revisions.every((r) => r === undefined)) return undefined;
    const hash = createHash('sha256');
    this.#layers.forEach((l, i) =>
      hash.update(
        `${l.info.name}\u0000${revisions[i] ?? '-'}\u0000${JSON.stringify(l.info.rights)}\n`,
      ),
    );
    return `sha256:${hash.digest('hex')}`;
  }
}

function summarize(name: string, run: SyncRunRecord): SourceRunSummary {
  return {
    name,
    runId: run.id,
    status: run.status,
    reason: run.reason,
    ...(run.message ? { message: run.message } : {}),
    ...(run.fromRevision ? { fromRevision: run.fromRevision } : {}),
    ...(run.toRevision ? { toRevision: run.toRevision } : {}),
    counts: { ...run.counts },
  };
}

function addCounts(into: SyncCounts, add: SyncCounts): void {
  into.added += add.added;
  into.updated += add.updated;
  into.unchanged += add.unchanged;
  into.removed += add.removed;
  into.invalid += add.invalid;
}

/** The manifest paths a hide entry can name (a bare key names both kinds). */
function pathsOfKey(entry: string): string[] {
  if (entry.includes('/')) return [`${entry}/manifest.json`];
  return [`integrations/${entry}/manifest.json`, `templates/${entry}/manifest.json`];
}
