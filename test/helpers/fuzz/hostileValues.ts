/**
 * fast-check arbitraries of hostile input, shared by the HTTP fuzzer's path, query, header and
 * body generators: percent-encoding garbage, invalid UTF-8, NUL and lone surrogates, prototype
 * keys, huge and deep values, wrong types, and the known-good values (real keys and ids) that
 * get a request past the first checks so the deeper layers are reached too.
 */
import fc from 'fast-check';

/** Percent sequences that do not decode, decode to invalid UTF-8, or decode to something odd. */
export const PERCENT_GARBAGE = [
  '%ZZ',
  '%E0%A4%A',
  '%C0%AE',
  '%ff',
  '%00',
  '%',
  '%%',
  '%2F',
  '%2e%2e',
  '%ED%A0%80', // a UTF-16 surrogate in UTF-8 (CESU): not UTF-8
  '%F4%90%80%80', // beyond U+10FFFF
  '%FE%FF',
  '%u0041',
  '%0A%0D',
  '%E2%80%AE', // right-to-left override
];

export const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'valueOf',
  '__defineGetter__',
];

/** Text a PostgreSQL text column cannot hold, or that breaks naive handling. */
export const NASTY_TEXT = ['\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '\ufeff', '\u202e', '\r\n'];

const latin1High = fc.integer({ min: 0x80, max: 0xff }).map((c) => String.fromCharCode(c));
const safeAscii = fc.constantFrom(..."abcXYZ019-_.~!$&'()*+,;=:@".split(''));

/** A string to put raw into a request target segment (no `/`, `?`, `#`, no control bytes). */
export function rawSegment(known: string[]): fc.Arbitrary<string> {
  const pieces = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...known) },
    { weight: 3, arbitrary: fc.constantFrom(...PERCENT_GARBAGE) },
    { weight: 2, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
    { weight: 2, arbitrary: fc.string({ unit: fc.oneof(latin1High, safeAscii), maxLength: 12 }) },
    { weight: 1, arbitrary: fc.constantFrom('..', '.', '~', '-', '0', '-1', '1e309', 'null') },
    {
      weight: 1,
      arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }).map((s) => encodeURIComponent(s)),
    },
    { weight: 1, arbitrary: fc.constantFrom(256, 4000, 20_000).map((n) => 'a'.repeat(n)) },
  );
  return fc
    .array(pieces, { minLength: 1, maxLength: 3 })
    .map((parts) => parts.join(''))
    .filter((s) => s.length > 0);
}

/** A header value as latin1 text (bytes 0x80-0xFF arrive as invalid UTF-8). */
export function headerValue(known: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...known),
    fc.string({ unit: fc.oneof(latin1High, safeAscii, fc.constant(' ')), maxLength: 40 }),
    fc.constantFrom(...PROTOTYPE_KEYS),
    fc.constantFrom(300, 4000).map((n) => 'b'.repeat(n)),
    fc.constant(''),
  );
}

/** A JSON value of the wrong kind, or of the right kind at its limits. */
export function hostileJson(depth = 0): fc.Arbitrary<unknown> {
  const leaves = fc.oneof(
    fc.constantFrom(...NASTY_TEXT),
    fc.constantFrom(...PROTOTYPE_KEYS),
    fc.constantFrom(
      0,
      -1,
      -0,
      1e308,
      2 ** 53 + 2,
      1.5,
      true,
      false,
      null,
      '',
      '1',
      'true',
      '2024-02-30T25:61:00Z',
    ),
    fc.constantFrom(1000, 70_000, 300_000).map((n) => 'x'.repeat(n)),
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.integer(),
    fc.double(),
  );
  if (depth >= 2) return leaves;
  return fc.oneof(
    { weight: 4, arbitrary: leaves },
    { weight: 1, arbitrary: fc.array(hostileJson(depth + 1), { maxLength: 4 }) },
    {
      weight: 1,
      arbitrary: fc.dictionary(
        fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.string({ maxLength: 6 })),
        hostileJson(depth + 1),
        { maxKeys: 4 },
      ),
    },
    { weight: 1, arbitrary: fc.integer({ min: 20, max: 3000 }).map(deepArray) },
  );
}

/** `[[[...0...]]]`, `depth` levels. */
function deepArray(depth: number): unknown {
  let value: unknown = 0;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** Bytes that are not JSON, not UTF-8, or JSON in another encoding. */
export const RAW_BODIES = fc.constantFrom(
  Buffer.from([0xc3, 0x28]),
  Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]),
  Buffer.from('{"records": [', 'utf8'),
  Buffer.from('\ufeff{"name":"bom"}', 'utf8'),
  Buffer.from('{"name":"a","name":"b"}', 'utf8'),
  Buffer.from('{"name":"\\u0000"}', 'utf8'),
  Buffer.from('{"name":"\\ud800"}', 'utf8'),
  Buffer.from(`{"name":"${'\\'.repeat(3)}"}`, 'utf8'),
  Buffer.from('['.repeat(100_000), 'utf8'),
  Buffer.from('{"a":1e999999}', 'utf8'),
  Buffer.from(
    '{"label":9007199254740993,"records":[{"sizeEstimate":123456789012345678901234567890}]}',
  ),
  Buffer.from('null', 'utf8'),
  Buffer.from('', 'utf8'),
  Buffer.from('name=a&name=b', 'utf8'),
  Buffer.from(JSON.stringify({ name: 'x', pad: 'p'.repeat(300_000) }), 'utf8'),
  Buffer.from('{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}', 'utf8'),
);
