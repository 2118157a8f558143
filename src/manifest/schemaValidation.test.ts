import { describe, expect, it } from 'vitest';
import { validateAgainstSchema } from './schemaValidation.js';
import { smallIntegration } from './testing/smallIntegration.js';

const integration = () => smallIntegration();

const transformIssues = (transform: unknown) => {
  const doc = integration();
  doc.mappings[0]!.fields.id = { source: 'id', transforms: [transform] };
  return validateAgainstSchema(doc, 'integration');
};

describe('validateAgainstSchema', () => {
  it('accepts a valid manifest', () => {
    expect(validateAgainstSchema(integration(), 'integration')).toEqual([]);
  });

  it('names the missing property and points below its parent', () => {
    const doc: Record<string, unknown> = integration();
    delete doc.name;
    expect(validateAgainstSchema(doc, 'integration')).toEqual([
      {
        rule: 'schema/required',
        pointer: '/name',
        at: 'value',
        message: 'Missing required property "name" in the manifest; add it.',
      },
    ]);
  });

  it('names keyed items by their key', () => {
    const doc = integration();
    doc.entityTypes[0]!.attributes.push({ key: 'stage', dataType: 'enum' });
    doc.integration.models[0] = { key: 'm' } as never;
    expect(validateAgainstSchema(doc, 'integration').map((i) => i.message)).toEqual([
      'Missing required property "enumValues" in attribute "stage"; add it.',
      'Missing required property "entityType" in model "m"; add it.',
    ]);
  });

  it('explains a malformed URI', () => {
    const doc = integration();
    (doc.integration as Record<string, unknown>).docsUrl = 'https//example.com';
    expect(validateAgainstSchema(doc, 'integration').map((i) => [i.rule, i.message])).toEqual([
      ['schema/pattern', '"docsUrl" is "https//example.com"; it must be an https:// address.'],
      [
        'schema/format',
        '"docsUrl" is "https//example.com", which is not a valid uri; write a complete address such as "https://example.com/docs".',
      ],
    ]);
  });

  it('points an extra property at itself and lists the allowed ones', () => {
    const doc = integration();
    (doc.entityTypes[0]!.attributes[0] as Record<string, unknown>).nullable = true;
    const [issue, ...rest] = validateAgainstSchema(doc, 'integration');
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({
      rule: 'schema/additionalProperties',
      pointer: '/entityTypes/0/attributes/0/nullable',
      at: 'key',
    });
    expect(issue?.message).toContain('"nullable" is not allowed');
    expect(issue?.message).toContain('Allowed here: key, displayName, dataType, list, required');
  });

  it('lists the allowed values of an enum', () => {
    const doc = integration();
    doc.integration.category = 'crm';
    expect(validateAgainstSchema(doc, 'integration')).toEqual([
      {
        rule: 'schema/enum',
        pointer: '/integration/category',
        at: 'value',
        message:
          '"category" is "crm", which is not allowed; use one of: "data-source", "notification-channel".',
      },
    ]);
  });

  it('drops the "if" wrapper errors and keeps the branch detail', () => {
    const issues = transformIssues({ coerce: 'datetime', form: 'iso' });
    expect(issues.map((i) => [i.rule, i.pointer])).toEqual([
      ['schema/additionalProperties', '/mappings/0/fields/id/transforms/0/form'],
    ]);
  });

  it('summarises a transform with no kind key as one oneOf issue', () => {
    const issues = transformIssues({ valuemap: { a: 'b' } });
    expect(issues.map((i) => i.rule)).toEqual(['schema/oneOf']);
    expect(issues[0]?.message).toMatch(
      /^A transform needs exactly one of "coerce", "valueMap", .*none is present/,
    );
  });

  it('for two kind keys, reports the conflict once, not each branch complaining about the other', () => {
    const issues = transformIssues({ coerce: 'string', split: ',' });
    expect(issues).toEqual([
      {
        rule: 'schema/oneOf',
        pointer: '/mappings/0/fields/id/transforms/0',
        at: 'value',
        message: expect.stringContaining('but has "coerce" and "split"') as unknown as string,
      },
    ]);
  });

  it('prefers the errors of the branch whose key is present', () => {
    const issues = transformIssues({ select: { where: { op: 'equals' }, pick: 'value' } });
    expect(issues.map((i) => [i.rule, i.pointer])).toEqual([
      ['schema/required', '/mappings/0/fields/id/transforms/0/select/where/value'],
    ]);
  });

  it('reports a field mapping with two origins', () => {
    const doc = integration();
    doc.mappings[0]!.fields.id = { source: 'id', template: '{id}' };
    const issues = validateAgainstSchema(doc, 'integration');
    expect(issues.map((i) => i.message)).toEqual([
      'A field mapping takes exactly one of "source", "concat", "template", "const", but has "source" and "template"; keep only one.',
    ]);
  });

  it('reports a malformed key once, at the key', () => {
    const doc = integration();
    doc.mappings[0]!.fields = { 'first-name': { source: 'a' } };
    const issues = validateAgainstSchema(doc, 'integration');
    expect(issues.map((i) => [i.rule, i.pointer, i.at])).toEqual([
      ['schema/propertyNames', '/mappings/0/fields/first-name', 'key'],
    ]);
  });

  it('explains patterns and reserved names in words', () => {
    const doc = integration();
    doc.key = 'Acme_CRM';
    doc.entityTypes[0]!.key = 'constructor';
    const messages = validateAgainstSchema(doc, 'integration').map((i) => i.message);
    expect(messages).toContain(
      '"key" is "Acme_CRM"; it must be lowercase letters and digits, words separated by single dashes (e.g. "hub-spot").',
    );
    expect(messages).toContain('"key" is "constructor", a reserved name; choose another key.');
  });

  it('validates templates with their own schema', () => {
    const template = {
      manifestVersion: '1.0',
      kind: 'template',
      key: 'retail',
      name: 'Retail',
      description: 'x',
      businessType: 'retail',
      entityTypes: [
        { key: 'c', displayName: 'C', attributes: [{ key: 'id', dataType: 'string' }] },
      ],
      mappings: [],
    };
    expect(validateAgainstSchema(template, 'template').map((i) => [i.rule, i.pointer])).toEqual([
      ['schema/unevaluatedProperties', '/mappings'],
    ]);
  });

  it('never fetches a remote $ref: the document is data, not a schema', () => {
    const doc = integration();
    doc.integration.connectionConfig = {
      type: 'object',
      properties: { a: { $ref: 'https://example.com/x.json' } },
    } as never;
    expect(validateAgainstSchema(doc, 'integration')).toEqual([]);
  });
});
