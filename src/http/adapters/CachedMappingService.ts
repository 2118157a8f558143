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

  constructor(
    private readonly plugins: PluginRegistry,
    options: { capacity?: number } = {},
  ) {
    this.cache = new MappingCache(options);
  }

  compiled(options: Parameters<MappingService['compiled']>[0]): CompiledModelMapping {
    const compiled = this.cache.getOrCompile(options.checksum, options.mapping.model, () =>
      compileMapping(options.mapping, options.entityType, { plugins: this.plugins }),
    );
    return {
      warnings: compiled.warnings,
      apply: (record, mode) => applyMapping(compiled, record, { mode }),
    };
  }

  clear(): void {
    this.cache.clear();
  }

  get size(): number {
    return this.cache.size;
  }
}
