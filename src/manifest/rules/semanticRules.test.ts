import { describe, expect, it } from 'vitest';
import { validateManifest } from '../validateManifest.js';
import { smallIntegration } from '../testing/smallIntegration.js';

const integration = () =>
  smallIntegration({
    attributes: [
      { key: 'id', dataType: 'string', required: true },
      { key: 'email', dataType: 'string' },
      { key: 'status', dataType: 'enum', enumValues: ['active', 'archived'] },
      { key: 'createdAt', dataType: 'datetime' },
      { key: 'tags', dataType: 'string', list: true },
      { key: 'score', dataType: 'integer' },
      { key: 'raw', dataType: 'json' },
    ],
  });

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function template(): Record<string, any> {
  return {
    manifestVersion: '1.0',
    kind: 'template',
    key: 'retail',
    name: 'Retail',
    description: 'x',
    businessType: 'retail',
    entityTypes: [
      {
        key: 'customer',
        displayName: 'Customer',
        readonly: false,
        attributes: [{ key: 'id', dataType: 'string' }],
      },
    ],
  };
}

const findings = (doc: unknown) =>
  validateManifest({ file: 'm.json', text: JSON.stringify(doc, null, 2) }).findings.map((f) => [
    f.rule,
    f.pointer,
  ]);

/** Findings for one field of the contact mapping. */
const field = (key: string, mapping: unknown) => {
  const doc = integration();
  doc.mappings[0].fields[key] = mapping;
  return findings(doc);
};
const F = '/mappings/0/fields';

describe('references', () => {
  it('checks every place an entity type is named', () => {
    const doc = integration();
    doc.entityTypes[0].attributes.push({ key: 'owner', dataType: 'reference', references: 'user' });
    doc.integration.models.push({ key: 'n', entityType: 'lead' });
    doc.mappings.push({ model: 'n', entityType: 'lead', fields: { id: { source: 'id' } } });
    expect(findings(doc)).toEqual([
      ['unknown-entity-type', '/entityTypes/0/attributes/7/references'],
      ['unknown-entity-type', '/integration/models/1/entityType'],
      ['unknown-entity-type', '/mappings/1/entityType'],
    ]);
  });

  it('checks primaryKey and relationship via against the attributes', () => {
    const doc = integration();
    doc.entityTypes[0].primaryKey = 'uuid';
    doc.relationships = [
      {
        key: 'manager',
        from: 'contact',
        to: 'contact',
        cardinality: 'many-to-one',
        via: 'managerId',
      },
    ];
    expect(findings(doc)).toEqual([
      ['unknown-attribute', '/entityTypes/0/primaryKey'],
      ['unknown-attribute', '/relationships/0/via'],
    ]);
  });

  it('checks the entity types of example questions in templates', () => {
    const doc = template();
    doc.exampleQuestions = [{ question: 'Who buys most?', entityTypes: ['customer', 'order'] }];
    expect(findings(doc)).toEqual([['unknown-entity-type', '/exampleQuestions/0/entityTypes/1']]);
  });

  it('allows readonly false in templates and readonly true in integrations', () => {
    expect(findings(template())).toEqual([]);
    const doc = integration();
    doc.entityTypes[0].readonly = true;
    expect(findings(doc)).toEqual([]);
  });
});

describe('source paths', () => {
  it('checks concat sources, template placeholders, conditions and select.pick', () => {
    expect(field('email', { concat: { sources: ['a', 'b..c'] } })).toEqual([
      ['jsonpath-invalid', `${F}/email/concat/sources/1`],
    ]);
    expect(field('email', { template: '{{literal}} {first} {$.x[?(@.y)]}' })).toEqual([
      ['jsonpath-script', `${F}/email/template`],
    ]);
    expect(field('email', { template: 'Hello {name' })).toEqual([
      ['jsonpath-invalid', `${F}/email/template`],
    ]);
    expect(field('email', { template: '{{ok}} }' })).toEqual([
      ['jsonpath-invalid', `${F}/email/template`],
    ]);
    expect(
      field('email', {
        source: 'a',
        transforms: [{ if: { path: '$.a[(1)]', op: 'exists' }, then: [{ const: 'x' }] }],
      }),
    ).toEqual([['jsonpath-script', `${F}/email/transforms/0/if/path`]]);
    expect(
      field('email', {
        source: 'h',
        transforms: [{ select: { where: { path: 'name[0', op: 'exists' }, pick: '$.v^' } }],
      }).map((f) => f[1]),
    ).toEqual([`${F}/email/transforms/0/select/where/path`, `${F}/email/transforms/0/select/pick`]);
  });

  it('walks nested mapEach fields, their paths and their transforms', () => {
    const mapping = {
      source: 'items',
      transforms: [
        {
          mapEach: {
            sku: { source: '$.sku[?(@)]' },
            qty: { source: 'q', transforms: [{ coerce: 'integer', onInvalid: 'default' }] },
            deeper: { source: 'sub', transforms: [{ mapEach: { x: { source: 'a..b' } } }] },
          },
        },
      ],
    };
    expect(field('raw', mapping)).toEqual([
      ['jsonpath-script', `${F}/raw/transforms/0/mapEach/sku/source`],
      [
        'on-invalid-default-without-default',
        `${F}/raw/transforms/0/mapEach/qty/transforms/0/onInvalid`,
      ],
      ['jsonpath-invalid', `${F}/raw/transforms/0/mapEach/deeper/transforms/0/mapEach/x/source`],
    ]);
  });
});

describe('transform-type-mismatch', () => {
  const mismatch = (key: string, mapping: unknown) =>
    field(key, mapping).filter(([r]) => r === 'transform-type-mismatch');

  it('reports certain mismatches at the last step', () => {
    expect(mismatch('createdAt', { source: 'c', transforms: [{ coerce: 'boolean' }] })).toEqual([
      ['transform-type-mismatch', `${F}/createdAt/transforms/0`],
    ]);
    expect(mismatch('createdAt', { source: 'c', transforms: [{ coerce: 'date' }] })).toHaveLength(
      1,
    );
    expect(mismatch('score', { source: 's', transforms: [{ coerce: 'decimal' }] })).toHaveLength(1);
    expect(mismatch('email', { source: 's', transforms: [{ split: ',' }] })).toHaveLength(1);
    expect(mismatch('tags', { source: 's', transforms: [{ join: ',' }] })).toHaveLength(1);
    expect(mismatch('score', { const: 'ten' })).toEqual([
      ['transform-type-mismatch', `${F}/score/const`],
    ]);
    expect(mismatch('email', { source: '$.emails[*]' })).toEqual([
      ['transform-type-mismatch', `${F}/email`],
    ]);
    expect(
      mismatch('status', {
        source: 's',
        transforms: [{ valueMap: { a: 'active', b: true }, fallback: null }],
      }),
    ).toHaveLength(1);
    expect(
      mismatch('score', {
        source: 's',
        transforms: [
          { if: { op: 'exists' }, then: [{ coerce: 'integer' }], else: [{ const: 'none' }] },
        ],
      }),
    ).toHaveLength(1);
    expect(
      mismatch('tags', {
        source: 's',
        transforms: [{ split: ',' }, { each: [{ coerce: 'integer' }] }],
      }),
    ).toHaveLength(1);
  });

  it('stays quiet when the type fits or cannot be known', () => {
    expect(mismatch('createdAt', { source: 'c' })).toEqual([]);
    expect(mismatch('createdAt', { source: 'c', transforms: [{ coerce: 'datetime' }] })).toEqual(
      [],
    );
    expect(mismatch('email', { source: 'c', transforms: [{ coerce: 'date' }] })).toEqual([]);
    expect(mismatch('score', { source: 's', transforms: [{ valueMap: { a: 1 } }] })).toEqual([]); // a miss passes the raw value
    expect(
      mismatch('tags', {
        source: 's',
        transforms: [{ split: ',' }, { each: [{ string: 'trim' }] }],
      }),
    ).toEqual([]);
    expect(mismatch('tags', { source: '$.tags[*].name' })).toEqual([]);
    expect(mismatch('raw', { source: 'x', transforms: [{ split: ',' }] })).toEqual([]);
    expect(
      mismatch('score', {
        source: 's',
        transforms: [{ if: { op: 'exists' }, then: [{ coerce: 'integer' }] }],
      }),
    ).toEqual([]);
    expect(
      mismatch('status', {
        source: 's',
        transforms: [{ valueMap: { a: 'active' }, fallback: null }],
      }),
    ).toEqual([]);
    expect(mismatch('email', { source: 's', transforms: [{ plugin: 'whatever' }] })).toEqual([]);
  });
});

describe('value-map-enum', () => {
  it('checks the outputs and fallback of the final valueMap, also inside a final if', () => {
    expect(
      field('status', {
        source: 's',
        transforms: [{ valueMap: { a: 'active', b: 'gone' }, fallback: 'unknown' }],
      }),
    ).toEqual([
      ['value-map-enum', `${F}/status/transforms/0/valueMap/b`],
      ['value-map-enum', `${F}/status/transforms/0/fallback`],
    ]);
    expect(
      field('status', {
        source: 's',
        transforms: [{ if: { op: 'exists' }, then: [{ valueMap: { x: 'Active' } }] }],
      }),
    ).toEqual([['value-map-enum', `${F}/status/transforms/0/then/0/valueMap/x`]]);
  });

  it('checks each output of a final valueMap against the type, even without a fallback', () => {
    expect(
      field('score', { source: 's', transforms: [{ valueMap: { low: 1, high: 'many' } }] }),
    ).toEqual([['transform-type-mismatch', `${F}/score/transforms/0/valueMap/high`]]);
    expect(
      field('status', { source: 's', transforms: [{ valueMap: { a: 'active', b: 2 } }] }),
    ).toEqual([['transform-type-mismatch', `${F}/status/transforms/0/valueMap/b`]]);
    // when the whole chain is certainly wrong, it is reported once, at the step
    expect(
      field('score', { source: 's', transforms: [{ valueMap: { a: 'x' }, fallback: 'y' }] }),
    ).toEqual([['transform-type-mismatch', `${F}/score/transforms/0`]]);
  });

  it('ignores a valueMap followed by other steps', () => {
    expect(
      field('status', {
        source: 's',
        transforms: [{ valueMap: { a: 'ACTIVE' } }, { string: 'lower' }],
      }),
    ).toEqual([]);
  });
});

describe('defaults', () => {
  it('checks a default that is the output: no transforms, or onInvalid "default"', () => {
    expect(field('score', { source: 's', default: 'zero' })).toEqual([
      ['default-type-mismatch', `${F}/score/default`],
    ]);
    expect(
      field('score', { source: 's', default: '0', transforms: [{ coerce: 'integer' }] }),
    ).toEqual([]);
    expect(
      field('score', {
        source: 's',
        default: '0',
        transforms: [{ coerce: 'integer', onInvalid: 'default' }],
      }),
    ).toEqual([['default-type-mismatch', `${F}/score/default`]]);
    expect(field('status', { source: 's', default: 'deleted' })).toEqual([
      ['default-type-mismatch', `${F}/status/default`],
    ]);
    expect(field('tags', { source: 's', default: 'a' })).toEqual([
      ['default-type-mismatch', `${F}/tags/default`],
    ]);
    expect(field('tags', { source: 's', default: ['a', 'b'] })).toEqual([]);
    expect(field('status', { source: 's', default: null })).toEqual([]);
  });

  it('requires a default for onInvalid "default", also in nested chains', () => {
    expect(
      field('score', {
        source: 's',
        transforms: [{ if: { op: 'exists' }, then: [{ coerce: 'integer', onInvalid: 'default' }] }],
      }),
    ).toEqual([['on-invalid-default-without-default', `${F}/score/transforms/0/then/0/onInvalid`]]);
  });
});

describe('connection config', () => {
  const config = (connectionConfig: unknown) => {
    const doc = integration();
    doc.integration.connectionConfig = connectionConfig;
    return findings(doc);
  };

  it('refuses x-secret where the connection store would not encrypt the value', () => {
    const secret = { type: 'string', 'x-secret': true };
    expect(
      config({
        type: 'object',
        properties: {
          apiKey: secret,
          oauth: { type: 'object', properties: { clientSecret: secret } },
        },
      }),
    ).toEqual([]);
    expect(
      config({
        type: 'object',
        properties: { keys: { type: 'array', items: secret }, token: { $ref: '#/$defs/token' } },
        $defs: { token: secret },
        allOf: [{ properties: { other: secret } }],
      }),
    ).toEqual([
      ['config-secret-misplaced', '/integration/connectionConfig/properties/keys/items/x-secret'],
      ['config-secret-misplaced', '/integration/connectionConfig/$defs/token/x-secret'],
      [
        'config-secret-misplaced',
        '/integration/connectionConfig/allOf/0/properties/other/x-secret',
      ],
    ]);
    expect(config({ type: 'object', properties: {}, 'x-secret': true })).toEqual([
      ['config-secret-misplaced', '/integration/connectionConfig/x-secret'],
    ]);
  });

  it('compiles its patterns on RE2, like the connection store', () => {
    expect(
      config({ type: 'object', properties: { host: { type: 'string', pattern: '^(?=x)' } } }),
    ).toEqual([['config-schema-invalid', '/integration/connectionConfig']]);
    expect(
      config({
        type: 'object',
        properties: {},
        patternProperties: { '^(a+)+$': { type: 'string' } },
      }),
    ).toEqual([]);
  });

  it('compiles it as a strict JSON Schema', () => {
    expect(config({ type: 'object', properties: { apiKey: { type: 'strin' } } })).toEqual([
      ['config-schema-invalid', '/integration/connectionConfig'],
    ]);
    expect(
      config({ type: 'object', properties: { apiKey: { type: 'string', minimum: 'x' } } }),
    ).toEqual([['config-schema-invalid', '/integration/connectionConfig']]);
    expect(
      config({ type: 'object', properties: { apiKey: { type: 'string', unknownKeyword: 1 } } }),
    ).toEqual([['config-schema-invalid', '/integration/connectionConfig']]);
    expect(
      config({
        type: 'object',
        properties: {
          apiKey: { type: 'string', format: 'uri', 'x-secret': true },
          region: { $ref: '#/$defs/r' },
        },
        $defs: { r: { enum: ['eu'] } },
        required: ['apiKey'],
      }),
    ).toEqual([]);
  });

  it('refuses every non-local $ref, however deep', () => {
    expect(
      config({
        type: 'object',
        properties: { a: { type: 'string' } },
        $defs: { x: { allOf: [{ $ref: 'other.json#/x' }] } },
      }),
    ).toEqual([['config-schema-remote-ref', '/integration/connectionConfig/$defs/x/allOf/0/$ref']]);
  });

  it('forgets each compiled config, so two manifests with the same $id do not clash', () => {
    const id = 'https://example.com/acme-config';
    expect(config({ $id: id, type: 'object', properties: { a: { type: 'string' } } })).toEqual([]);
    expect(config({ $id: id, type: 'object', properties: { b: { type: 'integer' } } })).toEqual([]);
    expect(config({ $id: id, type: 'object', properties: { b: { type: 'integr' } } })).toEqual([
      ['config-schema-invalid', '/integration/connectionConfig'],
    ]);
  });
});

describe('attribute validation rules', () => {
  const validation = (rules: unknown) => {
    const doc = integration();
    doc.entityTypes[0].attributes[1].validation = rules;
    return findings(doc);
  };
  it('compiles patterns on RE2 and compares bounds', () => {
    expect(validation({ pattern: '^\\p{L}+$', minimum: 1, maximum: 1 })).toEqual([]);
    expect(validation({ pattern: '\\p{Nope}' })).toEqual([
      ['invalid-regex', '/entityTypes/0/attributes/1/validation/pattern'],
    ]);
    // Valid for RegExp, but lookaround cannot run in linear time: refused, with the reason.
    const doc = integration();
    doc.entityTypes[0].attributes[1].validation = { pattern: '^(?!admin)' };
    const [finding] = validateManifest({
      file: 'm.json',
      text: JSON.stringify(doc, null, 2),
    }).findings;
    expect(finding).toMatchObject({
      rule: 'invalid-regex',
      message: expect.stringContaining('lookaround and backreferences are not supported'),
    });
    // Nested quantifiers are fine: RE2 has no catastrophic backtracking.
    expect(validation({ pattern: '^(?:[a-z0-9-]+\\.)+[a-z]{2,}$' })).toEqual([]);
    expect(validation({ minimum: 10, maximum: 1 })).toEqual([
      ['min-max', '/entityTypes/0/attributes/1/validation/minimum'],
    ]);
  });
});
