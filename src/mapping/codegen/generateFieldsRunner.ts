/**
 * Generated JavaScript for a compiled mapping's fields (README "Generated code"), the way
 * ajv compiles an untrusted schema: the compiler writes the source, and no manifest text
 * ever becomes code. Property names are emitted only through `stringLiteral` (a JSON
 * string literal, checked to round-trip) and indexes through `integerLiteral` (safe
 * integers); every other value a manifest holds (constants, defaults, value maps, plugin
 * options, patterns) and every closure (transforms, checks, plugins) is a parameter of the
 * generated function, bound by identity. The generated function does what the closure
 * engine's field loop does, step for step: the differential test holds the two (and the
 * reference interpreter) to the same attributes and findings.
 *
 * Why: a closure engine reads `value[key]` and writes `out[key]` at call sites that every
 * field shares, which V8 leaves megamorphic; the generated code has one site per field and
 * path step, each with a monomorphic inline cache (docs/performance.md, "Where the floor is").
 *
 * When code generation from strings is unavailable (`node
 * --disallow-code-generation-from-strings`, a CSP-restricted embedder), or anything here
 * throws, the runner is undefined and `applyMapping` runs the closures: same results.
 */
import { atIndex } from '../compilePath.js';
import { messages } from '../messages.js';
import type { RunContext } from '../runContext.js';
import { SKIP, STOP } from '../runContext.js';
import { emitField, Params, type Builtins } from './emitField.js';
import type { FieldPlan } from './fieldPlan.js';

/** Evaluates every top-level field of a mapping on one record, assigning into `out`. */
export type FieldsRunner = (
  record: unknown,
  context: RunContext,
  out: Record<string, unknown>,
) => void;

/**
 * Fields per generated function. V8 optimizes a function up to a bytecode size limit; a
 * mapping with hundreds of fields is split so that each part stays well under it.
 */
const FIELDS_PER_FUNCTION = 32;

/** False once `new Function` has refused to run (the process disallows it): not retried. */
let available = true;

/** Whether this process lets the engine generate code (false under the flag above). */
export function codegenAvailable(): boolean {
  return available;
}

/** The source of one generated function over `plans`; `p` collects its parameters. */
function functionSource(plans: readonly FieldPlan[], p: Params, b: Builtins): string {
  let body = '';
  plans.forEach((plan, i) => {
    body += emitField(plan, `f${i}`, p, b);
  });
  return `return function mapFields(r, ctx, out) {\nlet v, w, x, f;\n${body}};\n`;
}

/**
 * Builds a function from generated source whose only free names are `P`, the parameter
 * array: the factory binds `p0 = P[0]`, ... and returns the generated function.
 */
function instantiate(source: string, values: readonly unknown[]): FieldsRunner {
  const bindings = values.map((_, i) => `const p${i} = P[${i}];\n`).join('');
  const text = `'use strict';\n${bindings}${source}`;
  // The one place the project generates code (eslint's exception is this line only). What
  // it compiles is the text above: our own statements, names we generated, and manifest
  // data only as JSON string literals and safe integers (jsLiteral.ts). README "Generated code".
  // eslint-disable-next-line no-restricted-syntax -- generated from plans, see the module comment
  const factory = new Function('P', text) as (params: readonly unknown[]) => FieldsRunner;
  return factory(values);
}

/**
 * The generated runner of a mapping's fields, or undefined when code cannot be generated
 * (then the closures run). Never throws.
 */
export function generateFieldsRunner(plans: readonly FieldPlan[]): FieldsRunner | undefined {
  if (!available) return undefined;
  try {
    const parts: FieldsRunner[] = [];
    for (let start = 0; start < plans.length; start += FIELDS_PER_FUNCTION) {
      const p = new Params();
      const b: Builtins = {
        hasOwn: p.name(Object.prototype.hasOwnProperty),
        atIndex: p.name(atIndex),
        STOP: p.name(STOP),
        SKIP: p.name(SKIP),
        messages: p.name(messages),
      };
      const source = functionSource(plans.slice(start, start + FIELDS_PER_FUNCTION), p, b);
      parts.push(instantiate(source, p.values));
    }
    if (parts.length === 0) return () => undefined;
    if (parts.length === 1) return parts[0];
    return (record, context, out) => {
      for (let i = 0; i < parts.length; i++) (parts[i] as FieldsRunner)(record, context, out);
    };
  } catch (error) {
    // EvalError: this process disallows code generation from strings. Remember it, so that
    // later compiles do not pay for the refusal; anything else leaves the closures for
    // this mapping only.
    if (error instanceof EvalError) available = false;
    return undefined;
  }
}
