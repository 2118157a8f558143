import type { MappingFinding, MappingMode } from './types.js';

/** A transform's verdict that ends the field: a finding has been recorded, the field is dropped. */
export const STOP: unique symbol = Symbol('stop');
/** `onInvalid: "skip"`: the field ends without a value and without a finding. */
export const SKIP: unique symbol = Symbol('skip');

/** What findings and `onInvalid: "default"` need to know about the field being evaluated. */
export interface FieldInfo {
  readonly key: string;
  /** The finding `source`: the path, or the origin kind. */
  readonly source: string;
  /** The field's `default`, undefined when it has none. */
  readonly fallback: unknown;
  /**
   * True for a required attribute or the primary key: its errors stay errors in lenient
   * mode too, so a record without its key or a required value is never `ok`.
   */
  readonly critical: boolean;
}

const NO_FIELD: FieldInfo = { key: '', source: '', fallback: undefined, critical: false };

/**
 * Per-record state of the compiled engine: where findings go and which field is being
 * evaluated (so findings name it without passing labels through every closure).
 */
export class RunContext {
  readonly strict: boolean;
  findings: MappingFinding[] = [];
  /** The field being evaluated (one store per field on the hot path). */
  field: FieldInfo = NO_FIELD;
  /** Label prefix of `mapEach` elements (`lines[2].`); "" at the top level. */
  prefix = '';

  constructor(mode: MappingMode) {
    this.strict = mode === 'strict';
  }

  /** Records an error (a warning in lenient mode, unless the field is critical) on the current field. */
  error(rule: string, message: string): void {
    this.findings.push({
      attribute: this.prefix + this.field.key,
      source: this.field.source,
      rule,
      message,
      severity: this.strict || this.field.critical ? 'error' : 'warning',
    });
  }

  /** Records a warning on the current field. */
  warning(rule: string, message: string): void {
    this.findings.push({
      attribute: this.prefix + this.field.key,
      source: this.field.source,
      rule,
      message,
      severity: 'warning',
    });
  }
}

/** A compiled transform step: the next value, or STOP / SKIP. `record` is the record (or element) read by paths. */
export type Step = (value: unknown, record: unknown, context: RunContext) => unknown;

/**
 * Deep copy of a JSON value, frozen, so outputs never alias (or let callers mutate)
 * manifest data. Iterative, so a deeply nested constant cannot overflow the stack; keys
 * are defined as own data properties (a `__proto__` key stays a key).
 */
export function frozenCopy<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  const empty = (v: object): Record<string | number, unknown> =>
    (Array.isArray(v) ? new Array<unknown>(v.length) : {}) as Record<string | number, unknown>;
  const root = empty(value);
  const containers: object[] = [root];
  const stack: Array<[Record<string, unknown>, Record<string | number, unknown>]> = [
    [value as Record<string, unknown>, root],
  ];
  while (stack.length > 0) {
    const [source, target] = stack.pop() as [
      Record<string, unknown>,
      Record<string | number, unknown>,
    ];
    for (const key of Object.keys(source)) {
      let v = source[key];
      if (typeof v === 'object' && v !== null) {
        const copy = empty(v);
        containers.push(copy);
        stack.push([v as Record<string, unknown>, copy]);
        v = copy;
      }
      Object.defineProperty(target, key, {
        value: v,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
  }
  for (const c of containers) Object.freeze(c);
  return root as T;
}
