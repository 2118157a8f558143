import { DEFAULT_CACHE_SIZE } from './limits.js';
import type { CompiledMapping } from './compileMapping.js';

/**
 * A bounded least-recently-used cache of compiled mappings, keyed by manifest checksum
 * and model key. A checksum names exact manifest content, so an entry never goes stale;
 * `clear()` lets a process drop everything after a sync (memory, plugin changes).
 */
export class MappingCache {
  readonly #entries = new Map<string, CompiledMapping>();
  readonly #capacity: number;

  /** `capacity`: entries kept (default 256); throws RangeError below 1. */
  constructor(options: { capacity?: number } = {}) {
    const capacity = options.capacity ?? DEFAULT_CACHE_SIZE;
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('MappingCache capacity must be a positive integer');
    this.#capacity = capacity;
  }

  static #key(checksum: string, model: string): string {
    // Length-prefixed, so no checksum/model pair can collide with another.
    return `${checksum.length}:${checksum}:${model}`;
  }

  /** The cached mapping, marking it most recently used; undefined on a miss. */
  get(checksum: string, model: string): CompiledMapping | undefined {
    const key = MappingCache.#key(checksum, model);
    const hit = this.#entries.get(key);
    if (hit) {
      this.#entries.delete(key);
      this.#entries.set(key, hit);
    }
    return hit;
  }

  /** Stores a mapping, evicting the least recently used entry beyond capacity. */
  set(checksum: string, model: string, compiled: CompiledMapping): void {
    const key = MappingCache.#key(checksum, model);
    this.#entries.delete(key);
    this.#entries.set(key, compiled);
    if (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
  }

  /** The cached mapping, or the result of `compile()` stored under the key. */
  getOrCompile(checksum: string, model: string, compile: () => CompiledMapping): CompiledMapping {
    const hit = this.get(checksum, model);
    if (hit) return hit;
    const compiled = compile();
    this.set(checksum, model, compiled);
    return compiled;
  }

  /** Drops every entry. */
  clear(): void {
    this.#entries.clear();
  }

  /** Entries held. */
  get size(): number {
    return this.#entries.size;
  }
}
