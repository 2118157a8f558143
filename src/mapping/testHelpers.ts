import type { Attribute, EntityType, FieldMapping } from '../manifest/types.js';
import { applyMapping } from './applyMapping.js';
import { compileMapping, type CompiledMapping } from './compileMapping.js';
import { defaultPluginRegistry } from './plugins/index.js';
import type { MappingMode, MappingResult } from './types.js';

/** An entity type whose attributes are all `json` unless given. Test-only helper. */
export function entityOf(
  fields: Record<string, unknown>,
  attributes: Partial<Record<string, Partial<Attribute>>> = {},
): EntityType {
  return {
    key: 'thing',
    displayName: 'Thing',
    attributes: Object.keys(fields).map(
      (key) => ({ key, dataType: 'json', ...attributes[key] }) as Attribute,
    ),
  };
}

/** Compiles fields onto `entityOf(fields, attributes)` with the default plugins. */
export function compileFields(
  fields: Record<string, FieldMapping>,
  attributes: Partial<Record<string, Partial<Attribute>>> = {},
): CompiledMapping {
  return compileMapping(
    { model: 'thing', entityType: 'thing', fields },
    entityOf(fields, attributes),
    { plugins: defaultPluginRegistry() },
  );
}

/** Maps one record with one field `v`; returns the result with plain (prototype-less) attributes. */
export function mapField(
  field: FieldMapping,
  record: unknown,
  options: { mode?: MappingMode; attribute?: Partial<Attribute> } = {},
): MappingResult {
  const compiled = compileFields({ v: field }, options.attribute ? { v: options.attribute } : {});
  return applyMapping(compiled, record, { mode: options.mode ?? 'strict' });
}
