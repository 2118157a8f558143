import type { Condition } from '../manifest/types.js';
import { compilePath, type PathReader } from './compilePath.js';
import { parseSourcePath } from './parseSourcePath.js';

/** A compiled condition: tests the current value, or reads its path from the record. */
export type Predicate = (value: unknown, record: unknown) => boolean;

/** Compile-time problem with a path, reported by the caller. */
export interface PathProblem {
  path: string;
  rule: string;
  message: string;
}

/** Parses and compiles a path, or returns the parser's problem. */
export function readerFor(path: string): PathReader | PathProblem {
  const parsed = parseSourcePath(path);
  if (!parsed.ok) return { path, rule: parsed.rule, message: parsed.message };
  return compilePath(parsed.path);
}

/** True for what `readerFor` and `compileCondition` return instead of a closure. */
export function isProblem(x: unknown): x is PathProblem {
  return typeof x === 'object' && x !== null && 'rule' in x;
}

function isPrimitive(v: unknown): boolean {
  return v === null || (typeof v !== 'object' && typeof v !== 'function');
}

/** Strict equality of primitives; strings compared lower-cased with `ignoreCase`. */
function equality(expected: unknown, ignoreCase: boolean): (actual: unknown) => boolean {
  if (!isPrimitive(expected) || expected === undefined) return () => false;
  if (ignoreCase && typeof expected === 'string') {
    const lower = expected.toLowerCase();
    return (actual) =>
      typeof actual === 'string' && (actual === expected || actual.toLowerCase() === lower);
  }
  return (actual) => actual === expected;
}

/** Compiles a Condition (README "Conditions"); a bad path is returned as a problem. */
export function compileCondition(condition: Condition): Predicate | PathProblem {
  let read: PathReader | undefined;
  if (condition.path !== undefined) {
    const reader = readerFor(condition.path);
    if (isProblem(reader)) return reader;
    read = reader;
  }
  const test = operandTest(condition);
  // Without a path the operand is the value: the test itself is the predicate (the record
  // argument is ignored), one call less per evaluation.
  if (!read) return test;
  const r = read;
  const expected = condition.value;
  if (
    condition.op === 'equals' &&
    condition.ignoreCase !== true &&
    (typeof expected === 'string' || typeof expected === 'number' || typeof expected === 'boolean')
  ) {
    // `{path, op: equals, value}` on a primitive, the commonest selection (`type ==
    // "contact_to_company"`): the comparison inline, as `equality` would do it.
    return (_value, record) => r(record) === expected;
  }
  return (_value, record) => test(r(record));
}

function operandTest(condition: Condition): (operand: unknown) => boolean {
  const ignoreCase = condition.ignoreCase === true;
  switch (condition.op) {
    case 'exists':
      return (v) => v !== undefined && v !== null;
    case 'notExists':
      return (v) => v === undefined || v === null;
    case 'equals':
      return equality(condition.value, ignoreCase);
    case 'notEquals': {
      const eq = equality(condition.value, ignoreCase);
      return (v) => !eq(v);
    }
    case 'in':
    case 'notIn': {
      const tests = (Array.isArray(condition.values) ? condition.values : []).map((x) =>
        equality(x, ignoreCase),
      );
      const any = (v: unknown) => tests.some((t) => t(v));
      return condition.op === 'in' ? any : (v) => !any(v);
    }
    case 'startsWith': {
      // A string that begins with the prefix (Telegram's "/start ..." commands without entities).
      const prefix = condition.value;
      if (typeof prefix !== 'string') return () => false;
      const lower = prefix.toLowerCase();
      return ignoreCase
        ? (v) => typeof v === 'string' && v.toLowerCase().startsWith(lower)
        : (v) => typeof v === 'string' && v.startsWith(prefix);
    }
    default:
      return () => false;
  }
}
