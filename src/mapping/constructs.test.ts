/**
 * The record-level constructs and the vendor shapes they exist for (issue classes 2, 3, 5,
 * 7, 8 and numbers beyond 2^53): what the engine yields, value by value. The differential
 * test checks the interpreter agrees on the same fixture.
 */
import { describe, expect, it } from 'vitest';
import type { EntityType, ModelMapping } from '../manifest/types.js';
import { applyMapping, mapPayload } from './applyMapping.js';
import { compileMapping } from './compileMapping.js';
import { defaultPluginRegistry } from './plugins/index.js';
import fixture from './testdata/constructs.json' with { type: 'json' };

const compiled = compileMapping(
  fixture.mapping as unknown as ModelMapping,
  fixture.entityType as unknown as EntityType,
  { plugins: defaultPluginRegistry() },
);
/** Fills the required template parts, so each case shows only its own finding. */
const parts = { channel: 'C1', ts: '1.2' };
const map = (record: unknown, mode: 'strict' | 'lenient' = 'lenient') => {
  const r = applyMapping(compiled, record, { mode });
  return { ...r, attributes: { ...r.attributes }, rules: r.findings.map((f) => f.rule) };
};

describe('mapping constructs', () => {
  it('compiles the fixture without warnings', () => {
    expect(compiled.warnings).toEqual([]);
  });

  it('idOf: an id string, or the id of the expanded object (Stripe expand[])', () => {
    expect(map({ id: 'a', customer: 'cus_9' }).attributes.customerId).toBe('cus_9');
    expect(map({ id: 'a', customer: { id: 'cus_9', object: 'customer' } }).attributes).toEqual({
      id: 'a',
      customerId: 'cus_9',
    });
    const noId = map({ ...parts, id: 'a', customer: { object: 'customer' } });
    expect([noId.ok, noId.rules]).toEqual([false, ['required-missing']]);
    const wrong = map({ ...parts, id: 'a', customer: ['cus_9'] });
    expect([wrong.ok, wrong.rules]).toEqual([false, ['id-expected']]);
  });

  it('source alternatives: the first that yields a value, in order', () => {
    const hubspot = map({
      id: null,
      customer_id: 42,
      properties: { hs_object_id: '512', createdate: '2024-01-31T10:00:00Z' },
    });
    expect(hubspot.attributes).toMatchObject({
      id: '512',
      customerId: 42,
      createdAt: '2024-01-31T10:00:00.000Z',
    });
    const top = map({ id: 'x', customer: 'c', createdAt: '2020-01-01', created: 1700000000 });
    expect(top.attributes.createdAt).toBe('2020-01-01T00:00:00.000Z');
    expect(map({ id: 'x', customer: 'c', created: 1700000000 }).attributes.createdAt).toBe(
      '2023-11-14T22:13:20.000Z',
    );
  });

  it('when: records that are not this model are skipped, not mapped', () => {
    const tombstone = map({ '@removed': { reason: 'deleted' }, id: 'AAMk' });
    expect(tombstone).toMatchObject({ ok: true, skipped: true, attributes: {}, findings: [] });
    expect(tombstone.reason).toBe('not this model: when[0] (@removed notExists) does not hold');
    const deleted = map({ object: 'deleted', id: 'cus_2', customer: 'x' });
    expect(deleted.reason).toBe(
      'not this model: when[1] (object notEquals "deleted") does not hold',
    );
    expect(map({ id: 'a', customer: 'c' }).skipped).toBeUndefined();
  });

  it('envelopes: a single envelope is unwrapped; a list envelope yields each record', () => {
    expect(map({ ticket: { id: 35436, customer: 'u_1' } }).attributes).toEqual({
      id: '35436',
      customerId: 'u_1',
    });
    const list = mapPayload(compiled, { tickets: [{ id: 1, customer: 'u' }, { id: 2 }] });
    expect(list.map((r) => [r.ok, { ...r.attributes }])).toEqual([
      [true, { id: '1', customerId: 'u' }],
      [false, { id: '2' }],
    ]);
    expect(mapPayload(compiled, { id: 'bare', customer: 'c' })).toHaveLength(1);
  });

  it('lenient mode never passes a record without its primary key or a required value', () => {
    const noKey = map({ customer: 'cus_1' });
    expect(noKey.ok).toBe(true); // the key is optional here and simply absent...
    const badKey = map({ ...parts, id: { nested: true }, customer: 'c' });
    expect([badKey.ok, badKey.rules]).toEqual([false, ['coerce-failed']]);
    const noRequired = map({ ...parts, id: 'a' });
    expect([noRequired.ok, noRequired.findings[0]?.severity]).toEqual([false, 'error']);
    // ...while an optional field's failure is still only a warning.
    const badOptional = map({ ...parts, id: 'a', customer: 'c', count: 'many' });
    expect([badOptional.ok, badOptional.findings[0]?.severity]).toEqual([true, 'warning']);
  });

  it('templates: a missing required part is a finding; optional parts may be missing', () => {
    const slack = map({ id: 'a', customer: 'c', ts: '1358877455.000010' });
    expect(slack.rules).toEqual(['template-incomplete']);
    expect(slack.attributes.label).toBeUndefined();
    expect(map({ id: 'a', customer: 'c', last: 'Lee' }).attributes.name).toBe('Lee');
    expect(map({ id: 'a', customer: 'c', channel: 'C1', ts: '1.2' }).attributes.label).toBe(
      'C1:1.2',
    );
  });

  it('numbers beyond 2^53 are findings, never rounded: coercions, number and reference', () => {
    const r = map({
      ...parts,
      id: 'a',
      customer: 'c',
      count: '9007199254740993',
      big: 1e30,
      ref: 2 ** 53,
    });
    expect(r.rules).toEqual(['coerce-failed', 'number-unsafe', 'number-unsafe']);
    expect(r.findings[0]?.message).toBe(
      'cannot coerce "9007199254740993" to integer: beyond 2^53 a number cannot be kept exact',
    );
    expect(r.attributes).toEqual({ id: 'a', customerId: 'c', label: 'C1:1.2' });
    expect(map({ ...parts, id: 'a', customer: 2 ** 53 + 2 }, 'lenient').rules).toEqual([
      'number-unsafe',
    ]);
    expect(map({ id: 'a', customer: 'c', ref: 9007199254740991 }).attributes.ref).toBe(
      9007199254740991,
    );
  });
});
