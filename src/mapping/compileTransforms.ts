import type { FieldMapping, Transform } from '../manifest/types.js';
import { coercerFor, INVALID } from './coerceValue.js';
import { compileCondition, isProblem, readerFor } from './compileCondition.js';
import type { PathReader } from './compilePath.js';
import { DEFAULT_MAX_ITEMS, MAX_CHAIN_LENGTH, MAX_ITEMS, MAX_NESTING } from './limits.js';
import { messages } from './messages.js';
import type { PluginRegistry } from './plugins/PluginRegistry.js';
import type { PluginContext } from './plugins/MappingPlugin.js';
import { newAttributes } from './newAttributes.js';
import { frozenCopy, SKIP, STOP, type RunContext, type Step } from './runContext.js';

/** A compile-time problem that skips the field it occurs in. */
export interface CompileProblem {
  rule: string;
  message: string;
}

/** What transform compilation needs from the field compiler (kept apart to avoid an import cycle). */
export interface TransformEnv {
  plugins: PluginRegistry;
  /** Compiles the fields of a `mapEach` at `depth`; skipped sub-fields are warned about by it. */
  compileElementFields(
    fields: Record<string, FieldMapping>,
    parentLabel: string,
    depth: number,
  ): ElementField[];
}

/** A compiled `mapEach` sub-field. */
export interface ElementField {
  key: string;
  run(element: unknown, context: RunContext, out: Record<string, unknown>): void;
}

/** Stringifies what concat, template and join accept; undefined for what they skip. */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return undefined;
}

/** Compiles a chain of transforms into one step (README "Evaluating one field", step 3). */
export function compileChain(
  transforms: Transform[],
  env: TransformEnv,
  depth: number,
  label: string,
): Step | CompileProblem {
  const steps = compileSteps(transforms, env, depth, label);
  return Array.isArray(steps) ? chainOf(steps as readonly Step[]) : (steps as CompileProblem);
}

/**
 * Compiles a chain of transforms into its steps, in order (the generated code calls each
 * step from a call site of its own; `chainOf` makes them one step for the closures).
 */
export function compileSteps(
  transforms: Transform[],
  env: TransformEnv,
  depth: number,
  label: string,
): readonly Step[] | CompileProblem {
  if (transforms.length > MAX_CHAIN_LENGTH) {
    return {
      rule: 'mapping-too-complex',
      message: messages.tooComplex(`a transform chain has more than ${MAX_CHAIN_LENGTH} steps`),
    };
  }
  if (depth > MAX_NESTING) {
    return {
      rule: 'mapping-too-complex',
      message: messages.tooComplex(`transforms are nested more than ${MAX_NESTING} deep`),
    };
  }
  const steps: Step[] = [];
  for (const t of transforms) {
    const step = compileTransform(t, env, depth, label);
    if (typeof step !== 'function') return step;
    steps.push(step);
  }
  return Object.freeze(steps);
}

/** The steps as one step: each in turn, ending at the first STOP or SKIP. */
export function chainOf(steps: readonly Step[]): Step {
  if (steps.length === 1) return steps[0] as Step;
  if (steps.length === 2) {
    const [a, b] = steps as [Step, Step];
    return (v, r, c) => {
      const x = a(v, r, c);
      return x === STOP || x === SKIP ? x : b(x, r, c);
    };
  }
  return (v, r, c) => {
    let x = v;
    for (let i = 0; i < steps.length; i++) {
      x = (steps[i] as Step)(x, r, c);
      if (x === STOP || x === SKIP) return x;
    }
    return x;
  };
}

const identity: Step = (v) => v;

function compileTransform(
  t: Transform,
  env: TransformEnv,
  depth: number,
  label: string,
): Step | CompileProblem {
  const o = t as unknown as Record<string, unknown>;
  if (typeof t !== 'object' || t === null)
    return {
      rule: 'transform-invalid',
      message: 'a transform must be an object; the field is skipped',
    };
  if (Object.hasOwn(o, 'coerce'))
    return compileCoerce(t as Extract<Transform, { coerce: unknown }>);
  if (Object.hasOwn(o, 'valueMap'))
    return compileValueMap(t as Extract<Transform, { valueMap: unknown }>);
  if (Object.hasOwn(o, 'const')) {
    const value = frozenCopy(o.const);
    return () => value;
  }
  if (Object.hasOwn(o, 'if')) {
    const x = t as Extract<Transform, { if: unknown }>;
    const test = compileCondition(x.if);
    if (isProblem(test))
      return { rule: test.rule, message: messages.pathInvalid(test.path, test.message) };
    const then = x.then ? compileChain(x.then, env, depth + 1, label) : identity;
    if (typeof then !== 'function') return then;
    const otherwise = x.else ? compileChain(x.else, env, depth + 1, label) : identity;
    if (typeof otherwise !== 'function') return otherwise;
    return (v, r, c) => (test(v, r) ? then(v, r, c) : otherwise(v, r, c));
  }
  if (Object.hasOwn(o, 'select'))
    return compileSelect(t as Extract<Transform, { select: unknown }>);
  if (Object.hasOwn(o, 'each')) {
    const chain = compileChain(
      (t as Extract<Transform, { each: unknown }>).each,
      env,
      depth + 1,
      label,
    );
    if (typeof chain !== 'function') return chain;
    return (v, r, c) => {
      if (v === undefined || v === null) return v;
      if (!Array.isArray(v)) return fail(c, 'not-an-array', messages.notAnArray('each', v));
      const n = truncated(c, 'each', v.length, DEFAULT_MAX_ITEMS);
      const out: unknown[] = [];
      for (let i = 0; i < n; i++) {
        const x = chain(v[i], r, c);
        if (x === STOP) return STOP;
        if (x !== undefined && x !== SKIP) out.push(x);
      }
      return out;
    };
  }
  if (Object.hasOwn(o, 'mapEach')) {
    const x = t as Extract<Transform, { mapEach: unknown }>;
    if (depth + 1 > MAX_NESTING) {
      return {
        rule: 'mapping-too-complex',
        message: messages.tooComplex(`transforms are nested more than ${MAX_NESTING} deep`),
      };
    }
    const fields = env.compileElementFields(x.mapEach, label, depth + 1);
    const max = Math.min(
      typeof x.maxItems === 'number' && x.maxItems >= 1 ? x.maxItems : DEFAULT_MAX_ITEMS,
      MAX_ITEMS,
    );
    return (v, _r, c) => {
      if (v === undefined || v === null) return v;
      if (!Array.isArray(v)) return fail(c, 'not-an-array', messages.notAnArray('mapEach', v));
      const n = truncated(c, 'mapEach', v.length, max);
      const parentField = c.field;
      const parentPrefix = c.prefix;
      const base = parentPrefix + parentField.key;
      const out: unknown[] = new Array(n);
      for (let i = 0; i < n; i++) {
        const obj = newAttributes();
        c.prefix = `${base}[${i}].`;
        for (const f of fields) f.run(v[i], c, obj);
        out[i] = obj;
      }
      c.field = parentField;
      c.prefix = parentPrefix;
      return out;
    };
  }
  if (Object.hasOwn(o, 'plugin'))
    return compilePlugin(t as Extract<Transform, { plugin: unknown }>, env);
  if (Object.hasOwn(o, 'string')) {
    const op = (t as Extract<Transform, { string: unknown }>).string;
    if (op === 'trim') return (v) => (typeof v === 'string' ? v.trim() : v);
    if (op === 'lower') return (v) => (typeof v === 'string' ? v.toLowerCase() : v);
    if (op === 'upper') return (v) => (typeof v === 'string' ? v.toUpperCase() : v);
    return {
      rule: 'transform-invalid',
      message: `unknown string operation "${String(op)}"; the field is skipped`,
    };
  }
  if (Object.hasOwn(o, 'split')) {
    const sep = String((t as Extract<Transform, { split: unknown }>).split);
    return (v) => (typeof v === 'string' ? v.split(sep, MAX_ITEMS) : v);
  }
  if (Object.hasOwn(o, 'idOf')) {
    const path = String((t as Extract<Transform, { idOf: unknown }>).idOf);
    const reader = readerFor(path);
    if (isProblem(reader))
      return { rule: reader.rule, message: messages.pathInvalid(reader.path, reader.message) };
    return (v, _r, c) => {
      if (v === undefined || v === null || typeof v === 'string') return v;
      if (typeof v === 'number' && Number.isFinite(v)) return v;
      // An expanded object (Stripe's `expand[]`): its id; none is simply missing.
      if (typeof v === 'object' && !Array.isArray(v)) return reader(v);
      return fail(c, 'id-expected', messages.idExpected(v));
    };
  }
  if (Object.hasOwn(o, 'join')) {
    const sep = String((t as Extract<Transform, { join: unknown }>).join);
    return (v) => (Array.isArray(v) ? joinTexts(v, sep) : v);
  }
  return {
    rule: 'transform-invalid',
    message: 'a transform names no known kind; the field is skipped',
  };
}

/** Joins the elements that `textOf` accepts and that are not empty. */
export function joinTexts(values: readonly unknown[], sep: string): string {
  let out = '';
  let first = true;
  for (const v of values) {
    const s = textOf(v);
    if (s === undefined || s === '') continue;
    out = first ? s : out + sep + s;
    first = false;
  }
  return out;
}

function fail(c: RunContext, rule: string, message: string): typeof STOP {
  c.error(rule, message);
  return STOP;
}

/** How many elements to process; warns `array-truncated` when the array is longer than `max`. */
function truncated(c: RunContext, transform: string, length: number, max: number): number {
  if (length <= max) return length;
  c.warning('array-truncated', messages.arrayTruncated(transform, length, max));
  return max;
}

function compileCoerce(t: Extract<Transform, { coerce: unknown }>): Step {
  const coerce = coercerFor(t.coerce, { from: t.from, minorUnits: t.minorUnits });
  const to = t.coerce;
  const policy = t.onInvalid ?? 'fail';
  return (v, _r, c) => {
    const x = coerce(v);
    if (x !== INVALID) return x;
    if (policy === 'null') return null;
    if (policy === 'skip') return SKIP;
    if (policy === 'default') return c.field.fallback;
    return fail(c, 'coerce-failed', messages.coerceFailed(v, to));
  };
}

function compileValueMap(t: Extract<Transform, { valueMap: unknown }>): Step {
  const ignoreCase = t.ignoreCase === true;
  const table = new Map<string, unknown>();
  for (const [k, v] of Object.entries(t.valueMap)) {
    const key = ignoreCase ? k.toLowerCase() : k;
    if (!table.has(key)) table.set(key, frozenCopy(v));
  }
  const hasFallback = Object.hasOwn(t, 'fallback');
  const fallback = frozenCopy(t.fallback);
  return (v) => {
    if (v === undefined) return v;
    let key: string | undefined;
    if (typeof v === 'string') key = v;
    else if (typeof v === 'number' || typeof v === 'boolean') key = String(v);
    if (key !== undefined) {
      if (ignoreCase) key = key.toLowerCase();
      if (table.has(key)) return table.get(key);
    }
    return hasFallback ? fallback : v;
  };
}

function compileSelect(t: Extract<Transform, { select: unknown }>): Step | CompileProblem {
  const { where, pick, all } = t.select;
  const test = compileCondition(where);
  if (isProblem(test))
    return { rule: test.rule, message: messages.pathInvalid(test.path, test.message) };
  let read: PathReader = (e) => e;
  if (pick !== undefined) {
    const reader = readerFor(pick);
    if (isProblem(reader))
      return { rule: reader.rule, message: messages.pathInvalid(reader.path, reader.message) };
    read = reader;
  }
  if (all === true) {
    return (v) => {
      if (!Array.isArray(v)) return undefined;
      const out: unknown[] = [];
      for (const e of v) {
        if (!test(e, e)) continue;
        const x = read(e);
        if (x !== undefined) out.push(x);
      }
      return out.length === 0 ? undefined : out;
    };
  }
  return (v) => {
    if (!Array.isArray(v)) return undefined;
    for (let i = 0; i < v.length; i++) {
      const e: unknown = v[i];
      if (test(e, e)) return read(e);
    }
    return undefined;
  };
}

function compilePlugin(
  t: Extract<Transform, { plugin: unknown }>,
  env: TransformEnv,
): Step | CompileProblem {
  const plugin = env.plugins.get(t.plugin);
  if (!plugin)
    return { rule: 'plugin-unregistered', message: messages.pluginUnregistered(t.plugin) };
  const options = Object.freeze({ ...(t.options ?? {}) });
  const problem = plugin.checkOptions?.(options);
  if (problem !== undefined)
    return { rule: 'plugin-options-invalid', message: messages.pluginOptions(t.plugin, problem) };
  const readers = new Map<string, PathReader | undefined>();
  const context: { record: unknown; read(path: string): unknown } = {
    record: undefined,
    read(path: string) {
      let reader = readers.get(path);
      if (!readers.has(path)) {
        const r = readerFor(path);
        reader = isProblem(r) ? undefined : r;
        readers.set(path, reader);
      }
      return reader ? reader(this.record) : undefined;
    },
  };
  const name = t.plugin;
  return (v, r, c) => {
    if (v === undefined || v === null) return v;
    context.record = r;
    let outcome;
    try {
      outcome = plugin.apply(v, options, context as PluginContext);
    } catch {
      return fail(c, 'plugin-failed', messages.pluginThrew(name));
    }
    return outcome.ok
      ? outcome.value
      : fail(c, 'plugin-failed', messages.pluginFailed(name, outcome.message));
  };
}
