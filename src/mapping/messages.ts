import type { Condition } from '../manifest/types.js';
import { isBeyondSafeRange } from './coerceValue.js';

/**
 * Finding messages, shared by the compiled engine and the reference interpreter so that
 * the differential test compares behaviour, not wording.
 */

/** A short, bounded description of a value for messages (never the whole payload). */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}...` : value;
    return JSON.stringify(shown);
  }
  return String(value);
}

/** What a `when` condition says, for the message of a skipped record. */
function describeCondition(condition: Condition): string {
  const operand =
    condition.op === 'in' || condition.op === 'notIn'
      ? ` ${JSON.stringify(condition.values ?? [])}`
      : condition.op === 'equals' || condition.op === 'notEquals'
        ? ` ${JSON.stringify(condition.value ?? null)}`
        : '';
  return `${condition.path ?? '(the record)'} ${condition.op}${operand}`;
}

/** Message builders, one per rule (and compile-time problem). */
export const messages = {
  coerceFailed: (value: unknown, to: string) =>
    `cannot coerce ${describeValue(value)} to ${to}${isBeyondSafeRange(value) ? ': beyond 2^53 a number cannot be kept exact' : ''}`,
  numberUnsafe: (value: unknown) =>
    `${describeValue(value)} is beyond 2^53: a number that large cannot be kept exact (map it as a string)`,
  templateIncomplete: (path: string) =>
    `the template placeholder {${path}} has no value (write {${path}?} if it may be missing)`,
  idExpected: (value: unknown) =>
    `expected an id or an object with an id, got ${describeValue(value)}`,
  recordSkipped: (condition: Condition, index: number, count: number) =>
    `not this model: ${count > 1 ? `when[${index}]` : 'when'} (${describeCondition(condition)}) does not hold`,
  whenInvalid: (reason: string) =>
    `when: ${reason}; every record is skipped until the condition is fixed`,
  envelopeInvalid: (reason: string) => `envelope: ${reason}; records are read as they come`,
  notAnArray: (transform: string, value: unknown) =>
    `"${transform}" needs an array, got ${describeValue(value)}`,
  arrayTruncated: (transform: string, length: number, max: number) =>
    `"${transform}" processed the first ${max} of ${length} elements (maxItems)`,
  pluginFailed: (name: string, reason: string) => `plugin "${name}": ${reason}`,
  pluginThrew: (name: string) => `plugin "${name}" failed unexpectedly`,
  pluginUnregistered: (name: string) =>
    `plugin "${name}" is not registered in this build; the field is skipped (every other field still maps)`,
  pluginOptions: (name: string, reason: string) =>
    `plugin "${name}" options: ${reason}; the field is skipped`,
  pathInvalid: (path: string, reason: string) =>
    `source path "${path}": ${reason}; the field is skipped`,
  templateInvalid: (reason: string) => `template: ${reason}; the field is skipped`,
  tooComplex: (reason: string) => `${reason}; the field is skipped`,
  unknownAttribute: (key: string, entityType: string) =>
    `entity type "${entityType}" has no attribute "${key}"; the field is skipped`,
  entityTypeMismatch: (mapped: string, given: string) =>
    `the mapping targets entity type "${mapped}" but was compiled for "${given}"`,
  requiredUnmapped: (key: string) => `required attribute "${key}" has no field mapping`,
  formatUnknown: (format: string) => `unknown format "${format}"; the format rule is ignored`,
  patternInvalid: (pattern: string) =>
    `pattern ${JSON.stringify(pattern)} is not a valid regular expression; the rule is ignored`,
  requiredMissing: () => 'the attribute is required but the mapping produced no value',
  requiredNull: () => 'the attribute is required but the mapping produced null',
  typeMismatch: (value: unknown, type: string) => `expected ${type}, got ${describeValue(value)}`,
  enumMismatch: (value: unknown) => `${describeValue(value)} is not one of the allowed values`,
  formatMismatch: (value: unknown, format: string) =>
    `${describeValue(value)} is not a valid ${format}`,
  patternMismatch: (value: unknown, pattern: string) =>
    `${describeValue(value)} does not match ${JSON.stringify(pattern)}`,
  tooShort: (min: number) => `shorter than ${min} characters`,
  tooLong: (max: number) => `longer than ${max} characters`,
  belowMinimum: (min: number) => `less than the minimum ${min}`,
  aboveMaximum: (max: number) => `greater than the maximum ${max}`,
};
