import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validationError, type ApiError } from './ApiError.js';
import { parseJsonText } from './middleware/readJsonBody.js';
import { compileBodyValidator } from './openapi/validateBody.js';
import { mapRequestSchema } from './openapi/schemas.js';
import { parseMapBody } from './parseMapBody.js';
import { splitRecordsArray } from './splitRecordsArray.js';

type MapBody = { records: unknown[] };
const validate = compileBodyValidator<MapBody>(mapRequestSchema(20));
const MAX_DEPTH = 6;

/** What the body always got: the whole text parsed, then the schema check. */
function wholeBody(text: string): MapBody {
  const checked = validate(parseJsonText(text, MAX_DEPTH));
  if (!checked.ok) throw validationError(checked.errors);
  return checked.value;
}

/** An outcome comparable across both paths: the value, or the error's code, message and fields. */
async function outcome(run: () => MapBody | Promise<MapBody>): Promise<unknown> {
  try {
    return { value: await run() };
  } catch (error) {
    const e = error as ApiError;
    return { code: e.code, message: e.message, errors: e.errors };
  }
}

const sliced = (text: string) =>
  parseMapBody<MapBody>(text, {
    maxDepth: MAX_DEPTH,
    validate,
    sliceSize: 3,
    yieldToEventLoop: () => Promise.resolve(),
  });

const record = fc.dictionary(
  fc.string({ maxLength: 6 }),
  fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.oneof(fc.string({ maxLength: 4 }), fc.object({ maxDepth: 2 })), { maxLength: 3 }),
  ),
  { maxKeys: 5 },
);
const body = fc.record(
  {
    records: fc.oneof(
      { weight: 4, arbitrary: fc.array(record, { maxLength: 25 }) },
      {
        weight: 1,
        arbitrary: fc.array(fc.oneof(record, fc.string(), fc.integer()), { maxLength: 25 }),
      },
    ),
    mode: fc.constantFrom('strict', 'lenient', 'other'),
    extra: fc.integer(),
  },
  { requiredKeys: ['records'] },
);
/** JSON text of a body, spaced or not, sometimes damaged (a character cut, inserted or doubled). */
const text = fc
  .tuple(body, fc.boolean(), fc.nat(), fc.constantFrom('', ',', ']', '}', '"', '[', ' ', '\\', ':'))
  .map(([b, spaced, at, insert]) => {
    const t = JSON.stringify(b, null, spaced ? 1 : undefined);
    const i = at % (t.length + 1);
    return insert === '' && at % 3 === 0
      ? t.slice(0, i) + t.slice(i + 1)
      : t.slice(0, i) + insert + t.slice(i);
  });

describe('parseMapBody', () => {
  it('finds the records of the plain shape, with nested brackets and quotes in strings', () => {
    const t = '{ "mode":"strict", "records" : [ {"a":"]\\",["}, {"b":[{}]} ] , "x":{"records":1} }';
    const split = splitRecordsArray(t, 10);
    expect(split).not.toBe('too-deep');
    if (!split || split === 'too-deep') throw new Error('no split');
    expect(JSON.parse(split.envelope)).toEqual({ mode: 'strict', records: [], x: { records: 1 } });
    expect(split.elements.map(([s, e]) => JSON.parse(t.slice(s, e)))).toEqual([
      { a: ']",[' },
      { b: [{}] },
    ]);
  });

  it('leaves every other shape to the whole-body parse', () => {
    for (const t of [
      '[{"records":[]}]',
      '{"records":{}}',
      '{"records":"[]"}',
      '{"records":[1]}',
      '{"records":[{}],"records":[{}]}',
      '{"rec\\u006frds":[{}]}',
      '{"records":[{},]}',
      '{"records":[,{}]}',
      '{"records":[{}]} x',
      '{"records":[{}]}{}',
      '{"records":[{}}',
      '{"records":["unterminated]}',
    ])
      expect(splitRecordsArray(t, 10), t).toBeUndefined();
  });

  it('refuses nesting past the limit as the depth scan does', async () => {
    const deep = `{"records":[${'['.repeat(MAX_DEPTH)}${']'.repeat(MAX_DEPTH)}]}`;
    expect(await outcome(() => sliced(deep))).toEqual(await outcome(() => wholeBody(deep)));
    expect(((await outcome(() => sliced(deep))) as { code: string }).code).toBe('JSON_TOO_DEEP');
  });

  it('answers every body, valid or damaged, exactly as the whole-body parse and check', async () => {
    let split = 0;
    await fc.assert(
      fc.asyncProperty(text, async (t) => {
        if (typeof splitRecordsArray(t, MAX_DEPTH) === 'object') split++;
        expect(await outcome(() => sliced(t))).toEqual(await outcome(() => wholeBody(t)));
      }),
      { numRuns: 600, seed: 13 },
    );
    // The sliced path itself was exercised, not only the fallback.
    expect(split).toBeGreaterThan(150);
  });
});
