import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, parseJsonDocument } from './parseJsonDocument.js';

const F = 'integrations/acme/manifest.json';

describe('parseJsonDocument', () => {
  it('parses strict JSON and locates values, keys and missing properties', () => {
    const text = '{\n  "a": {\n    "b": [1, {"c": true}]\n  }\n}\n';
    const parsed = parseJsonDocument(text, F);
    if (!parsed.ok) throw new Error('expected success');
    expect(parsed.value).toEqual({ a: { b: [1, { c: true }] } });
    expect(parsed.findings).toEqual([]);
    expect(parsed.locate('')).toEqual({ line: 1, column: 1 });
    expect(parsed.locate('/a')).toEqual({ line: 2, column: 8 });
    expect(parsed.locate('/a', 'key')).toEqual({ line: 2, column: 3 });
    expect(parsed.locate('/a/b/1/c')).toEqual({ line: 3, column: 20 });
    expect(parsed.locate('/a/b/1/c', 'key')).toEqual({ line: 3, column: 15 });
    // missing property: the parent object's position
    expect(parsed.locate('/a/b/1/missing')).toEqual({ line: 3, column: 14 });
    expect(parsed.locate('/a/b/7')).toEqual({ line: 3, column: 10 });
  });

  it('reports comments and trailing commas as json-syntax with line and column', () => {
    const comment = parseJsonDocument('{\n  "a": 1 // note\n}', F);
    expect(comment.ok).toBe(false);
    expect(comment.findings).toMatchObject([
      { file: F, rule: 'json-syntax', line: 2, column: 10, severity: 'error', pointer: '' },
    ]);
    expect(comment.findings[0]?.message).toMatch(/comments are not allowed/);

    const trailing = parseJsonDocument('{\n  "a": [1, 2,],\n  "b": 2,\n}', F);
    expect(trailing.ok).toBe(false);
    expect(trailing.findings.map((f) => [f.rule, f.line, f.column])).toEqual([
      ['json-syntax', 2, 14],
      ['json-syntax', 4, 1],
    ]);
  });

  it('reports an empty document and unterminated structures', () => {
    expect(parseJsonDocument('', F).findings).toMatchObject([
      { rule: 'json-syntax', line: 1, column: 1 },
    ]);
    const open = parseJsonDocument('{"a": [1, 2', F);
    expect(open.ok).toBe(false);
    expect(open.findings.every((f) => f.rule === 'json-syntax')).toBe(true);
  });

  it('reports a duplicate key at its second occurrence, at any depth', () => {
    const text = '{\n  "a": 1,\n  "x": [{"k": 1, "k": 2}],\n  "a": 3\n}';
    const parsed = parseJsonDocument(text, F);
    if (!parsed.ok) throw new Error('expected success');
    expect(parsed.findings.map((f) => [f.rule, f.pointer, f.line, f.column])).toEqual([
      ['json-duplicate-key', '/x/0/k', 3, 18],
      ['json-duplicate-key', '/a', 4, 3],
    ]);
    // the last occurrence wins, as with JSON.parse, and the locator agrees with it
    expect(parsed.value).toEqual({ a: 3, x: [{ k: 2 }] });
    expect(parsed.locate('/a')).toEqual({ line: 4, column: 8 });
  });

  it('never lets a "__proto__" key set a prototype', () => {
    const parsed = parseJsonDocument(
      '{"__proto__": {"polluted": true}, "a": {"__proto__": []}}',
      F,
    );
    if (!parsed.ok) throw new Error('expected success');
    const value = parsed.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect((value as { polluted?: boolean }).polluted).toBeUndefined();
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect(Array.isArray(Object.getPrototypeOf(value.a))).toBe(false);
  });

  it('counts lines across \\r\\n and lone \\r', () => {
    const parsed = parseJsonDocument('{\r\n"a": 1,\r"b": x}', F);
    // one finding per line: the parser's follow-on error at 3:7 is dropped
    expect(parsed.findings.map((f) => [f.rule, f.line, f.column])).toEqual([['json-syntax', 3, 6]]);
  });

  it('escapes pointer tokens and resolves them back', () => {
    const parsed = parseJsonDocument('{"a/b": {"c~d": 1}}', F);
    if (!parsed.ok) throw new Error('expected success');
    expect(parsed.locate('/a~1b/c~0d')).toEqual({ line: 1, column: 17 });
  });

  it('does not count brackets inside strings, escaped quotes included, towards the nesting', () => {
    const brackets = '['.repeat(MAX_JSON_DEPTH + 5);
    const text = `{"a": "\\"${brackets}\\\\", "b": "${brackets}"}`;
    expect(JSON.parse(text)).toEqual({ a: `"${brackets}\\`, b: brackets });
    expect(parseJsonDocument(text, F).findings).toEqual([]);
  });

  it('refuses nesting deeper than MAX_JSON_DEPTH before parsing, so nothing recurses too deep', () => {
    const ok = `{"a": ${'['.repeat(MAX_JSON_DEPTH - 1)}${']'.repeat(MAX_JSON_DEPTH - 1)}}`;
    expect(parseJsonDocument(ok, F).ok).toBe(true);
    const deep = `{"a": "[[[[", "b": ${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}}`;
    const parsed = parseJsonDocument(deep, F);
    expect(parsed.ok).toBe(false);
    // brackets inside strings do not count; the 100th array is the 101st level
    expect(parsed.findings.map((f) => [f.rule, f.line, f.column])).toEqual([
      ['json-too-deep', 1, 20 + MAX_JSON_DEPTH - 1],
    ]);
    const huge = '['.repeat(500_000) + ']'.repeat(500_000);
    expect(parseJsonDocument(huge, F).findings.map((f) => f.rule)).toEqual(['json-too-deep']);
  });
});
