import { describe, expect, it } from 'vitest';
import type { FieldMapping } from '../manifest/types.js';
import { applyMapping, applyMappingBatch } from './applyMapping.js';
import { compileMapping } from './compileMapping.js';
import { DEFAULT_MAX_ITEMS } from './limits.js';
import { defaultPluginRegistry, PluginRegistry } from './plugins/index.js';
import { compileFields, entityOf, mapField } from './testHelpers.js';

const record = {
  id: 7,
  name: { first: 'Ann', last: 'Lee', empty: '' },
  state: 'Open',
  n: '42',
  flags: [true, false],
  headers: [
    { name: 'From', value: 'a@x.io' },
    { name: 'Subject', value: 'Hi' },
    { name: 'subject', value: 'second' },
  ],
  items: [{ sku: 'a', qty: '2' }, { sku: 'b', qty: 'x' }, { sku: 'c' }],
  csv: 'a,b,,c',
  nothing: null,
};

/** [title, field, expected value of v (undefined: absent)] */
const valueCases: Array<[string, FieldMapping, unknown]> = [
  ['source dot path', { source: 'name.first' }, 'Ann'],
  ['source JSONPath', { source: '$.name.last' }, 'Lee'],
  ['missing source is absent', { source: 'name.middle' }, undefined],
  ['null source stays null', { source: 'nothing' }, null],
  ['multi-valued source is an array', { source: '$.items[*].sku' }, ['a', 'b', 'c']],
  ['multi-valued without match is absent', { source: '$.items[*].nope' }, undefined],
  [
    'concat skips empty, null, missing',
    { concat: { sources: ['name.first', 'name.empty', 'nothing', 'zzz', 'name.last'] } },
    'Ann Lee',
  ],
  ['concat separator, numbers', { concat: { sources: ['id', 'n'], separator: '-' } }, '7-42'],
  ['concat of nothing is absent', { concat: { sources: ['zzz', 'nothing'] } }, undefined],
  ['concat skips objects', { concat: { sources: ['name', 'id'] } }, '7'],
  ['template', { template: '{name.first} {$.name.last}' }, 'Ann Lee'],
  ['template literal braces and trim', { template: ' {{{id}}} ' }, '{7}'],
  [
    'template with all (optional) placeholders missing is absent',
    { template: 'x {zzz?} {nothing?}' },
    undefined,
  ],
  ['template without placeholders is its text', { template: 'plain' }, 'plain'],
  ['const', { const: { a: [1] } }, { a: [1] }],
  ['default replaces missing', { source: 'zzz', default: 'd' }, 'd'],
  ['default replaces null', { source: 'nothing', default: 0 }, 0],
  [
    'default then transforms',
    { source: 'zzz', default: '5', transforms: [{ coerce: 'integer' }] },
    5,
  ],
  ['coerce passes null', { source: 'nothing', transforms: [{ coerce: 'integer' }] }, null],
  [
    'coerce onInvalid null',
    { source: 'name.first', transforms: [{ coerce: 'integer', onInvalid: 'null' }] },
    null,
  ],
  [
    'coerce onInvalid skip',
    { source: 'name.first', transforms: [{ coerce: 'integer', onInvalid: 'skip' }] },
    undefined,
  ],
  [
    'coerce onInvalid default',
    {
      source: 'name.first',
      default: -1,
      transforms: [{ coerce: 'integer', onInvalid: 'default' }],
    },
    -1,
  ],
  [
    'coerce onInvalid default without default',
    { source: 'name.first', transforms: [{ coerce: 'integer', onInvalid: 'default' }] },
    undefined,
  ],
  ['valueMap hit', { source: 'state', transforms: [{ valueMap: { Open: 'open' } }] }, 'open'],
  [
    'valueMap ignoreCase',
    { source: 'state', transforms: [{ valueMap: { OPEN: 'open' }, ignoreCase: true }] },
    'open',
  ],
  [
    'valueMap miss keeps value',
    { source: 'state', transforms: [{ valueMap: { x: 'y' } }] },
    'Open',
  ],
  [
    'valueMap miss with fallback',
    { source: 'state', transforms: [{ valueMap: { x: 'y' }, fallback: 'other' }] },
    'other',
  ],
  [
    'valueMap null fallback',
    { source: 'state', transforms: [{ valueMap: { x: 'y' }, fallback: null }] },
    null,
  ],
  ['valueMap number key', { source: 'id', transforms: [{ valueMap: { '7': 'seven' } }] }, 'seven'],
  [
    'valueMap boolean key',
    { source: 'flags.0', transforms: [{ valueMap: { true: 'yes' } }] },
    'yes',
  ],
  [
    'valueMap never reads inherited keys',
    {
      source: 'name.first',
      transforms: [{ const: 'toString' }, { valueMap: { a: 1 }, fallback: 'none' }],
    },
    'none',
  ],
  ['const transform', { source: 'id', transforms: [{ const: 'c' }] }, 'c'],
  [
    'if then',
    {
      source: 'id',
      transforms: [{ if: { op: 'exists' }, then: [{ const: 'yes' }], else: [{ const: 'no' }] }],
    },
    'yes',
  ],
  [
    'if else',
    {
      source: 'zzz',
      transforms: [{ if: { op: 'exists' }, then: [{ const: 'yes' }], else: [{ const: 'no' }] }],
    },
    'no',
  ],
  [
    'if without else keeps value',
    { source: 'id', transforms: [{ if: { op: 'notExists' }, then: [{ const: 0 }] }] },
    7,
  ],
  [
    'if on a record path',
    {
      source: 'id',
      transforms: [
        {
          if: { path: 'state', op: 'equals', value: 'open', ignoreCase: true },
          then: [{ const: 1 }],
        },
      ],
    },
    1,
  ],
  [
    'if in',
    {
      source: 'state',
      transforms: [{ if: { op: 'in', values: ['Open', 'Closed'] }, then: [{ const: true }] }],
    },
    true,
  ],
  [
    'if notIn',
    {
      source: 'state',
      transforms: [{ if: { op: 'notIn', values: ['open'] }, then: [{ const: true }] }],
    },
    true,
  ],
  [
    'if notEquals',
    {
      source: 'n',
      transforms: [{ if: { op: 'notEquals', value: 42 }, then: [{ const: 'string 42' }] }],
    },
    'string 42',
  ],
  [
    'equals never matches objects',
    {
      source: 'name',
      transforms: [
        {
          if: { op: 'equals', value: { first: 'Ann' } },
          then: [{ const: 1 }],
          else: [{ const: 0 }],
        },
      ],
    },
    0,
  ],
  [
    'select first match, pick',
    {
      source: 'headers',
      transforms: [
        {
          select: {
            where: { path: 'name', op: 'equals', value: 'subject', ignoreCase: true },
            pick: 'value',
          },
        },
      ],
    },
    'Hi',
  ],
  [
    'select all',
    {
      source: 'headers',
      transforms: [
        {
          select: {
            where: { path: 'name', op: 'equals', value: 'subject', ignoreCase: true },
            pick: 'value',
            all: true,
          },
        },
      ],
    },
    ['Hi', 'second'],
  ],
  [
    'select without pick',
    {
      source: 'items',
      transforms: [{ select: { where: { path: 'sku', op: 'equals', value: 'b' } } }],
    },
    { sku: 'b', qty: 'x' },
  ],
  [
    'select no match',
    {
      source: 'headers',
      transforms: [
        { select: { where: { path: 'name', op: 'equals', value: 'To' }, pick: 'value' } },
      ],
    },
    undefined,
  ],
  [
    'select on non-array',
    { source: 'name', transforms: [{ select: { where: { op: 'exists' } } }] },
    undefined,
  ],
  [
    'each',
    { source: 'csv', transforms: [{ split: ',' }, { each: [{ string: 'upper' }] }] },
    ['A', 'B', '', 'C'],
  ],
  [
    'each drops undefined',
    {
      source: 'csv',
      transforms: [
        { split: ',' },
        { each: [{ if: { op: 'equals', value: '' }, then: [{ const: undefined }] }] },
      ],
    },
    ['a', 'b', 'c'],
  ],
  [
    'each drops skipped',
    {
      source: '$.items[*].qty',
      transforms: [{ each: [{ coerce: 'integer', onInvalid: 'skip' }] }],
    },
    [2],
  ],
  [
    'mapEach',
    {
      source: 'items',
      transforms: [
        {
          mapEach: {
            s: { source: 'sku' },
            q: { source: 'qty', transforms: [{ coerce: 'integer', onInvalid: 'null' }] },
          },
        },
      ],
    },
    [{ s: 'a', q: 2 }, { s: 'b', q: null }, { s: 'c' }],
  ],
  ['string trim/lower/upper', { source: 'name.first', transforms: [{ string: 'upper' }] }, 'ANN'],
  ['string on non-string', { source: 'id', transforms: [{ string: 'lower' }] }, 7],
  ['split', { source: 'csv', transforms: [{ split: ',' }] }, ['a', 'b', '', 'c']],
  [
    'join skips empty and objects',
    { source: 'csv', transforms: [{ split: ',' }, { join: '+' }] },
    'a+b+c',
  ],
  ['join on non-array', { source: 'id', transforms: [{ join: '+' }] }, 7],
  ['plugin', { source: 'headers.0.value', transforms: [{ plugin: 'email-domain' }] }, 'x.io'],
  ['plugin passes null', { source: 'nothing', transforms: [{ plugin: 'email-domain' }] }, null],
];

describe('field evaluation', () => {
  it.each(valueCases)('%s', (_title, field, expected) => {
    const result = mapField(field, record);
    expect(result.findings).toEqual([]);
    expect(result.ok).toBe(true);
    expect(Object.hasOwn(result.attributes, 'v')).toBe(expected !== undefined);
    expect(result.attributes.v).toEqual(expected);
  });
});

/** [title, field, attribute, rule] */
const failureCases: Array<[string, FieldMapping, object, string]> = [
  [
    'coerce fails',
    { source: 'name.first', transforms: [{ coerce: 'integer' }] },
    {},
    'coerce-failed',
  ],
  [
    'each on non-array',
    { source: 'id', transforms: [{ each: [{ string: 'trim' }] }] },
    {},
    'not-an-array',
  ],
  [
    'mapEach on non-array',
    { source: 'id', transforms: [{ mapEach: { a: { source: 'x' } } }] },
    {},
    'not-an-array',
  ],
  [
    'plugin refuses input',
    { source: 'id', transforms: [{ plugin: 'email-domain' }] },
    {},
    'plugin-failed',
  ],
  ['required missing', { source: 'zzz' }, { required: true }, 'required-missing'],
  ['required null', { source: 'nothing' }, { required: true }, 'required-null'],
  ['type string', { source: 'id' }, { dataType: 'string' }, 'type-mismatch'],
  ['type integer', { const: 1.5 }, { dataType: 'integer' }, 'type-mismatch'],
  ['type boolean', { const: 'true' }, { dataType: 'boolean' }, 'type-mismatch'],
  ['type date', { const: '2024-02-30' }, { dataType: 'date' }, 'type-mismatch'],
  ['type datetime', { const: '2024-02-01' }, { dataType: 'datetime' }, 'type-mismatch'],
  ['type reference', { const: true }, { dataType: 'reference' }, 'type-mismatch'],
  ['list needs array', { const: 'a' }, { dataType: 'string', list: true }, 'type-mismatch'],
  ['list item type', { const: ['a', 1] }, { dataType: 'string', list: true }, 'type-mismatch'],
  ['enum', { const: 'maybe' }, { dataType: 'enum', enumValues: ['yes', 'no'] }, 'enum-mismatch'],
  [
    'format',
    { const: 'nope' },
    { dataType: 'string', validation: { format: 'uuid' } },
    'format-mismatch',
  ],
  [
    'pattern',
    { const: 'abc' },
    { dataType: 'string', validation: { pattern: '^\\d+$' } },
    'pattern-mismatch',
  ],
  // A backtracking engine would hang here; patterns run on RE2 (src/manifest/manifestPattern.ts).
  [
    'pattern, catastrophic for RegExp',
    { const: `${'a'.repeat(50_000)}!` },
    { dataType: 'string', validation: { pattern: '^(a+)+$' } },
    'pattern-mismatch',
  ],
  [
    'minLength counts code points',
    { const: '😀' },
    { dataType: 'string', validation: { minLength: 2 } },
    'min-length',
  ],
  [
    'maxLength',
    { const: 'abcd' },
    { dataType: 'string', validation: { maxLength: 3 } },
    'max-length',
  ],
  ['minimum', { const: -1 }, { dataType: 'number', validation: { minimum: 0 } }, 'minimum'],
  ['maximum', { const: 11 }, { dataType: 'integer', validation: { maximum: 10 } }, 'maximum'],
];

describe('findings and modes', () => {
  it.each(failureCases)(
    '%s: strict fails the record, lenient drops the field (failing the record only when it is required)',
    (_t, field, attribute, rule) => {
      const strict = mapField(field, record, { mode: 'strict', attribute });
      expect(strict.ok).toBe(false);
      expect(strict.findings).toMatchObject([{ attribute: 'v', rule, severity: 'error' }]);
      expect(Object.hasOwn(strict.attributes, 'v')).toBe(false);
      const lenient = mapField(field, record, { mode: 'lenient', attribute });
      const required = (attribute as { required?: boolean }).required === true;
      expect(lenient.ok).toBe(!required);
      expect(lenient.findings).toMatchObject([
        { attribute: 'v', rule, severity: required ? 'error' : 'warning' },
      ]);
      expect(Object.hasOwn(lenient.attributes, 'v')).toBe(false);
      // The same failure on a required attribute, or on the primary key, fails a lenient record.
      const asKey = applyMapping(
        compileMapping(
          { model: 'thing', entityType: 'thing', fields: { v: field } },
          { ...entityOf({ v: field }, { v: attribute }), primaryKey: 'v' },
          { plugins: defaultPluginRegistry() },
        ),
        record,
        { mode: 'lenient' },
      );
      expect(asKey.ok).toBe(false);
      expect(asKey.findings).toMatchObject([{ attribute: 'v', rule, severity: 'error' }]);
    },
  );

  it('a template missing a part it needs is a finding, not a broken id', () => {
    const slack = { ts: '1358877455.000010' }; // Slack's channel_purpose event: no channel
    const incomplete = mapField({ template: '{channel}:{ts}' }, slack, { mode: 'lenient' });
    expect(incomplete.findings).toEqual([
      {
        attribute: 'v',
        source: 'template',
        rule: 'template-incomplete',
        message:
          'the template placeholder {channel} has no value (write {channel?} if it may be missing)',
        severity: 'warning',
      },
    ]);
    expect(Object.hasOwn(incomplete.attributes, 'v')).toBe(false);
    const optional = mapField({ template: '{channel?}:{ts}' }, slack);
    expect(optional.attributes.v).toBe(':1358877455.000010');
    const asKey = mapField({ template: '{channel}:{ts}' }, slack, {
      mode: 'lenient',
      attribute: { required: true },
    });
    expect(asKey.ok).toBe(false);
  });

  it('passes values that satisfy the attribute', () => {
    const ok = (value: unknown, attribute: object) =>
      mapField({ const: value }, {}, { attribute }).ok;
    expect(ok('😀😀', { dataType: 'string', validation: { minLength: 2, maxLength: 2 } })).toBe(
      true,
    );
    expect(
      ok(['a@b.io'], { dataType: 'string', list: true, validation: { format: 'email' } }),
    ).toBe(true);
    expect(ok(5, { dataType: 'reference' })).toBe(true);
    expect(ok(null, { dataType: 'integer' })).toBe(true);
    expect(ok('yes', { dataType: 'enum', enumValues: ['yes'] })).toBe(true);
  });

  it('names the finding source: path, or origin kind', () => {
    expect(
      mapField({ concat: { sources: ['zzz'] } }, {}, { attribute: { required: true } }).findings[0]
        ?.source,
    ).toBe('concat');
    expect(
      mapField({ template: '{zzz}' }, {}, { attribute: { required: true } }).findings[0]?.source,
    ).toBe('template');
    expect(
      mapField({ const: 1 }, {}, { attribute: { dataType: 'string' } }).findings[0]?.source,
    ).toBe('const');
  });

  it('labels mapEach findings with the element index; the element keeps its other fields', () => {
    const result = mapField(
      {
        source: 'items',
        transforms: [
          {
            mapEach: {
              s: { source: 'sku' },
              q: { source: 'qty', transforms: [{ coerce: 'integer' }] },
            },
          },
        ],
      },
      record,
    );
    expect(result.findings).toEqual([
      {
        attribute: 'v[1].q',
        source: 'qty',
        rule: 'coerce-failed',
        message: 'cannot coerce "x" to integer',
        severity: 'error',
      },
    ]);
    expect(result.attributes.v).toEqual([{ s: 'a', q: 2 }, { s: 'b' }, { s: 'c' }]);
  });

  it('warns array-truncated beyond maxItems without failing the record', () => {
    const items = Array.from({ length: 5 }, (_, i) => ({ i }));
    const result = mapField(
      { source: 'items', transforms: [{ mapEach: { i: { source: 'i' } }, maxItems: 2 }] },
      { items },
    );
    expect(result.ok).toBe(true);
    expect(result.attributes.v).toEqual([{ i: 0 }, { i: 1 }]);
    expect(result.findings).toMatchObject([{ rule: 'array-truncated', severity: 'warning' }]);
    const each = mapField(
      { source: 'xs', transforms: [{ each: [{ coerce: 'string' }] }] },
      { xs: Array.from({ length: DEFAULT_MAX_ITEMS + 1 }, (_, i) => i) },
    );
    expect((each.attributes.v as unknown[]).length).toBe(DEFAULT_MAX_ITEMS);
    expect(each.findings).toMatchObject([{ rule: 'array-truncated' }]);
  });
});

describe('compile-time problems', () => {
  it('skips only the field naming an unregistered plugin, with a warning naming it', () => {
    const compiled = compileFields({
      a: { source: 'a', transforms: [{ plugin: 'not-installed' }] },
      b: { source: 'b' },
    });
    expect(compiled.warnings).toEqual([
      expect.objectContaining({
        attribute: 'a',
        rule: 'plugin-unregistered',
        severity: 'warning',
        message: expect.stringContaining('"not-installed"'),
      }),
    ]);
    expect(compiled.fieldKeys).toEqual(['b']);
    const result = applyMapping(compiled, { a: 1, b: 2 }, { mode: 'strict' });
    expect(result).toMatchObject({ ok: true, findings: [] });
    expect({ ...result.attributes }).toEqual({ b: 2 });
  });

  it('uses the registry it is given', () => {
    const field = { v: { source: 'x', transforms: [{ plugin: 'email-domain' }] } };
    const empty = compileMapping(
      { model: 'm', entityType: 'thing', fields: field },
      entityOf(field),
      { plugins: new PluginRegistry() },
    );
    expect(empty.warnings.map((w) => w.rule)).toEqual(['plugin-unregistered']);
    const full = compileMapping(
      { model: 'm', entityType: 'thing', fields: field },
      entityOf(field),
      { plugins: defaultPluginRegistry() },
    );
    expect(full.warnings).toEqual([]);
  });

  it.each([
    ['script filter', { source: '$.a[?(@.x)]' }, 'jsonpath-script'],
    ['script expression', { source: '$.a[(@.length-1)]' }, 'jsonpath-script'],
    [
      'script in a condition',
      { source: 'a', transforms: [{ if: { path: '$[?(1)]', op: 'exists' }, then: [] }] },
      'jsonpath-script',
    ],
    [
      'script in select pick',
      { source: 'a', transforms: [{ select: { where: { op: 'exists' }, pick: '$[(1)]' } }] },
      'jsonpath-script',
    ],
    ['script in a template', { template: '{$..[?(@)]}' }, 'jsonpath-invalid'],
    ['bad path', { source: 'a..b' }, 'jsonpath-invalid'],
    ['bad template', { template: 'x {a' }, 'template-invalid'],
    [
      'plugin options',
      { source: 'a', transforms: [{ plugin: 'split-full-name', options: {} }] },
      'plugin-options-invalid',
    ],
    [
      'chain too long',
      { source: 'a', transforms: Array.from({ length: 51 }, () => ({ string: 'trim' as const })) },
      'mapping-too-complex',
    ],
    ['nesting too deep', { source: 'a', transforms: nest(9) }, 'mapping-too-complex'],
  ] as Array<[string, FieldMapping, string]>)('%s skips the field', (_t, field, rule) => {
    const compiled = compileFields({ v: field, w: { source: 'a' } });
    expect(compiled.warnings.map((w) => w.rule)).toEqual([rule]);
    expect(compiled.fieldKeys).toEqual(['w']);
  });

  it('accepts nesting up to the limit', () => {
    expect(compileFields({ v: { source: 'a', transforms: nest(8) } }).warnings).toEqual([]);
  });

  it('warns about unknown targets, unmapped required attributes, unknown formats and bad patterns', () => {
    const fields = { a: { source: 'a' } };
    const entity = {
      key: 'thing',
      displayName: 'T',
      attributes: [
        { key: 'a', dataType: 'string' as const, validation: { format: 'zip-code', pattern: '(' } },
        { key: 'req', dataType: 'string' as const, required: true },
      ],
    };
    const compiled = compileMapping(
      { model: 'm', entityType: 'other', fields: { ...fields, ghost: { source: 'g' } } },
      entity,
      { plugins: defaultPluginRegistry() },
    );
    expect(compiled.warnings.map((w) => w.rule)).toEqual([
      'entity-type-mismatch',
      'format-unknown',
      'pattern-invalid',
      'unknown-attribute',
      'required-unmapped',
    ]);
    expect({ ...applyMapping(compiled, { a: 'x' }).attributes }).toEqual({ a: 'x' });
  });
});

function nest(levels: number): FieldMapping['transforms'] {
  let chain: NonNullable<FieldMapping['transforms']> = [{ string: 'trim' }];
  for (let i = 0; i < levels; i++) chain = [{ if: { op: 'exists' }, then: chain }];
  return chain;
}

describe('applyMappingBatch', () => {
  it('maps every record in order and counts failures', () => {
    const compiled = compileFields({ v: { source: 'x', transforms: [{ coerce: 'integer' }] } });
    const batch = applyMappingBatch(compiled, [{ x: '1' }, { x: 'no' }, { x: 3 }], {
      mode: 'strict',
    });
    expect(batch.results.map((r) => r.attributes.v)).toEqual([1, undefined, 3]);
    expect(batch).toMatchObject({ okCount: 2, failedCount: 1 });
  });
});
