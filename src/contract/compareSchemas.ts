import type { ApiDiffRuleId } from './apiDiffRules.js';
import { splitPointer } from '../manifest/jsonPointer.js';

type Json = Record<string, unknown>;

/** One side of a comparison: the document its `$ref`s point into, and where the schema sits. */
export interface SchemaSide {
  doc: Json;
  where: string;
}

/** The rule family: a parameter's schema, a request body's, or a response body's. */
export type SchemaPrefix = 'parameter' | 'request-field' | 'response-field';

/**
 * One comparison of a schema in the base and in the head document: the two schemas, where they
 * sit, and which direction narrows.
 */
export interface CompareSchemasOptions {
  before: unknown;
  after: unknown;
  sides: [SchemaSide, SchemaSide];
  prefix: SchemaPrefix;
  /**
   * `request`: the client writes values the schema must keep accepting (narrowing breaks);
   * `response`: the client reads values and must keep understanding them (widening breaks).
   */
  direction: 'request' | 'response';
  report: (rule: ApiDiffRuleId, location: string, detail: string) => void;
}

const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'];
const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'];

/**
 * Compares two JSON Schemas (draft 2020-12, as OpenAPI 3.1 uses them) for what a client can
 * notice: types, `enum`/`const` values, bounds and patterns (inputs only), object properties
 * and `required`, array items, recursively and through local `$ref`s (a pair of references
 * already being compared is not entered again, so recursive schemas end).
 */
export function compareSchemas(options: CompareSchemasOptions): void {
  walk(options, options.before, options.after, '', new Set());
}

function walk(
  options: CompareSchemasOptions,
  rawBefore: unknown,
  rawAfter: unknown,
  pointer: string,
  seen: Set<string>,
): void {
  const [baseSide, headSide] = options.sides;
  const refs = `${refOf(rawBefore) ?? ''}|${refOf(rawAfter) ?? ''}`;
  if (refOf(rawBefore) && refOf(rawAfter)) {
    if (seen.has(refs)) return;
    seen = new Set(seen).add(refs);
  }
  const before = resolve(baseSide.doc, rawBefore);
  const after = resolve(headSide.doc, rawAfter);
  if (!before || !after) return;
  const location = pointer ? `${baseSide.where} ${pointer}` : baseSide.where;
  const { prefix, direction, report } = options;
  const input = direction === 'request';

  // Types.
  const typesBefore = typesOf(before);
  const typesAfter = typesOf(after);
  const describeTypes = (t: Set<string> | undefined) => (t ? [...t].sort().join(' | ') : 'any');
  const detail = `${describeTypes(typesBefore)} → ${describeTypes(typesAfter)}`;
  if (input) {
    // Every value the client could send before must still be accepted.
    if (typesAfter && (!typesBefore || [...typesBefore].some((t) => !accepts(typesAfter, t))))
      report(`${prefix}-retyped` as ApiDiffRuleId, location, detail);
    else if (typesBefore && (!typesAfter || [...typesAfter].some((t) => !accepts(typesBefore, t))))
      report(`${prefix}-relaxed` as ApiDiffRuleId, location, detail);
  } else {
    // Every value the service may answer must be one the client already understands.
    if (typesBefore && (!typesAfter || [...typesAfter].some((t) => !accepts(typesBefore, t))))
      report('response-field-retyped', location, detail);
    else if (typesAfter && (!typesBefore || [...typesBefore].some((t) => !accepts(typesAfter, t))))
      report('response-field-narrowed', location, detail);
  }

  // Enumerated values.
  const valuesBefore = valuesOf(before);
  const valuesAfter = valuesOf(after);
  if (valuesBefore || valuesAfter) {
    const removed = valuesBefore
      ? valuesBefore.filter((v) => !valuesAfter || !valuesAfter.includes(v))
      : [];
    const added = valuesAfter
      ? valuesAfter.filter((v) => !valuesBefore || !valuesBefore.includes(v))
      : [];
    if (input && valuesAfter && (removed.length > 0 || !valuesBefore))
      report(
        `${prefix}-constrained` as ApiDiffRuleId,
        location,
        `values ${removed.join(', ') || '(any)'} no longer accepted`,
      );
    else if (input && added.length > 0)
      report(`${prefix}-relaxed` as ApiDiffRuleId, location, `values ${added.join(', ')} accepted`);
    // A client switching over the answered values meets one it does not know.
    if (!input && valuesBefore && (added.length > 0 || !valuesAfter))
      report(
        'response-field-retyped',
        location,
        `values ${added.join(', ') || '(any)'} may now be answered`,
      );
    else if (!input && removed.length > 0)
      report(
        'response-field-narrowed',
        location,
        `values ${removed.join(', ')} no longer answered`,
      );
  }

  // Bounds and patterns constrain what a client may send; in answers they are documentation.
  if (input) {
    for (const key of [...LOWER_BOUNDS, ...UPPER_BOUNDS, 'pattern']) {
      const b = before[key];
      const a = after[key];
      if (b === a) continue;
      const tighter =
        key === 'pattern'
          ? a !== undefined
          : a !== undefined &&
            (b === undefined ||
              (LOWER_BOUNDS.includes(key) ? Number(a) > Number(b) : Number(a) < Number(b)));
      report(
        `${prefix}-${tighter ? 'constrained' : 'relaxed'}` as ApiDiffRuleId,
        location,
        `${key} ${b === undefined ? '(none)' : JSON.stringify(b)} → ${a === undefined ? '(none)' : JSON.stringify(a)}`,
      );
    }
  }

  // Object properties.
  const propsBefore = (before.properties as Json | undefined) ?? {};
  const propsAfter = (after.properties as Json | undefined) ?? {};
  const requiredBefore = new Set((before.required as string[] | undefined) ?? []);
  const requiredAfter = new Set((after.required as string[] | undefined) ?? []);
  const at = (name: string) => `${baseSide.where} ${pointer}/${name}`;
  if (prefix !== 'parameter') {
    for (const name of Object.keys(propsBefore)) {
      if (name in propsAfter) continue;
      if (!input) report('response-field-removed', at(name), 'clients reading it find nothing');
      else if (after.additionalProperties === false)
        report('request-field-removed', at(name), 'clients sending it get 400');
    }
    for (const name of Object.keys(propsAfter)) {
      if (name in propsBefore) continue;
      if (!input) report('response-field-added', at(name), '');
      else
        report(
          requiredAfter.has(name) ? 'request-field-added-required' : 'request-field-added-optional',
          at(name),
          '',
        );
    }
    for (const name of Object.keys(propsBefore)) {
      if (!(name in propsAfter)) continue;
      const was = requiredBefore.has(name);
      const is = requiredAfter.has(name);
      if (was !== is) {
        const rule: ApiDiffRuleId = input
          ? is
            ? 'request-field-made-required'
            : 'request-field-made-optional'
          : is
            ? 'response-field-made-required'
            : 'response-field-made-optional';
        report(rule, at(name), '');
      }
      walk(options, propsBefore[name], propsAfter[name], `${pointer}/${name}`, seen);
    }
    // `required` naming a property neither side defines (for free-form objects).
    if (input)
      for (const name of requiredAfter)
        if (!requiredBefore.has(name) && !(name in propsAfter) && !(name in propsBefore))
          report('request-field-added-required', at(name), '');
  }

  if (before.items !== undefined && after.items !== undefined)
    walk(options, before.items, after.items, `${pointer}/[]`, seen);
}

function refOf(value: unknown): string | undefined {
  const ref = (value as Json | undefined)?.$ref;
  return typeof ref === 'string' ? ref : undefined;
}

function resolve(doc: Json, value: unknown): Json | undefined {
  let current = value as Json | undefined;
  for (let hops = 0; hops < 20 && current && typeof current.$ref === 'string'; hops++) {
    const ref = current.$ref;
    if (!ref.startsWith('#/')) return undefined;
    let target: unknown = doc;
    for (const part of splitPointer(ref.slice(1))) target = (target as Json | undefined)?.[part];
    current = target as Json | undefined;
  }
  return current && typeof current === 'object' ? current : undefined;
}

/** The JSON types a schema allows (from `type`, else from `const`/`enum`), or undefined: any. */
function typesOf(schema: Json): Set<string> | undefined {
  if (typeof schema.type === 'string') return new Set([schema.type]);
  if (Array.isArray(schema.type)) return new Set(schema.type.map(String));
  const values = valuesOf(schema);
  if (values) return new Set(values.map((v) => jsonType(JSON.parse(v) as unknown)));
  return undefined;
}

/** `integer` values are also `number`s. */
const accepts = (types: Set<string>, type: string) =>
  types.has(type) || (type === 'integer' && types.has('number'));

function valuesOf(schema: Json): string[] | undefined {
  if ('const' in schema) return [JSON.stringify(schema.const)];
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v));
  return undefined;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}
