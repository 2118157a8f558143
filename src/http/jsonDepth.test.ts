import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsonDepthExceeds } from './jsonDepth.js';

describe('jsonDepthExceeds', () => {
  it('counts object and array nesting', () => {
    expect(jsonDepthExceeds('{"a":[1,{"b":2}]}', 3)).toBe(false);
    expect(jsonDepthExceeds('{"a":[1,{"b":[2]}]}', 3)).toBe(true);
    expect(jsonDepthExceeds('1', 0)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonDepthExceeds('{"a":"[[[[{{{{"}', 1)).toBe(false);
    expect(jsonDepthExceeds('{"a":"\\"[[[["}', 1)).toBe(false);
    expect(jsonDepthExceeds('["\\\\",[[1]]]', 2)).toBe(true);
  });

  it('scans a hostile megabyte without recursion', () => {
    expect(jsonDepthExceeds('['.repeat(1_000_000), 256)).toBe(true);
    expect(jsonDepthExceeds(`${'['.repeat(256)}${']'.repeat(256)}`, 256)).toBe(false);
  });

  it('agrees with the real depth of parsed documents', () => {
    const depth = (v: unknown): number =>
      v && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v).map(depth)) : 0;
    for (const text of [
      '[]',
      '{}',
      '[[],[[]]]',
      '{"a":{"b":{"c":[1,2,{"d":null}]}}}',
      '[{"x":"]"},{"y":["{"]}]',
    ]) {
      const d = depth(JSON.parse(text));
      expect(jsonDepthExceeds(text, d), text).toBe(false);
      expect(jsonDepthExceeds(text, d - 1), text).toBe(true);
    }
  });
});

describe('jsonDepthExceeds on generated documents', () => {
  it('agrees with the parsed depth, strings full of quotes, backslashes and brackets included', () => {
    const depth = (v: unknown): number =>
      v && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v).map(depth)) : 0;
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 6 }),
        fc.string({ unit: fc.constantFrom('"', '\\', '[', ']', '{', '}', 'a') }),
        (value, text) => {
          const doc = JSON.stringify([value, text, { [text]: [text] }]);
          const d = depth(JSON.parse(doc));
          expect(jsonDepthExceeds(doc, d)).toBe(false);
          expect(jsonDepthExceeds(doc, d - 1)).toBe(true);
        },
      ),
      { seed: 13, numRuns: 500 },
    );
  });
});
