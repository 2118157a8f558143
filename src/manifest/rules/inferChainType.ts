import { COERCE_TARGET_TYPES } from '../types.js';
import type { CoerceTarget, DataType } from '../types.js';
import { asObject, asString, own } from './readShape.js';
import type { JsonObject } from './readShape.js';
import type { PluginInfo } from './RuleContext.js';

/** A JSON-level type a value may take. `null` never counts against an attribute. */
export type ValueTag =
  'string' | 'number' | 'integer' | 'boolean' | 'date' | 'datetime' | 'array' | 'object' | 'null';

/**
 * What a chain can yield: `unknown` when it depends on the payload (a source path, a
 * passthrough), else the set of tags it may take and, for arrays, what their elements are.
 */
export type InferredType =
  { unknown: true } | { unknown: false; tags: Set<ValueTag>; element?: InferredType };

/** The inferred type of a value nothing is known about: rules skip their check on it. */
export const UNKNOWN: InferredType = { unknown: true };

function known(tags: ValueTag[], element?: InferredType): InferredType {
  return { unknown: false, tags: new Set(tags), element };
}

/** Union of two types; anything unknown makes the union unknown. */
export function unionTypes(a: InferredType, b: InferredType): InferredType {
  if (a.unknown || b.unknown) return UNKNOWN;
  const element =
    a.element && b.element ? unionTypes(a.element, b.element) : (a.element ?? b.element);
  return { unknown: false, tags: new Set([...a.tags, ...b.tags]), element };
}

/** The tag of a JSON value (integral numbers are `integer`). */
export function tagOfValue(value: unknown): ValueTag {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string' || typeof value === 'boolean') return typeof value as ValueTag;
  return 'object';
}

/** The type of a literal JSON value, with arrays' element types. */
export function typeOfValue(value: unknown): InferredType {
  if (!Array.isArray(value)) return known([tagOfValue(value)]);
  const element = value.reduce<InferredType | undefined>(
    (acc, v) => (acc ? unionTypes(acc, typeOfValue(v)) : typeOfValue(v)),
    undefined,
  );
  return known(['array'], element);
}

/**
 * The value tag of a data type: what a plugin's declared output, or a coercion target (via
 * COERCE_TARGET_TYPES), says about its values; `json` (any JSON value) says nothing.
 */
const PLUGIN_TAG: Record<DataType, ValueTag | undefined> = {
  string: 'string',
  number: 'number',
  integer: 'integer',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
  enum: 'string',
  json: undefined,
  reference: 'string',
};

/** Options for inference: registered plugins, and how deep to follow nested chains. */
export interface InferOptions {
  plugins?: ReadonlyMap<string, PluginInfo>;
  depth?: number;
}

/** The type of a field's origin (before transforms); `default` is not counted. */
export function inferOriginType(
  field: JsonObject,
  isMulti: (path: string) => boolean,
): InferredType {
  if (Object.hasOwn(field, 'const')) return typeOfValue(field.const);
  if (Object.hasOwn(field, 'concat') || Object.hasOwn(field, 'template')) return known(['string']);
  const source = asString(own(field, 'source'));
  if (source !== undefined && isMulti(source)) return known(['array'], UNKNOWN);
  return UNKNOWN;
}

/**
 * Statically infers what a transform chain yields from an input type: coerce gives its
 * target, valueMap its outputs and fallback (or the input on a miss without fallback),
 * const its JSON type, split an array of strings, join a string, each and mapEach arrays,
 * plugin its declared output, string its input; if is the union of its branches.
 */
export function inferChainType(
  chain: unknown,
  input: InferredType,
  options: InferOptions = {},
): InferredType {
  const depth = options.depth ?? 0;
  if (!Array.isArray(chain) || depth > 16) return Array.isArray(chain) ? UNKNOWN : input;
  let current = input;
  for (const entry of chain) {
    const t = asObject(entry);
    if (!t) return UNKNOWN;
    current = inferStep(t, current, { ...options, depth: depth + 1 });
  }
  return current;
}

function inferStep(t: JsonObject, input: InferredType, options: InferOptions): InferredType {
  if (Object.hasOwn(t, 'coerce')) {
    const target = String(t.coerce);
    if (!Object.hasOwn(COERCE_TARGET_TYPES, target)) return UNKNOWN;
    const tag = PLUGIN_TAG[COERCE_TARGET_TYPES[target as CoerceTarget]];
    return tag ? known([tag]) : UNKNOWN;
  }
  if (Object.hasOwn(t, 'valueMap')) {
    const table = asObject(t.valueMap);
    if (!table) return UNKNOWN;
    let out = Object.values(table).reduce<InferredType>(
      (acc, v) => unionTypes(acc, typeOfValue(v)),
      known([]),
    );
    out = unionTypes(out, Object.hasOwn(t, 'fallback') ? typeOfValue(t.fallback) : input);
    return out;
  }
  if (Object.hasOwn(t, 'const')) return typeOfValue(t.const);
  if (Object.hasOwn(t, 'if')) {
    const then = Object.hasOwn(t, 'then') ? inferChainType(t.then, input, options) : input;
    const otherwise = Object.hasOwn(t, 'else') ? inferChainType(t.else, input, options) : input;
    return unionTypes(then, otherwise);
  }
  if (Object.hasOwn(t, 'select')) {
    return own(asObject(t.select), 'all') === true ? known(['array'], UNKNOWN) : UNKNOWN;
  }
  if (Object.hasOwn(t, 'each')) {
    const element = input.unknown ? UNKNOWN : (input.element ?? UNKNOWN);
    return known(['array'], inferChainType(t.each, element, options));
  }
  if (Object.hasOwn(t, 'mapEach')) return known(['array'], known(['object']));
  if (Object.hasOwn(t, 'plugin')) {
    const output = options.plugins?.get(String(t.plugin))?.output;
    const tag = output === undefined || output === 'any' ? undefined : PLUGIN_TAG[output];
    return tag ? known([tag]) : UNKNOWN;
  }
  if (Object.hasOwn(t, 'string')) return input;
  if (Object.hasOwn(t, 'split')) return known(['array'], known(['string']));
  if (Object.hasOwn(t, 'join')) return known(['string']);
  return UNKNOWN;
}

/** Which value tags an attribute of this data type accepts (one element of a list). */
const ACCEPTS: Record<DataType, ReadonlySet<ValueTag>> = {
  string: new Set(['string', 'date', 'datetime']),
  number: new Set(['number', 'integer']),
  integer: new Set(['integer']),
  boolean: new Set(['boolean']),
  date: new Set(['date', 'string']),
  datetime: new Set(['datetime', 'string']),
  enum: new Set(['string']),
  json: new Set(['string', 'number', 'integer', 'boolean', 'date', 'datetime', 'array', 'object']),
  reference: new Set(['string', 'number', 'integer']),
};

/**
 * Tags of `type` that an attribute of `dataType` (a list of them when `list`) can never
 * accept; empty when the type fits or is unknown. `null` always fits.
 */
export function incompatibleTags(type: InferredType, dataType: DataType, list: boolean): string[] {
  if (type.unknown) return [];
  const bad: string[] = [];
  for (const tag of type.tags) {
    if (tag === 'null') continue;
    if (list) {
      if (tag !== 'array') bad.push(tag);
      else if (type.element)
        bad.push(...incompatibleTags(type.element, dataType, false).map((t) => `array of ${t}`));
    } else if (!ACCEPTS[dataType].has(tag)) bad.push(tag);
  }
  return bad;
}
