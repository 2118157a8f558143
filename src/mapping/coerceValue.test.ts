import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CoerceTarget } from '../manifest/types.js';
import {
  coerceValue,
  INVALID,
  isCanonicalIso,
  isoFromMillis,
  parseIsoTime,
  parseNumeric,
  type CoerceOptions,
} from './coerceValue.js';

type Row = [CoerceTarget, unknown, unknown, CoerceOptions?];

const table: Row[] = [
  ['string', 'a', 'a'],
  ['string', 12.5, '12.5'],
  ['string', false, 'false'],
  ['string', {}, INVALID],
  ['string', [1], INVALID],
  ['number', ' 3.5 ', 3.5],
  ['number', '1e3', 1000],
  ['number', '-.5', -0.5],
  ['number', '', INVALID],
  ['number', '   ', INVALID],
  ['number', '0x10', INVALID],
  ['number', 'Infinity', INVALID],
  ['number', '12abc', INVALID],
  ['number', true, INVALID],
  ['integer', '42', 42],
  ['integer', '1.0', 1],
  ['integer', 7, 7],
  ['integer', 7.5, INVALID],
  ['integer', '7.5', INVALID],
  ['integer', '-0', 0],
  ['boolean', 'TRUE', true],
  ['boolean', 'No', false],
  ['boolean', '1', true],
  ['boolean', 0, false],
  ['boolean', 2, INVALID],
  ['boolean', ' yes', INVALID],
  ['boolean', 'on', INVALID],
  ['date', '2024-02-29', '2024-02-29'],
  ['date', '2023-02-29', INVALID],
  ['date', '2024-01-31T23:30:00-02:00', '2024-02-01'],
  ['date', 1706745600, '2024-02-01'],
  ['date', '1706745600000', '2024-02-01'],
  ['date', 'yesterday', INVALID],
  ['datetime', '2024-01-15T10:30:00Z', '2024-01-15T10:30:00.000Z'],
  ['datetime', '2024-01-15T10:30:00.123456+05:30', '2024-01-15T05:00:00.123Z'],
  ['datetime', '2024-01-15 10:30', '2024-01-15T10:30:00.000Z'],
  ['datetime', '2024-01-15T25:00:00Z', INVALID],
  ['datetime', 1700000000, '2023-11-14T22:13:20.000Z'],
  ['datetime', 1700000000000, '2023-11-14T22:13:20.000Z'],
  ['datetime', '1700000000', INVALID, { from: 'iso' }],
  ['datetime', '2024-01-15', INVALID, { from: 'epoch-seconds' }],
  ['datetime', 1700000000, '1970-01-20T16:13:20.000Z', { from: 'epoch-millis' }],
  ['datetime', 1e20, INVALID],
  ['decimal', 1999, 19.99, { minorUnits: 2 }],
  ['decimal', '1999', 19.99, { minorUnits: 2 }],
  ['decimal', 1999, 1999, { minorUnits: 0 }],
  ['decimal', 12345, 12.345, { minorUnits: 3 }],
  ['decimal', '2.50', 2.5],
  ['decimal', 'abc', INVALID],
  ['string', null, null],
  ['integer', undefined, undefined],
];

describe('coerceValue', () => {
  it.each(table)('%s of %j', (to, input, expected, options) => {
    expect(coerceValue(input, to, options)).toEqual(expected);
  });
});

const targets: CoerceTarget[] = [
  'string',
  'number',
  'integer',
  'boolean',
  'date',
  'datetime',
  'decimal',
];
const SPELLINGS = new Set(['true', 'false', 'yes', 'no', '1', '0']);

describe('coerceValue properties', () => {
  it('integer round-trips any safe integer and its string', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        const expected = n === 0 ? 0 : n;
        expect(coerceValue(n, 'integer')).toBe(expected);
        expect(coerceValue(String(n), 'integer')).toBe(expected);
      }),
    );
  });

  it('datetime from epoch millis equals new Date(ms).toISOString()', () => {
    const ms = fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 });
    fc.assert(
      fc.property(ms, (m) => {
        expect(coerceValue(m, 'datetime', { from: 'epoch-millis' })).toBe(
          new Date(m).toISOString(),
        );
        expect(coerceValue(String(m), 'datetime', { from: 'epoch-millis' })).toBe(
          new Date(m).toISOString(),
        );
        if (Math.abs(m) >= 1e11) expect(coerceValue(m, 'datetime')).toBe(new Date(m).toISOString());
      }),
    );
  });

  it('isoFromMillis equals Date.prototype.toISOString on years 0000-9999', () => {
    const ms = fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 });
    fc.assert(
      fc.property(ms, (m) => {
        expect(isoFromMillis(m)).toBe(new Date(m).toISOString());
      }),
      { numRuns: 5000 },
    );
    for (const m of [
      -62_167_219_200_000, 253_402_300_799_999, 0, -1, 951_782_400_000, 4_107_542_400_000,
    ]) {
      expect(isoFromMillis(m)).toBe(new Date(m).toISOString());
    }
  });

  it('datetime output re-reads as itself (ISO round trip)', () => {
    const ms = fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 });
    fc.assert(
      fc.property(ms, (m) => {
        const iso = new Date(m).toISOString();
        expect(coerceValue(iso, 'datetime')).toBe(iso);
        expect(coerceValue(iso, 'date')).toBe(iso.slice(0, 10));
      }),
    );
  });

  it('decimal with minorUnits n of an integer m equals m / 10^n to n decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 8 }), (m, n) => {
        const got = coerceValue(m, 'decimal', { minorUnits: n }) as number;
        expect(got).toBe(Number((m / 10 ** n).toFixed(n)) || 0);
        expect(Math.abs(got * 10 ** n - m)).toBeLessThan(0.5);
        expect(coerceValue(String(m), 'decimal', { minorUnits: n })).toBe(got);
      }),
    );
  });

  it('boolean accepts exactly the documented spellings, in any case', () => {
    const spelled = fc
      .constantFrom(...SPELLINGS)
      .chain((s) =>
        fc
          .array(fc.boolean(), { minLength: s.length, maxLength: s.length })
          .map((ups) => [...s].map((c, i) => (ups[i] ? c.toUpperCase() : c)).join('')),
      );
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 6 }), spelled), (s) => {
        const got = coerceValue(s, 'boolean');
        if (SPELLINGS.has(s.toLowerCase()))
          expect(got).toBe(['true', 'yes', '1'].includes(s.toLowerCase()));
        else expect(got).toBe(INVALID);
      }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.double()), (n) => {
        expect(coerceValue(n, 'boolean')).toBe(n === 1 ? true : n === 0 ? false : INVALID);
      }),
    );
  });

  it('number accepts exactly finite numbers within 2^53 and their decimal strings', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const safe = Math.abs(x) <= Number.MAX_SAFE_INTEGER;
        expect(coerceValue(x, 'number')).toBe(safe ? x : INVALID);
        expect(coerceValue(String(x), 'number')).toBe(safe ? (Object.is(x, -0) ? 0 : x) : INVALID);
      }),
    );
  });

  it('never rounds a number beyond 2^53: every numeric coercion refuses it', () => {
    const huge = ['123456789012345678901234567890', '9007199254740993', '-9007199254740992'];
    for (const to of ['number', 'integer', 'decimal', 'string'] as const) {
      for (const s of huge) {
        expect(coerceValue(s, to === 'string' ? 'number' : to)).toBe(INVALID);
        expect(coerceValue(Number(s), to)).toBe(INVALID);
      }
      expect(coerceValue(9007199254740991, to)).not.toBe(INVALID);
    }
    expect(coerceValue('9007199254740993', 'decimal', { minorUnits: 2 })).toBe(INVALID);
    // A string stays a string: the exact digits survive when the attribute is text.
    expect(coerceValue('9007199254740993', 'string')).toBe('9007199254740993');
  });

  it('never throws, whatever the input and options', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.constantFrom(...targets),
        fc.constantFrom('auto', 'iso', 'epoch-seconds', 'epoch-millis'),
        fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
        (value, to, from, minorUnits) => {
          const out = coerceValue(value, to, { from: from as CoerceOptions['from'], minorUnits });
          if (out !== INVALID && value !== null) expect(out === undefined).toBe(false);
        },
      ),
    );
  });
});

describe('canonical ISO fast path', () => {
  const d2 = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));
  const canonicalShaped = fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      d2,
      d2,
      d2,
      d2,
      d2,
      fc.integer({ min: 0, max: 999 }),
      fc.boolean(),
    )
    .map(([y, mo, d, h, mi, s, ms, dateOnly]) => {
      const date = `${String(y).padStart(4, '0')}-${mo}-${d}`;
      return dateOnly ? date : `${date}T${h}:${mi}:${s}.${String(ms).padStart(3, '0')}Z`;
    });

  it('agrees with the full ISO parser on every canonical-shaped string', () => {
    fc.assert(
      fc.property(canonicalShaped, (s) => {
        const ms = parseIsoTime(s);
        const valid = ms !== INVALID && (s.length === 10 || new Date(ms).toISOString() === s);
        expect(isCanonicalIso(s)).toBe(valid);
        expect(coerceValue(s, 'datetime')).toBe(
          ms === INVALID ? INVALID : new Date(ms).toISOString(),
        );
        expect(coerceValue(s, 'date')).toBe(
          ms === INVALID ? INVALID : new Date(ms).toISOString().slice(0, 10),
        );
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseNumeric', () => {
  // The rule it had as a pattern before the fast path: decimal numerals only.
  const NUMERAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
  const oracle = (s: string) => {
    const t = s.trim();
    if (t.length === 0 || t.length > 400 || !NUMERAL.test(t)) return INVALID;
    const n = Number(t);
    return Number.isFinite(n) ? n : INVALID;
  };
  it('reads exactly the decimal numerals', () => {
    const chars = fc.constantFrom(...'0123456789+-.eExXbBoO _aInfity \u00a0'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: chars, maxLength: 12 }), (s) => {
        expect(parseNumeric(s)).toBe(oracle(s));
      }),
      { numRuns: 20_000 },
    );
    for (const s of ['0x1F', '0b11', '0o7', '0X1f', '+Infinity', '-Infinity', '1_000', '.', '-'])
      expect(parseNumeric(s), s).toBe(INVALID);
  });
});
