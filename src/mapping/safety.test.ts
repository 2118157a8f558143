/** Pollution, script expressions and unbounded input: the engine's safety contract. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EntityType, FieldMapping } from '../manifest/types.js';
import { applyMapping } from './applyMapping.js';
import { compileMapping } from './compileMapping.js';
import { interpretMapping } from './interpretMapping.js';
import { defaultPluginRegistry } from './plugins/index.js';
import { compileFields, mapField } from './testHelpers.js';

const plugins = defaultPluginRegistry();

/** No Object.prototype in the chain: an empty frozen prototype, then null. */
function expectNoObjectPrototype(value: object): void {
  const proto = Object.getPrototypeOf(value) as object;
  expect(Object.getPrototypeOf(proto)).toBeNull();
  expect(Reflect.ownKeys(proto)).toEqual([]);
  expect(Object.isFrozen(proto)).toBe(true);
  expect('toString' in value).toBe(false);
  expect('hasOwnProperty' in value).toBe(false);
}

function prototypeIsClean(): void {
  const probe = {} as Record<string, unknown>;
  expect(probe.polluted).toBeUndefined();
  expect(probe.isAdmin).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
  expect(Object.prototype).not.toHaveProperty('isAdmin');
}

describe('prototype pollution', () => {
  it('target keys __proto__, constructor and prototype become plain own keys of an object without Object.prototype', () => {
    // Written as manifest text: JSON.parse keeps "__proto__" as an own key, as a manifest file would.
    const parsed = JSON.parse(`{
      "__proto__": { "const": { "isAdmin": true } },
      "constructor": { "const": { "prototype": { "polluted": 1 } } },
      "prototype": { "const": { "polluted": 1 } },
      "nested": { "source": "items", "transforms": [{ "mapEach": { "__proto__": { "source": "p" }, "constructor": { "source": "p" } } }] }
    }`) as Record<string, FieldMapping>;
    const entity: EntityType = {
      key: 'thing',
      displayName: 'T',
      attributes: ['__proto__', 'constructor', 'prototype', 'nested'].map((key) => ({
        key,
        dataType: 'json' as const,
      })),
    };
    const compiled = compileMapping({ model: 'm', entityType: 'thing', fields: parsed }, entity, {
      plugins,
    });
    const result = applyMapping(compiled, JSON.parse('{"items":[{"p":{"polluted":true}}]}'));
    expectNoObjectPrototype(result.attributes);
    expect(Object.keys(result.attributes).sort()).toEqual([
      '__proto__',
      'constructor',
      'nested',
      'prototype',
    ]);
    const nested = (result.attributes.nested as Array<Record<string, unknown>>)[0] as Record<
      string,
      unknown
    >;
    expectNoObjectPrototype(nested);
    expect(Object.keys(nested).sort()).toEqual(['__proto__', 'constructor']);
    prototypeIsClean();
    // (toStrictEqual would compare the own "constructor" keys as classes, so compare as JSON.)
    const slow = interpretMapping(
      { model: 'm', entityType: 'thing', fields: parsed },
      entity,
      {},
      { plugins },
    ).attributes;
    expect(JSON.stringify(slow)).toBe(JSON.stringify(applyMapping(compiled, {}).attributes));
  });

  it('payload keys __proto__ and constructor are data, read only as own properties', () => {
    const payload = JSON.parse(
      '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":1}},"x":{}}',
    ) as unknown;
    expect(mapField({ source: '__proto__.isAdmin' }, payload).attributes.v).toBe(true);
    expect(mapField({ source: "$['constructor'].prototype.polluted" }, payload).attributes.v).toBe(
      1,
    );
    expect(mapField({ source: 'x.constructor' }, payload).attributes.v).toBeUndefined();
    expect(mapField({ source: 'x.__proto__' }, payload).attributes.v).toBeUndefined();
    expect(mapField({ source: '$.x.constructor.prototype' }, payload).attributes.v).toBeUndefined();
    expect(mapField({ source: '$..isAdmin' }, payload).attributes.v).toEqual([true]);
    prototypeIsClean();
  });

  it('valueMap keys are looked up as own keys only', () => {
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const result = mapField(
        { const: key, transforms: [{ valueMap: { a: 1 }, fallback: 'miss' }] },
        {},
      );
      expect(result.attributes.v).toBe('miss');
    }
  });

  it('constants keep a "__proto__" key as an own key, and compile at any depth', () => {
    const constant = JSON.parse('{"__proto__": {"isAdmin": true}}') as unknown;
    const value = mapField({ const: constant }, {}).attributes.v as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    prototypeIsClean();
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)) as unknown;
    expect(() => compileFields({ v: { const: deep } })).not.toThrow();
  });

  it('outputs never alias manifest constants', () => {
    const compiled = compileFields({ v: { const: { list: [1] } } });
    const first = applyMapping(compiled, {}).attributes.v as { list: number[] };
    expect(() => first.list.push(2)).toThrow();
    expect(applyMapping(compiled, {}).attributes.v).toEqual({ list: [1] });
  });
});

describe('script expressions', () => {
  it.each([
    '$.a[?(@.b)]',
    '$[?(this.constructor.constructor("return process")())]',
    '$.a[(@.length-1)]',
    '$..[?(@)]',
  ])('%s is refused at compile time and never evaluated', (path) => {
    const compiled = compileFields({ v: { source: path } });
    expect(compiled.fieldKeys).toEqual([]);
    expect(compiled.warnings[0]?.rule).toMatch(/^jsonpath-(script|invalid)$/);
    expect(applyMapping(compiled, { a: [{ b: 1 }] }).attributes).toStrictEqual(Object.create(null));
  });
});

describe('bounded work', () => {
  it('maps a million-element array in bounded time and output', () => {
    const big = { xs: Array.from({ length: 1_000_000 }, (_, i) => ({ i })) };
    const started = performance.now();
    const result = mapField(
      { source: 'xs', transforms: [{ mapEach: { i: { source: 'i' } } }] },
      big,
    );
    expect((result.attributes.v as unknown[]).length).toBe(1000);
    expect(result.findings).toMatchObject([{ rule: 'array-truncated' }]);
    const wide = mapField({ source: '$.xs[*].i' }, big);
    expect((wide.attributes.v as unknown[]).length).toBe(100_000);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('walks 10,000-deep nesting without overflowing the stack', () => {
    let deep: unknown = { leaf: true };
    for (let i = 0; i < 10_000; i++) deep = { a: deep, name: i };
    const result = mapField({ source: '$..name' }, deep);
    expect((result.attributes.v as unknown[]).length).toBe(65);
    expect(mapField({ source: '$..*' }, deep).ok).toBe(true);
  });

  it('html-to-text is linear on hostile markup', () => {
    const hostile =
      '<b> </b>'.repeat(60_000) +
      '<<<<'.repeat(40_000) +
      '&'.repeat(100_000) +
      '<p>'.repeat(50_000) +
      '<a '.repeat(50_000) +
      '<!--'.repeat(20_000);
    const started = performance.now();
    const result = mapField(
      { source: 'h', transforms: [{ plugin: 'html-to-text' }] },
      { h: hostile },
    );
    expect(result.ok).toBe(true);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('never throws on arbitrary JSON, in either mode, for a mapping using every transform', () => {
    const compiled = compileFields({
      a: { source: '$..*', transforms: [{ each: [{ coerce: 'datetime', onInvalid: 'null' }] }] },
      b: {
        source: '$.x[*]',
        transforms: [
          { select: { where: { path: 'k', op: 'in', values: [1, 'a'] }, pick: 'v', all: true } },
        ],
      },
      c: {
        template: '{x} {$.y[0]}',
        transforms: [
          { split: ' ' },
          { join: '-' },
          { plugin: 'split-full-name', options: { part: 'last' } },
        ],
      },
      d: {
        source: 'x',
        transforms: [
          {
            mapEach: {
              e: {
                source: 'e',
                transforms: [{ plugin: 'minor-units-to-decimal', options: { currencyPath: 'c' } }],
              },
            },
          },
        ],
      },
      e: {
        concat: { sources: ['x', 'y'] },
        transforms: [{ plugin: 'html-to-text' }, { plugin: 'email-domain' }],
      },
      f: {
        source: 'x',
        transforms: [
          { valueMap: { a: 1 }, ignoreCase: true },
          { coerce: 'decimal', minorUnits: 3, onInvalid: 'skip' },
        ],
      },
    });
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.constantFrom('strict', 'lenient') as fc.Arbitrary<'strict' | 'lenient'>,
        (record, mode) => {
          const result = applyMapping(compiled, record, { mode });
          expect(typeof result.ok).toBe('boolean');
          JSON.stringify(result);
        },
      ),
      { numRuns: 500 },
    );
  });
});
