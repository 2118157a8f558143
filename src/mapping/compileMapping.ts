import type { Attribute, EntityType, ModelMapping } from '../manifest/types.js';
import { compileField, type CompiledField } from './compileField.js';
import { messages } from './messages.js';
import type { PluginRegistry } from './plugins/PluginRegistry.js';
import type { MappingFinding } from './types.js';

/** A model mapping compiled to closures, ready for `applyMapping`. Immutable once built. */
export interface CompiledMapping {
  readonly model: string;
  readonly entityType: string;
  /** Compile-time findings (all warnings): skipped fields, ignored rules, unmapped required attributes. */
  readonly warnings: readonly MappingFinding[];
  /** Target keys that will be evaluated, in manifest order (skipped fields excluded). */
  readonly fieldKeys: readonly string[];
  /** @internal the compiled fields; use applyMapping. */
  readonly fields: readonly CompiledField[];
}

/** Options of `compileMapping`. */
export interface CompileOptions {
  plugins: PluginRegistry;
}

/**
 * Compiles a model mapping once into plain closures: paths pre-parsed and walked
 * directly, validators and lookup tables built ahead. Never throws on manifest content and
 * never evaluates it as code; problems that make a field unusable (bad path, unregistered
 * plugin, bad plugin options, too deep) skip that field with a warning in `warnings`.
 */
export function compileMapping(
  mapping: ModelMapping,
  entityType: EntityType,
  options: CompileOptions,
): CompiledMapping {
  const warnings: MappingFinding[] = [];
  if (mapping.entityType !== entityType.key) {
    warnings.push({
      attribute: '',
      source: '',
      rule: 'entity-type-mismatch',
      message: messages.entityTypeMismatch(mapping.entityType, entityType.key),
      severity: 'warning',
    });
  }
  const attributes = new Map<string, Attribute>();
  for (const a of entityType.attributes) if (!attributes.has(a.key)) attributes.set(a.key, a);
  const env = { plugins: options.plugins, warnings };
  const fields: CompiledField[] = [];
  for (const [key, field] of Object.entries(mapping.fields)) {
    const attribute = attributes.get(key);
    if (!attribute) {
      warnings.push({
        attribute: key,
        source: '',
        rule: 'unknown-attribute',
        message: messages.unknownAttribute(key, entityType.key),
        severity: 'warning',
      });
      continue;
    }
    const compiled = compileField(key, field, { env, label: key, depth: 0, attribute });
    if (compiled) fields.push(compiled);
  }
  for (const a of entityType.attributes) {
    if (a.required === true && !Object.hasOwn(mapping.fields, a.key)) {
      warnings.push({
        attribute: a.key,
        source: '',
        rule: 'required-unmapped',
        message: messages.requiredUnmapped(a.key),
        severity: 'warning',
      });
    }
  }
  return Object.freeze({
    model: mapping.model,
    entityType: entityType.key,
    warnings: Object.freeze(warnings),
    fieldKeys: Object.freeze(fields.map((f) => f.key)),
    fields: Object.freeze(fields),
  });
}
