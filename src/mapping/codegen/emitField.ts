/**
 * Emits the JavaScript of one top-level field: the same steps, in the same order, as the
 * closure `run` that compileField builds (its short and general variants), with the
 * property names of paths and of the output written as string literals so that every
 * read and store has a call site, and an inline cache, of its own. Everything that is not
 * a name or an index (closures, constants, defaults, messages) is a parameter.
 */
import type { FieldPlan, OriginPlan, PathRead } from './fieldPlan.js';
import { integerLiteral, stringLiteral } from './jsLiteral.js';

/**
 * The values the generated code receives, by generated name (`p0`, `p1`, ...). One name
 * per distinct value, so that a closure shared by several fields is one parameter.
 */
export class Params {
  readonly values: unknown[] = [];
  private readonly names = new Map<unknown, string>();

  /** The generated name of `value` (a fresh one the first time). */
  name(value: unknown): string {
    let n = this.names.get(value);
    if (n === undefined) {
      n = `p${this.values.length}`;
      this.values.push(value);
      this.names.set(value, n);
    }
    return n;
  }
}

/** Names every generated function uses, bound once to these values by the factory. */
export interface Builtins {
  hasOwn: string;
  atIndex: string;
  STOP: string;
  SKIP: string;
  messages: string;
}

/**
 * Statements that read `read` from `root` into `v` (`x` and `w` are scratch). A name step
 * reads the own property only, exactly as compilePath's readers: read, then ask whether
 * what was read is own (a missing key costs no ownership check).
 */
function emitRead(read: PathRead, root: string, p: Params, b: Builtins): string {
  if ('reader' in read) return `v = ${p.name(read.reader)}(${root});\n`;
  if (read.steps.length === 0) return `v = ${root};\n`;
  let code = `x = ${root};\n`;
  read.steps.forEach((step, i) => {
    if (i > 0) code += 'x = v;\n';
    if ('index' in step) {
      code += `v = ${b.atIndex}(x, ${integerLiteral(step.index)});\n`;
      return;
    }
    const k = stringLiteral(step.key);
    code +=
      `if (typeof x === 'object' && x !== null) { v = x[${k}]; ` +
      `if (v !== undefined && !${b.hasOwn}.call(x, ${k})) v = undefined; } else v = undefined;\n`;
  });
  return code;
}

/** Statements that set `v` to the field's origin value. */
function emitOrigin(origin: OriginPlan, p: Params, b: Builtins): string {
  switch (origin.kind) {
    case 'path':
      return emitRead(origin.read, 'r', p, b);
    case 'const':
      return `v = ${p.name(origin.value)};\n`;
    case 'closure':
      return `v = ${p.name(origin.origin)}(r, ctx);\n`;
    case 'alternatives': {
      // The first alternative that is neither undefined nor null; none: undefined.
      let code = '';
      let close = '';
      origin.reads.forEach((read, i) => {
        code += emitRead(read, 'r', p, b);
        if (i < origin.reads.length - 1) {
          code += 'if (v === undefined || v === null) {\n';
          close += '}\n';
        } else code += 'if (v === null) v = undefined;\n';
      });
      return code + close;
    }
  }
}

/** Statements that run the checks on `v` into `f` (the first failure, or undefined). */
function emitChecks(plan: FieldPlan, p: Params): string {
  if (plan.checkParts !== undefined) {
    if (plan.checkParts.length === 0) return '';
    return plan.checkParts
      .map((part, i) =>
        i === 0 ? `f = ${p.name(part)}(v);\n` : `if (!f) f = ${p.name(part)}(v);\n`,
      )
      .join('');
  }
  return plan.check ? `f = ${p.name(plan.check)}(v);\n` : '';
}

/** The code of one field as a labelled block (`label` is generated, never manifest text). */
export function emitField(plan: FieldPlan, label: string, p: Params, b: Builtins): string {
  const key = stringLiteral(plan.key);
  const info = p.name(plan.info);
  // The short variant sets the current field only when it records a finding.
  const setField = plan.short ? `ctx.field = ${info}; ` : '';
  const checks = emitChecks(plan, p);
  let code = `${label}: {\n`;
  if (!plan.short) code += `ctx.field = ${info};\n`;
  code += emitOrigin(plan.origin, p, b);
  if (plan.short) {
    code += plan.required
      ? `if (v === undefined) { ${setField}ctx.error("required-missing", ${b.messages}.requiredMissing()); break ${label}; }\n`
      : `if (v === undefined) break ${label};\n`;
    code += `if (v === ${b.STOP}) break ${label};\n`;
  } else {
    code += `if (v === ${b.STOP}) break ${label};\n`;
    if (plan.hasDefault)
      code += `if (v === undefined || v === null) v = ${p.name(plan.fallback)};\n`;
    if (plan.steps !== undefined && plan.steps.length > 0) {
      const chain = `${label}c`;
      code += `${chain}: {\n`;
      for (const step of plan.steps) {
        code += `v = ${p.name(step)}(v, r, ctx);\n`;
        code += `if (v === ${b.STOP}) break ${label};\n`;
        code += `if (v === ${b.SKIP}) { v = undefined; break ${chain}; }\n`;
      }
      code += '}\n';
    }
    code += plan.required
      ? `if (v === undefined) { ctx.error("required-missing", ${b.messages}.requiredMissing()); break ${label}; }\n`
      : `if (v === undefined) break ${label};\n`;
  }
  code += plan.required
    ? `if (v === null) { ${setField}ctx.error("required-null", ${b.messages}.requiredNull()); break ${label}; }\n`
    : `if (v === null) { out[${key}] = null; break ${label}; }\n`;
  if (checks !== '')
    code += checks + `if (f) { ${setField}ctx.error(f.rule, f.message); break ${label}; }\n`;
  code += `out[${key}] = v;\n}\n`;
  return code;
}
