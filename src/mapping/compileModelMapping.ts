import type { IntegrationManifest } from '../manifest/types.js';
import { compileMapping, type CompiledMapping } from './compileMapping.js';
import { findModelMapping } from './findModelMapping.js';
import { defaultPluginRegistry } from './plugins/index.js';
import type { PluginRegistry } from './plugins/PluginRegistry.js';

/** A compiled model mapping, or why the manifest has none for that model. */
export type CompileModelMappingResult =
  | { ok: true; compiled: CompiledMapping }
  | {
      ok: false;
      reason: 'unknown-model' | 'unknown-entity-type';
      message: string;
      /** The models the manifest does map, for the caller's error message. */
      models: string[];
    };

/**
 * Finds a model's mapping in an integration manifest and compiles it against the entity
 * type it targets, in one call: what an application that maps in-process does whenever
 * the manifest's checksum changes. `plugins` defaults to a fresh `defaultPluginRegistry()`;
 * pass your own registry to add plugins. Pure and never throws on manifest content: a
 * missing model or entity type is an `ok: false` result, and a field the engine cannot use
 * is skipped with a warning in `compiled.warnings` (as `compileMapping` documents).
 */
export function compileModelMapping(
  manifest: IntegrationManifest,
  model: string,
  plugins: PluginRegistry = defaultPluginRegistry(),
): CompileModelMappingResult {
  const found = findModelMapping(manifest, model);
  if (!found.ok) return found;
  return { ok: true, compiled: compileMapping(found.mapping, found.entityType, { plugins }) };
}
