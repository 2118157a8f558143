/**
 * `regsync/mapping`: the mapping engine for applications that map vendor records in-process
 * (no HTTP hop per batch). Compile a model mapping of an integration manifest once, then
 * apply it to as many records as you like; results and findings are data, and nothing here
 * throws on manifest or payload content.
 *
 * The surface is deliberate (docs/library.md "Stability"): what is exported here follows
 * semver from 1.0; anything reached by a deep import (`regsync/dist/...`) does not. This
 * module loads no database, HTTP server or Git code (the `library-entries-stay-pure` rule
 * of .dependency-cruiser.cjs and test/integration/library/entryIsolation.test.ts).
 *
 * @packageDocumentation
 */
export {
  applyMapping,
  applyMappingBatch,
  mapPayload,
  recordsOf,
  type BatchResult,
} from '../mapping/applyMapping.js';
export {
  compileMapping,
  primaryKeyOf,
  type CompiledMapping,
  type CompileOptions,
} from '../mapping/compileMapping.js';
export { findModelMapping, type FindModelMappingResult } from '../mapping/findModelMapping.js';
export { MappingCache } from '../mapping/MappingCache.js';
export { DEFAULT_CACHE_SIZE, MAX_ITEMS } from '../mapping/limits.js';
export {
  defaultPluginRegistry,
  pluginFailure,
  pluginValue,
  PluginRegistry,
  type MappingPlugin,
  type PluginContext,
  type PluginOutcome,
} from '../mapping/plugins/index.js';
export { pluginInfos } from '../mapping/plugins/pluginInfos.js';
export type { ApplyOptions, MappingFinding, MappingMode, MappingResult } from '../mapping/types.js';
export {
  compileModelMapping,
  type CompileModelMappingResult,
} from '../mapping/compileModelMapping.js';
export type {
  Attribute,
  EntityType,
  IntegrationManifest,
  ModelMapping,
} from '../manifest/types.js';
