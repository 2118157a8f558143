import type { Attribute } from '../manifest/types.js';
import { compilePattern, type ManifestPattern } from '../manifest/manifestPattern.js';
import { formatCheck } from './formats.js';
import { messages } from './messages.js';

/**
 * The reference interpreter's validation (README step 4) of a value that is neither
 * undefined nor null, written rule by rule and rebuilding each check (regular expressions
 * included) per value. The first failure, or undefined.
 */
export function checkAttribute(
  attribute: Attribute,
  value: unknown,
): { rule: string; message: string } | undefined {
  if (attribute.list) {
    if (!Array.isArray(value))
      return {
        rule: 'type-mismatch',
        message: messages.typeMismatch(value, `a list of ${attribute.dataType}`),
      };
    for (let i = 0; i < value.length; i++) {
      const failure = checkOne(attribute, value[i]);
      if (failure) return { rule: failure.rule, message: `item ${i}: ${failure.message}` };
    }
    return undefined;
  }
  return checkOne(attribute, value);
}

function checkOne(attribute: Attribute, v: unknown): { rule: string; message: string } | undefined {
  const type = attribute.dataType;
  if (
    (type === 'number' || type === 'integer' || type === 'reference') &&
    typeof v === 'number' &&
    (v >= 2 ** 53 || v <= -(2 ** 53))
  )
    return { rule: 'number-unsafe', message: messages.numberUnsafe(v) };
  const typeOk =
    type === 'json' ||
    ((type === 'string' || type === 'enum') && typeof v === 'string') ||
    (type === 'number' && typeof v === 'number' && Number.isFinite(v)) ||
    (type === 'integer' && Number.isInteger(v)) ||
    (type === 'boolean' && typeof v === 'boolean') ||
    (type === 'date' && typeof v === 'string' && formatCheck('date')?.(v) === true) ||
    (type === 'datetime' && typeof v === 'string' && formatCheck('date-time')?.(v) === true) ||
    (type === 'reference' &&
      (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))));
  if (!typeOk) return { rule: 'type-mismatch', message: messages.typeMismatch(v, type) };
  if (attribute.enumValues && !(typeof v === 'string' && attribute.enumValues.includes(v))) {
    return { rule: 'enum-mismatch', message: messages.enumMismatch(v) };
  }
  const rules = attribute.validation ?? {};
  if (typeof v === 'string') {
    const check = rules.format === undefined ? undefined : formatCheck(rules.format);
    if (check && !check(v))
      return { rule: 'format-mismatch', message: messages.formatMismatch(v, rules.format ?? '') };
    if (rules.pattern !== undefined) {
      let re: ManifestPattern | undefined;
      try {
        re = compilePattern(rules.pattern);
      } catch {
        re = undefined;
      }
      if (re && !re.test(v))
        return { rule: 'pattern-mismatch', message: messages.patternMismatch(v, rules.pattern) };
    }
    const length = [...v].length;
    if (rules.minLength !== undefined && length < rules.minLength)
      return { rule: 'min-length', message: messages.tooShort(rules.minLength) };
    if (rules.maxLength !== undefined && length > rules.maxLength)
      return { rule: 'max-length', message: messages.tooLong(rules.maxLength) };
  }
  if (typeof v === 'number') {
    if (rules.minimum !== undefined && v < rules.minimum)
      return { rule: 'minimum', message: messages.belowMinimum(rules.minimum) };
    if (rules.maximum !== undefined && v > rules.maximum)
      return { rule: 'maximum', message: messages.aboveMaximum(rules.maximum) };
  }
  return undefined;
}
