/**
 * What the service knows about the catalog it serves: the synced revision (the basis of
 * ETags) and a cache of serialized catalog responses for that revision.
 *
 * The revision is read from the database once, then kept. It is replaced, and every cached
 * response and compiled mapping dropped, when the catalog changes: on a change
 * notification (LISTEN/NOTIFY across instances, in-process on the embedded database), when
 * a run of this process finishes, and when a read older than `maxAgeMs` finds a new
 * revision (the safety net for a lost notification). Between those, a catalog read costs
 * no database round trip.
 */
export interface CatalogStateOptions {
  /** Reads the revision of the newest succeeded run. */
  readRevision: () => Promise<string | undefined>;
  /** How long a known revision is trusted before a background re-read. Default 5000 ms. */
  maxAgeMs?: number;
  /** Most cached responses kept; past it the cache starts over. Default 2000. */
  maxEntries?: number;
  now?: () => number;
}

export interface CachedResponse {
  etag: string;
  body: Buffer;
  headers?: Record<string, string>;
  /** Route pattern that built it, for metrics labels when served from the cache. */
  route?: string;
}

export interface CatalogSnapshot {
  revision: string | undefined;
  generation: number;
}

export class CatalogState {
  private known: { revision: string | undefined; at: number } | undefined;
  private generation = 0;
  private loading: Promise<string | undefined> | undefined;
  private readonly responses = new Map<string, CachedResponse>();
  private readonly listeners = new Set<() => void>();
  private readonly maxAgeMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(private readonly options: CatalogStateOptions) {
    this.maxAgeMs = options.maxAgeMs ?? 5000;
    this.maxEntries = options.maxEntries ?? 2000;
    this.now = options.now ?? Date.now;
  }

  /** The synced revision; reads the database only when unknown (or stale, in the background). */
  async revision(): Promise<string | undefined> {
    if (!this.known) return this.refresh();
    if (this.now() - this.known.at > this.maxAgeMs) void this.refresh().catch(() => undefined);
    return this.known.revision;
  }

  /** Re-reads the revision now; a different one counts as a change. */
  refresh(): Promise<string | undefined> {
    this.loading ??= this.options
      .readRevision()
      .then((revision) => {
        this.accept(revision);
        return revision;
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }

  /** The catalog changed (a notification, or a run of this process ended). */
  changed(revision?: string): void {
    this.invalidate();
    if (revision !== undefined) this.known = { revision, at: this.now() };
    else this.known = undefined;
  }

  /** Called whenever cached state is dropped (the mapping cache subscribes). */
  onInvalidate(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  cached(key: string): CachedResponse | undefined {
    return this.responses.get(key);
  }

  /** The revision and cache generation to build a response for (pass it back to `store`). */
  async snapshot(): Promise<CatalogSnapshot> {
    const generation = this.generation;
    const revision = await this.revision();
    return { revision, generation };
  }

  /** Stores a response built for `snapshot`, unless the catalog moved on while it was built. */
  store(key: string, snapshot: CatalogSnapshot, response: CachedResponse): void {
    if (snapshot.generation !== this.generation || this.known?.revision !== snapshot.revision)
      return;
    if (this.responses.size >= this.maxEntries) this.responses.clear();
    this.responses.set(key, response);
  }

  private accept(revision: string | undefined): void {
    if (this.known && this.known.revision !== revision) this.invalidate();
    this.known = { revision, at: this.now() };
  }

  private invalidate(): void {
    this.generation++;
    this.responses.clear();
    for (const listener of this.listeners) listener();
  }
}
