import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanJsonText } from './scanJsonText.js';

/*
 * The two passes scanJsonText replaced, as they were: the nesting check (first bracket
 * deeper than the limit) and the key count. The one pass must give the same answers on any
 * text, valid or not, so the findings of `json-too-deep` and the fast parse's decisions do
 * not move.
 */
function firstNestingBeyond(text: string, limit: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22) {
      for (i++; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x5c) i++;
        else if (c === 0x22) break;
      }
    } else if (ch === 0x5b || ch === 0x7b) {
      if (++depth > limit) return i;
    } else if (ch === 0x5d || ch === 0x7d) depth--;
  }
  return -1;
}

function keysWritten(text: string): number {
  const inObject: boolean[] = [];
  let depth = 0;
  let expectKey = false;
  let keys = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22) {
      if (expectKey) {
        keys++;
        expectKey = false;
      }
      for (i++; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x5c) i++;
        else if (c === 0x22) break;
      }
    } else if (ch === 0x7b) {
      inObject[depth++] = true;
      expectKey = true;
    } else if (ch === 0x5b) {
      inObject[depth++] = false;
      expectKey = false;
    } else if (ch === 0x7d || ch === 0x5d) {
      depth--;
      expectKey = false;
    } else if (ch === 0x2c) {
      expectKey = depth > 0 && inObject[depth - 1] === true;
    }
  }
  return keys;
}

describe('scanJsonText', () => {
  it('counts the keys of valid JSON, strings with structure characters and escapes included', () => {
    const text = '{"a{,": "}\\",{\\"k\\": 1", "b": [{"c": 1, "d": {"e": []}}, ","], "f": "\\\\"}';
    expect(scanJsonText(text, 100)).toEqual({ tooDeepAt: -1, keys: 6 });
  });

  it('reports the first bracket beyond the limit', () => {
    const text = `${'['.repeat(3)}{"a": ${'['.repeat(5)}`;
    expect(scanJsonText(text, 8).tooDeepAt).toBe(text.lastIndexOf('['));
    expect(scanJsonText(text, 9).tooDeepAt).toBe(-1);
    // Unbalanced closers lower the depth first, as the nesting check always counted them.
    expect(scanJsonText(`]]${'['.repeat(10)}`, 9).tooDeepAt).toBe(-1);
  });

  it('agrees with the nesting check and the key count it replaced, on valid JSON', () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 8 }),
        fc.integer({ min: 0, max: 10 }),
        (value, limit) => {
          const text = JSON.stringify(value, null, 1);
          const scan = scanJsonText(text, limit);
          expect(scan.tooDeepAt).toBe(firstNestingBeyond(text, limit));
          if (scan.tooDeepAt < 0) expect(scan.keys).toBe(keysWritten(text));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('agrees with the nesting check on any text made of JSON punctuation', () => {
    const piece = fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', 'a', ' ', '"k":');
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 60 }),
        fc.integer({ min: 0, max: 6 }),
        (parts, limit) => {
          const text = parts.join('');
          expect(scanJsonText(text, limit).tooDeepAt).toBe(firstNestingBeyond(text, limit));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
