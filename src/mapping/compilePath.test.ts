import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePath } from './compilePath.js';
import { interpretPath } from './interpretPath.js';
import { MAX_DESCENT_DEPTH, MAX_ITEMS } from './limits.js';
import { parseSourcePath } from './parseSourcePath.js';

function read(path: string, json: unknown): unknown {
  const parsed = parseSourcePath(path);
  if (!parsed.ok) throw new Error(parsed.message);
  return compilePath(parsed.path)(json);
}

const doc = JSON.parse(`{
  "a": { "b": [10, 20, 30, { "c": 5 }], "s": "xyz", "n": null, "0": "zero" },
  "list": [{ "id": 1, "tags": ["x"] }, { "id": 2 }, { "id": 3, "tags": [] }],
  "deep": { "name": "top", "kids": [{ "name": "k1" }, { "x": { "name": "k2" } }] },
  "__proto__": { "polluted": "yes" },
  "constructor": { "name": "data" }
}`) as unknown;

describe('compilePath', () => {
  it.each([
    ['a.b.0', 10],
    ['a.b.3.c', 5],
    ['a.b.9', undefined],
    ['a.0', 'zero'],
    ['a.n', null],
    ['a.n.x', undefined],
    ['a.s.0', undefined],
    ['a.s.length', undefined],
    ['a.b.length', 4],
    ['a.missing.deep', undefined],
    ['a.toString', undefined],
    ['a.hasOwnProperty', undefined],
    ['__proto__.polluted', 'yes'],
    ['constructor.name', 'data'],
    ['$', doc],
    ['$.a.b[1]', 20],
    ['$.a.b[-1]', { c: 5 }],
    ['$.a.b[-4]', 10],
    ['$.a.b[-5]', undefined],
    ["$['a']['b'][0]", 10],
    ['$["a"].s', 'xyz'],
    ['$.a[0]', 'zero'],
    ['$.a.b[*]', [10, 20, 30, { c: 5 }]],
    ['$.a.b[1:3]', [20, 30]],
    ['$.a.b[::2]', [10, 30]],
    ['$.a.b[-2:]', [30, { c: 5 }]],
    ['$.a.b[5:]', undefined],
    ['$.a.b[0,2]', [10, 30]],
    ['$.list[*].id', [1, 2, 3]],
    ['$.list[*].tags[0]', ['x']],
    ['$.list[*].nope', undefined],
    ['$.deep..name', ['top', 'k1', 'k2']],
    ['$..c', [5]],
    ['$.a.s[*]', undefined],
  ])('%s', (path, expected) => {
    expect(read(path, doc)).toEqual(expected);
  });

  it('orders object keys as Object.keys does (integer-like keys first)', () => {
    expect(read('$.a.*', doc)).toEqual(['zero', [10, 20, 30, { c: 5 }], 'xyz', null]);
  });

  it('agrees with the jsonpath-plus reader on every table path', () => {
    for (const path of [
      '$.a.b[-1]',
      '$.a.b[*]',
      '$.deep..name',
      '$..*',
      '$.list[*].tags[0]',
      '$.a.s[0]',
      'a.b.length',
      '$.a.b[1:3]',
    ]) {
      expect(read(path, doc)).toEqual(interpretPath(path, doc));
    }
  });

  it('never reads inherited properties, even when Object.prototype is polluted', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.injected = 'bad';
    try {
      expect(read('a.injected', doc)).toBeUndefined();
      expect(read('$..injected', doc)).toBeUndefined();
      expect(read('$.list[*].injected', doc)).toBeUndefined();
    } finally {
      delete proto.injected;
    }
  });

  it(`stops recursive descent ${MAX_DESCENT_DEPTH} levels below the start`, () => {
    let nested: Record<string, unknown> = { name: 'bottom' };
    for (let i = 0; i < 200; i++) nested = { name: i, child: nested };
    const names = read('$..name', nested) as unknown[];
    // The start and the 64 levels below it each hold one name.
    expect(names).toHaveLength(MAX_DESCENT_DEPTH + 1);
    expect(names[0]).toBe(199);
    expect(names.at(-1)).toBe(199 - MAX_DESCENT_DEPTH);
    expect((read('$..*', nested) as unknown[]).length).toBe(2 * (MAX_DESCENT_DEPTH + 1));
  });

  it(`caps the matches of a multi-valued path at ${MAX_ITEMS}`, () => {
    const big = { xs: Array.from({ length: MAX_ITEMS + 500 }, (_, i) => ({ i })) };
    expect((read('$.xs[*].i', big) as unknown[]).length).toBe(MAX_ITEMS);
    expect((read('$..i', big) as unknown[]).length).toBe(MAX_ITEMS);
  });
});

describe('compiled paths agree with jsonpath-plus', () => {
  const keys = ['a', 'b', 'x', '0', '1'];
  const key = fc.constantFrom(...keys);
  const segment = fc.oneof(
    key.map((k) => (/^\d+$/.test(k) ? `['${k}']` : `.${k}`)),
    fc.integer({ min: -3, max: 3 }).map((i) => `[${i}]`),
    fc.constant('[*]'),
    fc.constant('.*'),
    fc
      .tuple(
        fc.option(fc.integer({ min: -3, max: 3 }), { nil: undefined }),
        fc.option(
          fc.integer({ min: -3, max: 4 }).filter((n) => n !== 0),
          { nil: undefined },
        ),
        fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
      )
      .map(([s, e, st]) => `[${s ?? ''}:${e ?? ''}${st === undefined ? '' : `:${st}`}]`),
    fc
      .uniqueArray(fc.integer({ min: 0, max: 3 }), { minLength: 2, maxLength: 3 })
      .map((xs) => `[${xs.join(',')}]`),
    key.map((k) => `..${k}`),
    fc.constant('..*'),
  );
  const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((xs) => `$${xs.join('')}`);
  const { json } = fc.letrec((tie) => ({
    json: fc.oneof({ depthSize: 'small' }, tie('leaf'), tie('array'), tie('object')),
    leaf: fc.oneof(fc.integer(), fc.string({ maxLength: 3 }), fc.constant(null), fc.boolean()),
    array: fc.array(tie('json'), { maxLength: 4 }),
    object: fc.dictionary(key, tie('json'), { maxKeys: 4 }),
  }));

  it('on random paths of the common subset and random documents', () => {
    fc.assert(
      fc.property(path, fc.oneof(tie2(json)), (p, doc) => {
        expect(read(p, doc)).toEqual(interpretPath(p, doc));
      }),
      { numRuns: 3000 },
    );
  });
});

/** Documents are objects or arrays at the root (records). */
function tie2(json: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.dictionary(fc.constantFrom('a', 'b', 'x', '0', '1'), json, { maxKeys: 4 }),
    fc.array(json, { maxLength: 4 }),
  );
}
