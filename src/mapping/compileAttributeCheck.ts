import type { Attribute, DataType } from '../manifest/types.js';
import { compilePattern, type ManifestPattern } from '../manifest/manifestPattern.js';
import { formatCheck } from './formats.js';
import { messages } from './messages.js';

/** A validation failure: the rule and its message. */
export interface CheckFailure {
  rule: string;
  message: string;
}

/** Checks a value that is neither undefined nor null; undefined when it passes. */
export type ValueCheck = (value: unknown) => CheckFailure | undefined;

/** Whether a value has a data type (README "Validation"). */
export function typeTest(dataType: DataType): (v: unknown) => boolean {
  switch (dataType) {
    case 'string':
    case 'enum':
      return (v) => typeof v === 'string';
    case 'number':
      return (v) => typeof v === 'number' && Number.isFinite(v);
    case 'integer':
      return (v) => Number.isInteger(v);
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'date': {
      const date = formatCheck('date');
      return (v) => typeof v === 'string' && date !== undefined && date(v);
    }
    case 'datetime': {
      const dt = formatCheck('date-time');
      return (v) => typeof v === 'string' && dt !== undefined && dt(v);
    }
    case 'reference':
      return (v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
    case 'json':
    default:
      return () => true;
  }
}

/** Whether every value of type `produced` passes the type test of `wanted`. */
function satisfies(produced: DataType, wanted: DataType): boolean {
  return produced === wanted || (produced === 'integer' && wanted === 'number');
}

/** Length in code points, as JSON Schema counts. */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (
      c < 0xdc00 ||
      c > 0xdfff ||
      i === 0 ||
      s.charCodeAt(i - 1) < 0xd800 ||
      s.charCodeAt(i - 1) > 0xdbff
    )
      n++;
  }
  return n;
}

/**
 * Compiles an attribute's data type, `list`, `enumValues` and validation rules into one
 * check, once. `produces`, when given, is a type the value is known to have (the
 * compiler's static knowledge of the chain). An unknown format or an invalid pattern is reported in `warnings` and the
 * rule is ignored. Patterns are compiled once with the `u` flag.
 */
export function compileAttributeCheck(
  attribute: Attribute,
  options: { produces?: DataType } = {},
): {
  check: ValueCheck | undefined;
  /** The checks of a non-list attribute one by one, in order (the generated code calls each). */
  parts?: readonly ValueCheck[];
  warnings: CheckFailure[];
} {
  const warnings: CheckFailure[] = [];
  const parts: ValueCheck[] = [];
  const type = attribute.dataType;
  // The type test is dropped when the chain is known to produce that type (precomputed:
  // a final coerce always yields a valid value of its target, or null, or nothing).
  const known =
    attribute.list !== true && options.produces !== undefined && satisfies(options.produces, type);
  if (type !== 'json' && !known) {
    const is = typeTest(type);
    if (type === 'number' || type === 'integer' || type === 'reference') {
      // Beyond 2^53 the payload's number was already rounded when it was parsed: a finding.
      parts.push((v) =>
        typeof v === 'number' && Math.abs(v) > Number.MAX_SAFE_INTEGER
          ? { rule: 'number-unsafe', message: messages.numberUnsafe(v) }
          : is(v)
            ? undefined
            : { rule: 'type-mismatch', message: messages.typeMismatch(v, type) },
      );
    } else if (type === 'string' || type === 'enum') {
      // The commonest test, without the call through `is` (a per-field cost on the hot path).
      parts.push((v) =>
        typeof v === 'string'
          ? undefined
          : { rule: 'type-mismatch', message: messages.typeMismatch(v, type) },
      );
    } else if (type === 'boolean') {
      parts.push((v) =>
        typeof v === 'boolean'
          ? undefined
          : { rule: 'type-mismatch', message: messages.typeMismatch(v, type) },
      );
    } else
      parts.push((v) =>
        is(v) ? undefined : { rule: 'type-mismatch', message: messages.typeMismatch(v, type) },
      );
  }
  const allowed = attribute.enumValues;
  if (Array.isArray(allowed)) {
    const set = new Set<unknown>(allowed);
    parts.push((v) =>
      typeof v === 'string' && set.has(v)
        ? undefined
        : { rule: 'enum-mismatch', message: messages.enumMismatch(v) },
    );
  }
  const rules = attribute.validation ?? {};
  if (rules.format !== undefined) {
    const check = formatCheck(rules.format);
    const format = rules.format;
    if (!check) warnings.push({ rule: 'format-unknown', message: messages.formatUnknown(format) });
    else
      parts.push((v) =>
        typeof v !== 'string' || check(v)
          ? undefined
          : { rule: 'format-mismatch', message: messages.formatMismatch(v, format) },
      );
  }
  if (rules.pattern !== undefined) {
    const pattern = rules.pattern;
    let re: ManifestPattern | undefined;
    try {
      re = compilePattern(pattern);
    } catch {
      warnings.push({ rule: 'pattern-invalid', message: messages.patternInvalid(pattern) });
    }
    if (re) {
      const r = re;
      parts.push((v) =>
        typeof v !== 'string' || r.test(v)
          ? undefined
          : { rule: 'pattern-mismatch', message: messages.patternMismatch(v, pattern) },
      );
    }
  }
  const { minLength, maxLength, minimum, maximum } = rules;
  if (minLength !== undefined) {
    parts.push((v) =>
      typeof v !== 'string' || codePointLength(v) >= minLength
        ? undefined
        : { rule: 'min-length', message: messages.tooShort(minLength) },
    );
  }
  if (maxLength !== undefined) {
    parts.push((v) =>
      typeof v !== 'string' || v.length <= maxLength || codePointLength(v) <= maxLength
        ? undefined
        : { rule: 'max-length', message: messages.tooLong(maxLength) },
    );
  }
  if (minimum !== undefined)
    parts.push((v) =>
      typeof v !== 'number' || v >= minimum
        ? undefined
        : { rule: 'minimum', message: messages.belowMinimum(minimum) },
    );
  if (maximum !== undefined)
    parts.push((v) =>
      typeof v !== 'number' || v <= maximum
        ? undefined
        : { rule: 'maximum', message: messages.aboveMaximum(maximum) },
    );

  const one = combine(parts);
  if (attribute.list !== true) return { check: one, parts: Object.freeze(parts), warnings };
  const listType = `a list of ${type}`;
  return {
    warnings,
    check: (v) => {
      if (!Array.isArray(v))
        return { rule: 'type-mismatch', message: messages.typeMismatch(v, listType) };
      if (!one) return undefined;
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        const failure = one(item);
        if (failure) return { rule: failure.rule, message: `item ${i}: ${failure.message}` };
      }
      return undefined;
    },
  };
}

function combine(parts: ValueCheck[]): ValueCheck | undefined {
  if (parts.length === 0) return undefined;
  if (parts.length === 1) return parts[0];
  if (parts.length === 2) {
    // The commonest pair (a type and one rule, e.g. string + format): no loop.
    const [a, b] = parts as [ValueCheck, ValueCheck];
    return (v) => a(v) ?? b(v);
  }
  return (v) => {
    for (let i = 0; i < parts.length; i++) {
      const failure = (parts[i] as ValueCheck)(v);
      if (failure) return failure;
    }
    return undefined;
  };
}
