import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { createConnectionConfigAjv } from './connectionConfigAjv.js';
import { compilePattern, patternProblem } from './manifestPattern.js';

/** A pattern with nested quantifiers and an input it cannot match: exponential for RegExp. */
const EVIL = '^(a+)+$';
const EVIL_INPUT = `${'a'.repeat(50_000)}!`;

describe('manifest patterns (RE2)', () => {
  it('searches like RegExp.test, with Unicode classes, \\u escapes and named groups', () => {
    expect(compilePattern('\\d{3}').test('ab123cd')).toBe(true);
    expect(compilePattern('^\\d{3}$').test('ab123cd')).toBe(false);
    expect(compilePattern('^\\p{L}+$').test('Zoë')).toBe(true);
    expect(compilePattern('^caf\\u00e9$').test('café')).toBe(true);
    expect(compilePattern('^(?<year>\\d{4})-\\d{2}$').test('2026-12')).toBe(true);
    expect(compilePattern('^\\*[A-Z0-9]{7}$').test('*ABC1234')).toBe(true);
  });

  it('answers a catastrophic-backtracking pattern in linear time instead of hanging', () => {
    // With RegExp this call would not return within the test timeout (2^50000 paths).
    expect(compilePattern(EVIL).test(EVIL_INPUT)).toBe(false);
    expect(compilePattern(EVIL).test('aaaa')).toBe(true);
  });

  it('refuses lookaround and backreferences, saying why', () => {
    expect(patternProblem('^(?=a)')).toMatch(/lookaround and backreferences are not supported/);
    expect(patternProblem('(a)\\1')).toMatch(/lookaround and backreferences are not supported/);
    expect(patternProblem('^[a-z+@')).toMatch(/missing closing \]/);
    expect(patternProblem('^[a-z]+@')).toBeUndefined();
  });

  it('is the engine of connection config schemas, keyed by pattern', () => {
    const ajv = createConnectionConfigAjv();
    const validate = ajv.compile({
      type: 'object',
      properties: {
        token: { type: 'string', pattern: EVIL },
        id: { type: 'string', pattern: '^\\d+$' },
      },
    });
    expect(validate({ token: EVIL_INPUT })).toBe(false);
    expect(validate.errors).toMatchObject([{ instancePath: '/token', keyword: 'pattern' }]);
    // Two patterns in one schema stay two (ajv caches compiled patterns by their string form).
    expect(validate({ token: 'aaa', id: '12' })).toBe(true);
    expect(validate({ token: 'aaa', id: 'x' })).toBe(false);
    expect(() => ajv.compile({ type: 'string', pattern: '(?!x)' })).toThrow(/not supported/);
    // The stock engine would accept it: the difference is the point.
    expect(() => new Ajv2020().compile({ type: 'string', pattern: '(?!x)' })).not.toThrow();
  });
});
