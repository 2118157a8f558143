import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, manifestChecksum } from './checksum.js';

describe('canonicalJson', () => {
  it('sorts keys at every level and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: [{ d: true, c: null }, 'x'] })).toBe(
      '{"a":[{"c":null,"d":true},"x"],"b":1}',
    );
  });

  it('keeps array order (order is meaning there)', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it('writes numbers as JSON does, so 1.0 and 1 are the same', () => {
    expect(canonicalJson(JSON.parse('{"a": 1.0, "b": 1e2}'))).toBe('{"a":1,"b":100}');
  });

  it('treats a "__proto__" own key as data', () => {
    expect(canonicalJson(JSON.parse('{"__proto__": {"x": 1}}'))).toBe('{"__proto__":{"x":1}}');
  });
});

describe('manifestChecksum', () => {
  const text =
    '{"key": "acme", "entityTypes": [{"key": "contact", "attributes": [{"key": "id", "dataType": "string"}]}]}';

  it('is sha256:<64 hex>', () => {
    expect(manifestChecksum(JSON.parse(text))).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('does not change when the file is reformatted or its keys are reordered', () => {
    const reformatted = JSON.stringify(JSON.parse(text), null, 4);
    const reordered =
      '{\n  "entityTypes": [ { "attributes": [ { "dataType": "string", "key": "id" } ], "key": "contact" } ],\n  "key": "acme"\n}';
    const a = manifestChecksum(JSON.parse(text));
    expect(manifestChecksum(JSON.parse(reformatted))).toBe(a);
    expect(manifestChecksum(JSON.parse(reordered))).toBe(a);
  });

  it('changes when a value changes', () => {
    expect(manifestChecksum(JSON.parse(text.replace('"acme"', '"acme2"')))).not.toBe(
      manifestChecksum(JSON.parse(text)),
    );
  });

  it('is stable under any reformatting and key shuffling (property)', () => {
    const shuffle = (value: unknown, seed: number): unknown => {
      if (Array.isArray(value)) return value.map((v) => shuffle(v, seed + 1));
      if (value === null || typeof value !== 'object') return value;
      const entries = Object.entries(value);
      const rotated = entries
        .slice(seed % Math.max(1, entries.length))
        .concat(entries.slice(0, seed % Math.max(1, entries.length)));
      const out: Record<string, unknown> = {};
      for (const [k, v] of rotated.reverse())
        Object.defineProperty(out, k, {
          value: shuffle(v, seed + 1),
          enumerable: true,
          configurable: true,
          writable: true,
        });
      return out;
    };
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(10), fc.nat(8), (value, seed, indent) => {
        const original = JSON.parse(JSON.stringify(value)) as unknown;
        const text2 = JSON.stringify(shuffle(original, seed), null, indent);
        expect(manifestChecksum(JSON.parse(text2))).toBe(manifestChecksum(original));
      }),
    );
  });
});

/** The canonical JSON as first written (map and join): stored checksums were computed with it. */
function referenceCanonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => referenceCanonicalJson(v)).join(',')}]`;
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${referenceCanonicalJson(object[k])}`).join(',')}}`;
}

describe('canonicalJson against the first implementation', () => {
  it('writes the same bytes for any JSON value, so no stored checksum changes (property)', () => {
    // Keys that sort differently as strings and as numbers, a "__proto__" key, escapes.
    const key = fc.oneof(
      fc.string(),
      fc.constantFrom('10', '9', '__proto__', 'a"b', '\u2028', 'é'),
    );
    const tree = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue({ maxDepth: 1 }),
        fc.array(tie('value')),
        fc.array(fc.tuple(key, tie('value'))).map((entries) => {
          const out: Record<string, unknown> = {};
          for (const [k, v] of entries)
            Object.defineProperty(out, k, {
              value: v,
              enumerable: true,
              writable: true,
              configurable: true,
            });
          return out;
        }),
      ),
    })).value;
    fc.assert(
      fc.property(tree, (value) => {
        expect(canonicalJson(value)).toBe(referenceCanonicalJson(value));
      }),
      { numRuns: 500 },
    );
  });

  it('sorts the keys of small and large objects as Array.prototype.sort does (property)', () => {
    // Up to 16 keys take the insertion sort, more the built-in one; surrogate pairs and
    // lone surrogates compare by UTF-16 code unit in both.
    const key = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 3 }),
      fc.constantFrom('\ud83d\ude80', '\ud800', '\uffff', 'é', 'e', 'E', '10', '9', ''),
    );
    fc.assert(
      fc.property(fc.uniqueArray(key, { maxLength: 40 }), (keys) => {
        const object = Object.fromEntries(keys.map((k, i) => [k, i]));
        expect(canonicalJson(object)).toBe(referenceCanonicalJson(object));
      }),
      { numRuns: 300 },
    );
  });

  it('agrees on the corners JSON.parse never makes: holes and undefined', () => {
    // eslint-disable-next-line no-sparse-arrays
    const odd = [1, , undefined, { a: undefined, b: [undefined] }];
    expect(canonicalJson(odd)).toBe(referenceCanonicalJson(odd));
  });
});
