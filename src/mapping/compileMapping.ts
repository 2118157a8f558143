import type { Attribute, Condition, EntityType, ModelMapping } from '../manifest/types.js';
import { generateFieldsRunner, type FieldsRunner } from './codegen/generateFieldsRunner.js';
import { compileField, type CompiledField } from './compileField.js';
import { compileCondition, isProblem, readerFor, type Predicate } from './compileCondition.js';
import type { PathReader } from './compilePath.js';
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
  /**
   * @internal the fields as one generated function (src/mapping/codegen), or undefined
   * when code generation is off or unavailable: then `fields` run one by one. Same results.
   */
  readonly runFields: FieldsRunner | undefined;
  /**
   * @internal the `when` conditions with their tests; a record failing one is skipped.
   * `null` when a condition did not compile: every record is skipped (fail closed).
   */
  readonly when: ReadonlyArray<{ condition: Condition; test: Predicate }> | null;
  /**
   * @internal `envelope.single` and `envelope.list` readers, when declared and valid (a
   * list of alternatives is one reader yielding the first array).
   */
  readonly single: PathReader | undefined;
  readonly list: PathReader | undefined;
}

/**
 * The key attribute of an entity type: `primaryKey`, else `id` when it has one (as
 * `EntityType.primaryKey` documents).
 */
export function primaryKeyOf(entityType: EntityType): string | undefined {
  if (entityType.primaryKey !== undefined) return entityType.primaryKey;
  return entityType.attributes.some((a) => a.key === 'id') ? 'id' : undefined;
}

/**
 * The list envelope's reader: one path's reader as it is (the common case costs nothing
 * more), or, for an ordered list, a reader that returns the first alternative's value that
 * is an array. Any alternative that does not compile voids the whole list (each one warned
 * by `read`): a partial list would read records from a place the author did not mean.
 */
function listReader(
  paths: string | readonly string[] | undefined,
  read: (path: string) => PathReader | undefined,
): PathReader | undefined {
  if (paths === undefined) return undefined;
  if (typeof paths === 'string') return read(paths);
  const readers = paths.map(read);
  if (readers.length === 0 || readers.some((r) => r === undefined)) return undefined;
  const all = readers as PathReader[];
  if (all.length === 1) return all[0];
  return (payload) => {
    for (let i = 0; i < all.length; i++) {
      const value = (all[i] as PathReader)(payload);
      if (Array.isArray(value)) return value;
    }
    return undefined;
  };
}

/** `when` as a list (README "Records a mapping applies to"). */
export function whenConditions(mapping: ModelMapping): Condition[] {
  if (mapping.when === undefined) return [];
  return Array.isArray(mapping.when) ? mapping.when : [mapping.when];
}

/** Options of `compileMapping`. */
export interface CompileOptions {
  plugins: PluginRegistry;
  /**
   * Generate JavaScript for the fields (default true; README "Generated code"). False
   * keeps the closures only; so does a process that disallows code generation from strings.
   */
  codegen?: boolean;
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
  const warn = (rule: string, message: string, source = '') =>
    warnings.push({ attribute: '', source, rule, message, severity: 'warning' });
  let when: Array<{ condition: Condition; test: Predicate }> | null = [];
  for (const condition of whenConditions(mapping)) {
    const test = compileCondition(condition);
    if (isProblem(test)) {
      warn(test.rule, messages.whenInvalid(`path "${test.path}": ${test.message}`), test.path);
      when = null;
      break;
    }
    when.push({ condition, test });
  }
  const envelopeReader = (path: string | undefined): PathReader | undefined => {
    if (path === undefined) return undefined;
    const r = readerFor(path);
    if (!isProblem(r)) return r;
    warn(r.rule, messages.envelopeInvalid(`path "${r.path}": ${r.message}`), r.path);
    return undefined;
  };
  const single = envelopeReader(mapping.envelope?.single);
  const list = listReader(mapping.envelope?.list, envelopeReader);
  const primaryKey = primaryKeyOf(entityType);
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
    const compiled = compileField(key, field, {
      env,
      label: key,
      depth: 0,
      attribute,
      primaryKey: key === primaryKey,
    });
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
    runFields:
      options.codegen === false ? undefined : generateFieldsRunner(fields.map((f) => f.plan)),
    when: when && Object.freeze(when),
    single,
    list,
  });
}
