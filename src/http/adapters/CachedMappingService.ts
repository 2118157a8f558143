import { applyMapping } from '../../mapping/applyMapping.js';
import { compileMapping } from '../../mapping/compileMapping.js';
import { MappingCache } from '../../mapping/MappingCache.js';
import type { PluginRegistry } from '../../mapping/plugins/PluginRegistry.js';
import type { CompiledModelMapping, MappingService } from '../ports.js';

/**
 * MappingService over the mapping engine: `compileMapping` once per (manifest checksum,
 * model) in a MappingCache, `applyMapping` per record. The service clears the cache when the
 * catalog changes (a checksum never goes stale, but removed definitions should free memory).
 */
export class CachedMappingService implements MappingService {
  private readonly cache: MappingCache;
  #compilations = 0;

  constructor(
    private readonly plugins: PluginRegistry,
    options: { capacity?: number } = {},
  ) {
    this.cache = new MappingCache(options);
  }

  compiled(options: Parameters<MappingService['compiled']>[0]): CompiledModelMapping {
    const compiled = this.cache.getOrCompile(options.checksum, options.mapping.model, () => {
      this.#compilations++;
      return compileMapping(options.mapping, options.entityType, { plugins: this.plugins });
    });
    return {
      warnings: compiled.warnings,
      apply: (record, mode) => applyMapping(compiled, record, { mode }),
    };
  }

  /** Drops every compiled mapping (the catalog changed); the next request compiles again. */
  clear(): void {
    this.cache.clear();
  }

  /** Mappings cached now. */
  get size(): number {
    return this.cache.size;
  }

  /** How many times a mapping was compiled since start: a cache hit compiles nothing. */
  get compilations(): number {
    return this.#compilations;
  }
}
