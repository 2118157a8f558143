import { COERCE_TARGET_TYPES } from '../manifest/types.js';
import type { Attribute, DataType, FieldMapping } from '../manifest/types.js';
import { compileAttributeCheck, type ValueCheck } from './compileAttributeCheck.js';
import { isProblem, readerFor } from './compileCondition.js';
import type { PathReader } from './compilePath.js';
import { parseSourcePath } from './parseSourcePath.js';
import type { FieldPlan, InlineStep, OriginPlan, PathRead } from './codegen/fieldPlan.js';
import {
  chainOf,
  compileSteps,
  textOf,
  type CompileProblem,
  type ElementField,
  type TransformEnv,
} from './compileTransforms.js';
import { messages } from './messages.js';
import type { PluginRegistry } from './plugins/PluginRegistry.js';
import {
  frozenCopy,
  SKIP,
  STOP,
  type FieldInfo,
  type RunContext,
  type Step,
} from './runContext.js';
import type { MappingFinding } from './types.js';

/**
 * A field compiled to closures; `run` evaluates it on one record and assigns into `out`.
 * `plan` holds the same closures for the code generator (src/mapping/codegen).
 */
export interface CompiledField extends ElementField {
  run(record: unknown, context: RunContext, out: Record<string, unknown>): void;
  readonly plan: FieldPlan;
}

/** Where compile-time findings go, and the plugins to resolve. */
export interface FieldCompileEnv {
  plugins: PluginRegistry;
  warnings: MappingFinding[];
}

/** The label a finding's `source` carries: the path (alternatives joined by " | "), or the origin kind. */
export function sourceLabel(field: FieldMapping): string {
  if (field.source !== undefined)
    return Array.isArray(field.source) ? field.source.join(' | ') : field.source;
  if (field.concat !== undefined) return 'concat';
  if (field.template !== undefined) return 'template';
  return 'const';
}

/**
 * Compiles one field mapping. Returns undefined (after pushing a warning) when the field
 * must be skipped: a bad path, an unregistered plugin, bad plugin options, too deep.
 * `attribute` is the target's definition (undefined inside `mapEach`: no validation);
 * `primaryKey` marks the entity type's key attribute, whose errors fail a record in
 * lenient mode too (as a required attribute's do).
 */
export function compileField(
  key: string,
  field: FieldMapping,
  options: {
    env: FieldCompileEnv;
    label: string;
    depth: number;
    attribute: Attribute | undefined;
    primaryKey?: boolean;
  },
): CompiledField | undefined {
  const { env, label, depth, attribute } = options;
  const source = sourceLabel(field);
  const warn = (p: CompileProblem) =>
    env.warnings.push({
      attribute: label,
      source,
      rule: p.rule,
      message: p.message,
      severity: 'warning',
    });
  const compiledOrigin = compileOrigin(field);
  if (isCompileProblem(compiledOrigin)) {
    warn(compiledOrigin);
    return undefined;
  }
  const origin = compiledOrigin.run;
  let steps: readonly Step[] | undefined;
  let chain: Step | undefined;
  if (Array.isArray(field.transforms) && field.transforms.length > 0) {
    const transformEnv: TransformEnv = {
      plugins: env.plugins,
      compileElementFields: (fields, parentLabel, d) => {
        const out: ElementField[] = [];
        for (const [k, f] of Object.entries(fields)) {
          const compiled = compileField(k, f, {
            env,
            label: `${parentLabel}[].${k}`,
            depth: d,
            attribute: undefined,
          });
          if (compiled) out.push(compiled);
        }
        return out;
      },
    };
    const c = compileSteps(field.transforms, transformEnv, depth, label);
    if (!Array.isArray(c)) {
      warn(c as CompileProblem);
      return undefined;
    }
    steps = c;
    chain = chainOf(c);
  }
  let check: ValueCheck | undefined;
  let checkParts: readonly ValueCheck[] | undefined;
  const required = attribute?.required === true;
  if (attribute) {
    const compiled = compileAttributeCheck(attribute, { produces: producedType(field) });
    compiled.warnings.forEach(warn);
    check = compiled.check;
    checkParts = compiled.parts;
  }
  const hasDefault = Object.hasOwn(field, 'default');
  const fallback = hasDefault ? frozenCopy(field.default) : undefined;
  const critical = attribute !== undefined && (required || options.primaryKey === true);
  const info: FieldInfo = { key, source, fallback, critical };
  const short = !chain && !hasDefault && field.template === undefined;
  const plan: FieldPlan = Object.freeze({
    key,
    info,
    origin: compiledOrigin.plan,
    steps,
    checkParts,
    check,
    hasDefault,
    fallback,
    required,
    short,
  });
  if (short) {
    // The most common field (a path read, checked, stored): no default, no chain, and an
    // origin that records no finding, so the current field is set only when one is recorded.
    // Same steps as the general case below.
    return {
      key,
      plan,
      run(record, context, out) {
        const value = origin(record, context);
        if (value === undefined) {
          if (required) {
            context.field = info;
            context.error('required-missing', messages.requiredMissing());
          }
          return;
        }
        if (value === STOP) return;
        if (value === null) {
          if (!required) out[key] = null;
          else {
            context.field = info;
            context.error('required-null', messages.requiredNull());
          }
          return;
        }
        if (check) {
          const failure = check(value);
          if (failure) {
            context.field = info;
            context.error(failure.rule, failure.message);
            return;
          }
        }
        out[key] = value;
      },
    };
  }
  return {
    key,
    plan,
    run(record, context, out) {
      context.field = info;
      let value = origin(record, context);
      if (value === STOP) return;
      if (hasDefault && (value === undefined || value === null)) value = fallback;
      if (chain) {
        value = chain(value, record, context);
        if (value === STOP) return;
        if (value === SKIP) value = undefined;
      }
      if (value === undefined) {
        if (required) context.error('required-missing', messages.requiredMissing());
        return;
      }
      if (value === null) {
        if (required) context.error('required-null', messages.requiredNull());
        else out[key] = null;
        return;
      }
      if (check) {
        const failure = check(value);
        if (failure) {
          context.error(failure.rule, failure.message);
          return;
        }
      }
      out[key] = value;
    },
  };
}

/**
 * The data type a field's chain is sure to produce when it produces a value: a final
 * `coerce` yields a valid value of its target (unless `onInvalid: "default"` may swap in
 * an arbitrary default). Undefined when unknown.
 */
function producedType(field: FieldMapping): DataType | undefined {
  const last = field.transforms?.at(-1);
  if (!last || typeof last !== 'object' || !('coerce' in last) || last.onInvalid === 'default')
    return undefined;
  return Object.hasOwn(COERCE_TARGET_TYPES, last.coerce)
    ? COERCE_TARGET_TYPES[last.coerce]
    : undefined;
}

function pathProblem(path: string): PathReader | CompileProblem {
  const reader = readerFor(path);
  return isProblem(reader)
    ? { rule: reader.rule, message: messages.pathInvalid(reader.path, reader.message) }
    : reader;
}

function isCompileProblem(x: unknown): x is CompileProblem {
  return typeof x === 'object' && x !== null && 'rule' in x;
}

/**
 * How the generated code reads a path that compiled to `reader`: inline own-property
 * steps when the path is single-valued and made of names and indexes only, else the
 * reader itself.
 */
function pathRead(path: string, reader: PathReader): PathRead {
  const parsed = parseSourcePath(path);
  if (!parsed.ok || parsed.path.multi) return { reader };
  const steps: InlineStep[] = [];
  for (const segment of parsed.path.segments) {
    if (segment.kind === 'key') steps.push({ key: segment.key });
    else if (segment.kind === 'index') steps.push({ index: segment.index });
    else return { reader };
  }
  return { steps: Object.freeze(steps) };
}

/** A field's origin: reads the record; STOP when it recorded a finding (an incomplete template). */
type Origin = (record: unknown, context: RunContext) => unknown;

/** The origin of a field (README step 1) as a closure over the record, with its plan. */
function compileOrigin(field: FieldMapping): { run: Origin; plan: OriginPlan } | CompileProblem {
  if (Array.isArray(field.source)) {
    // Ordered alternatives: the first that yields a value (README "source").
    const readers: PathReader[] = [];
    const reads: PathRead[] = [];
    for (const s of field.source) {
      const r = pathProblem(s);
      if (typeof r !== 'function') return r;
      readers.push(r);
      reads.push(pathRead(s, r));
    }
    return {
      plan: { kind: 'alternatives', reads: Object.freeze(reads) },
      run: (record) => {
        for (let i = 0; i < readers.length; i++) {
          const v = (readers[i] as PathReader)(record);
          if (v !== undefined && v !== null) return v;
        }
        return undefined;
      },
    };
  }
  if (field.source !== undefined) {
    const r = pathProblem(field.source);
    if (typeof r !== 'function') return r;
    return { run: r, plan: { kind: 'path', read: pathRead(field.source, r) } };
  }
  if (field.concat !== undefined) {
    const readers: PathReader[] = [];
    for (const s of field.concat.sources) {
      const r = pathProblem(s);
      if (typeof r !== 'function') return r;
      readers.push(r);
    }
    const sep = field.concat.separator ?? ' ';
    const run: Origin = (record) => {
      let out: string | undefined;
      for (const read of readers) {
        const s = textOf(read(record));
        if (s === undefined || s === '') continue;
        out = out === undefined ? s : out + sep + s;
      }
      return out;
    };
    return { run, plan: { kind: 'closure', origin: run, mayStop: false } };
  }
  if (field.template !== undefined) {
    const run = compileTemplate(field.template);
    if (isCompileProblem(run)) return run;
    return { run, plan: { kind: 'closure', origin: run, mayStop: true } };
  }
  if (Object.hasOwn(field, 'const')) {
    const value = frozenCopy(field.const);
    return { run: () => value, plan: { kind: 'const', value } };
  }
  return {
    rule: 'origin-missing',
    message: 'the field has no source, concat, template or const; the field is skipped',
  };
}

/**
 * A template split into literal text and placeholder paths. A placeholder written
 * `{path?}` is optional; a plain `{path}` is a part the value needs.
 */
export type TemplatePart = { text: string } | { path: string; optional: boolean };

/** Splits a template (README "template"); a string is the reason it is malformed. */
export function parseTemplate(template: string): TemplatePart[] | string {
  const parts: TemplatePart[] = [];
  let text = '';
  for (let i = 0; i < template.length; i++) {
    const ch = template[i];
    if (ch === '{' && template[i + 1] === '{') {
      text += '{';
      i++;
    } else if (ch === '}' && template[i + 1] === '}') {
      text += '}';
      i++;
    } else if (ch === '{') {
      const close = template.indexOf('}', i + 1);
      if (close < 0)
        return `the "{" at character ${i + 1} is never closed (write "{{" for a literal brace)`;
      if (text) parts.push({ text });
      text = '';
      const inner = template.slice(i + 1, close).trim();
      const optional = inner.endsWith('?');
      parts.push({ path: optional ? inner.slice(0, -1).trim() : inner, optional });
      i = close;
    } else if (ch === '}') {
      return `unmatched "}" at character ${i + 1} (write "}}" for a literal brace)`;
    } else text += ch;
  }
  if (text) parts.push({ text });
  return parts;
}

interface Placeholder {
  read: PathReader;
  path: string;
  optional: boolean;
}

function compileTemplate(template: string): Origin | CompileProblem {
  const parts = parseTemplate(template);
  if (typeof parts === 'string')
    return { rule: 'template-invalid', message: messages.templateInvalid(parts) };
  const pieces: Array<string | Placeholder> = [];
  let placeholders = 0;
  for (const p of parts) {
    if ('text' in p) pieces.push(p.text);
    else {
      const r = pathProblem(p.path);
      if (typeof r !== 'function') return r;
      pieces.push({ read: r, path: p.path, optional: p.optional });
      placeholders++;
    }
  }
  return (record, context) => {
    let out = '';
    let found = 0;
    for (const piece of pieces) {
      if (typeof piece === 'string') out += piece;
      else {
        const s = textOf(piece.read(record));
        if (s !== undefined && s !== '') {
          out += s;
          found++;
        } else if (!piece.optional) {
          // A part the value needs is missing: a finding, never a broken id (":1358877455.0").
          context.error('template-incomplete', messages.templateIncomplete(piece.path));
          return STOP;
        }
      }
    }
    return placeholders > 0 && found === 0 ? undefined : out.trim();
  };
}
