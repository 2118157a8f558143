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
 *
 * The response cache is bounded by the bytes it holds (`maxBytes`), not by a count: one
 * entry can be a few bytes or a megabyte. Past the bound the least recently used entries
 * go first. Keys are normalized queries (see `catalogCacheKey`), so parameter order or an
 * undocumented parameter cannot multiply the entries of one response.
 */
export interface CatalogStateOptions {
  /** Reads the revision of the newest succeeded run. */
  readRevision: () => Promise<string | undefined>;
  /** How long a known revision is trusted before a background re-read. Default 5000 ms. */
  maxAgeMs?: number;
  /** Most bytes of response bodies (plus keys and headers) kept. Default 32 MiB. */
  maxBytes?: number;
  now?: () => number;
}

/** A serialized catalog response kept for one revision, served as is while the revision holds. */
export interface CachedResponse {
  etag: string;
  body: Buffer;
  headers?: Record<string, string>;
  /** Route pattern that built it, for metrics labels when served from the cache. */
  route?: string;
}

/**
 * The revision a response was built for and the cache generation then; `store` drops a response
 * whose snapshot is older than the last invalidation.
 */
export interface CatalogSnapshot {
  revision: string | undefined;
  generation: number;
}

/**
 * The served catalog's revision and its response cache (see the options' doc above).
 * `revision()` answers from memory while fresh; `changed()` drops every cached response and
 * tells the `onInvalidate` listeners; `store` keeps a response only if no change happened since
 * its `snapshot()`.
 */
export class CatalogState {
  private known: { revision: string | undefined; at: number } | undefined;
  private generation = 0;
  private loading: Promise<string | undefined> | undefined;
  /** In least-recently-used order: a hit moves its entry to the end. */
  private readonly responses = new Map<string, { response: CachedResponse; bytes: number }>();
  private bytesHeld = 0;
  private readonly listeners = new Set<() => void>();
  private readonly maxAgeMs: number;
  private readonly maxBytes: number;
  private readonly now: () => number;

  constructor(private readonly options: CatalogStateOptions) {
    this.maxAgeMs = options.maxAgeMs ?? 5000;
    this.maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
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

  /** The cached response for a normalized key (and marks it recently used). */
  cached(key: string): CachedResponse | undefined {
    const entry = this.responses.get(key);
    if (!entry) return undefined;
    this.responses.delete(key);
    this.responses.set(key, entry);
    return entry.response;
  }

  /** Bytes the response cache holds now (bodies, keys, headers); never above `maxBytes`. */
  cachedBytes(): number {
    return this.bytesHeld;
  }

  /** Responses the cache holds now. */
  cachedEntries(): number {
    return this.responses.size;
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
    const bytes = sizeOf(key, response);
    // One response larger than the whole bound is served but never cached.
    if (bytes > this.maxBytes) return;
    this.drop(key);
    for (const [oldest] of this.responses) {
      if (this.bytesHeld + bytes <= this.maxBytes) break;
      this.drop(oldest);
    }
    this.responses.set(key, { response, bytes });
    this.bytesHeld += bytes;
  }

  private drop(key: string): void {
    const entry = this.responses.get(key);
    if (!entry) return;
    this.responses.delete(key);
    this.bytesHeld -= entry.bytes;
  }

  private accept(revision: string | undefined): void {
    if (this.known && this.known.revision !== revision) this.invalidate();
    this.known = { revision, at: this.now() };
  }

  private invalidate(): void {
    this.generation++;
    this.responses.clear();
    this.bytesHeld = 0;
    for (const listener of this.listeners) listener();
  }
}

/** What an entry costs: its body, its key and header text (UTF-16 in memory), and the ETag. */
function sizeOf(key: string, response: CachedResponse): number {
  let text = key.length + response.etag.length + (response.route?.length ?? 0);
  for (const [name, value] of Object.entries(response.headers ?? {}))
    text += name.length + value.length;
  return response.body.length + 2 * text;
}
