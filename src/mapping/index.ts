/** The mapping engine's public API; see README.md for the semantics. */
export {
  applyMapping,
  applyMappingBatch,
  mapPayload,
  recordsOf,
  type BatchResult,
} from './applyMapping.js';
export { coerceValue, INVALID } from './coerceValue.js';
export {
  compileMapping,
  primaryKeyOf,
  type CompiledMapping,
  type CompileOptions,
} from './compileMapping.js';
export { findModelMapping, type FindModelMappingResult } from './findModelMapping.js';
export { FORMAT_CHECKS } from './formats.js';
export { interpretMapping, type InterpretResult } from './interpretMapping.js';
export * from './limits.js';
export { MappingCache } from './MappingCache.js';
export { parseSourcePath, type ParsedSourcePath, type PathSegment } from './parseSourcePath.js';
export {
  defaultPluginRegistry,
  PluginRegistry,
  type MappingPlugin,
  type PluginContext,
  type PluginOutcome,
} from './plugins/index.js';
export type { ApplyOptions, MappingFinding, MappingMode, MappingResult } from './types.js';
