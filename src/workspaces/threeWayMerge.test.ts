import { describe, expect, it } from 'vitest';
import type { TemplateManifest } from '../manifest/types.js';
import {
  applyTemplateChanges,
  compareTemplate,
  copyEntityType,
  resolveConflicts,
} from './threeWayMerge.js';
import type { WorkspaceModel } from './WorkspaceModel.js';

const template = (
  attributes: TemplateManifest['entityTypes'][number]['attributes'],
): TemplateManifest => ({
  manifestVersion: '1.0',
  kind: 'template',
  key: 'shop',
  name: 'Shop',
  description: 'A shop',
  businessType: 'shop',
  entityTypes: [{ key: 'order', displayName: 'Order', attributes }],
});

const install = (doc: TemplateManifest): WorkspaceModel => ({
  entityTypes: doc.entityTypes.map((et) => copyEntityType(et, { kind: 'template', key: doc.key })),
  relationships: [],
});

describe('three-way template comparison', () => {
  const base = template([
    { key: 'id', dataType: 'string' },
    { key: 'total', dataType: 'integer' },
    { key: 'note', dataType: 'string' },
  ]);

  it('applies what the workspace left alone, keeps its edits, and reports both-changed as a conflict', () => {
    const ours = install(base);
    const order = ours.entityTypes[0]!;
    order.attributes.find((a) => a.key === 'total')!.dataType = 'number'; // ours retypes
    order.attributes.push({ key: 'mine', dataType: 'string', source: 'RUNTIME', readonly: false });
    const theirs = template([
      { key: 'id', dataType: 'string', required: true }, // upstream only
      { key: 'total', dataType: 'integer', validation: { minimum: 0 } }, // both
      { key: 'placedAt', dataType: 'datetime' }, // upstream adds
    ]); // upstream removes note

    const changes = compareTemplate({ base, theirs, ours });
    expect(changes.map((c) => [c.key, c.change, c.status])).toEqual([
      ['id', 'changed', 'applicable'],
      ['total', 'changed', 'conflict'],
      ['note', 'removed', 'applicable'],
      ['placedAt', 'added', 'applicable'],
    ]);
    const { model, nextBase } = applyTemplateChanges({ base, theirs, ours, changes });
    expect(
      model.entityTypes[0]!.attributes.map((a) => [a.key, a.dataType, a.required ?? false]),
    ).toEqual([
      ['id', 'string', true],
      ['total', 'number', false],
      ['placedAt', 'datetime', false],
      ['mine', 'string', false],
    ]);
    // The next comparison from the new base shows the unresolved conflict again, and nothing else.
    const next = compareTemplate({ base: nextBase, theirs, ours: model });
    expect(next.map((c) => [c.key, c.status])).toEqual([['total', 'conflict']]);
  });

  it('reports an upstream change to an attribute the workspace removed as a conflict', () => {
    const ours = install(base);
    ours.entityTypes[0]!.attributes = ours.entityTypes[0]!.attributes.filter(
      (a) => a.key !== 'note',
    );
    const theirs = template([
      { key: 'id', dataType: 'string' },
      { key: 'total', dataType: 'integer' },
      { key: 'note', dataType: 'string', displayName: 'Note' },
    ]);
    const [change] = compareTemplate({ base, theirs, ours });
    expect(change).toMatchObject({
      key: 'note',
      change: 'changed',
      status: 'conflict',
      reason: expect.stringContaining('removed'),
    });
  });

  it('sees an upstream change the workspace already made as already applied', () => {
    const ours = install(base);
    ours.entityTypes[0]!.attributes[1]!.dataType = 'number';
    const theirs = template([
      { key: 'id', dataType: 'string' },
      { key: 'total', dataType: 'number' },
      { key: 'note', dataType: 'string' },
    ]);
    expect(compareTemplate({ base, theirs, ours }).map((c) => c.status)).toEqual([
      'alreadyApplied',
    ]);
  });
});

describe('settling conflicts', () => {
  const base = template([
    { key: 'id', dataType: 'string' },
    { key: 'total', dataType: 'integer' },
    { key: 'note', dataType: 'string' },
  ]);
  const theirs = template([
    { key: 'id', dataType: 'string' },
    { key: 'total', dataType: 'integer', validation: { minimum: 0 } },
    { key: 'note', dataType: 'string', validation: { maxLength: 500 } },
  ]);
  const oursWithEdits = () => {
    const ours = install(base);
    const order = ours.entityTypes[0]!;
    order.attributes.find((a) => a.key === 'total')!.dataType = 'number';
    order.attributes.splice(2, 1); // the workspace removed "note", which upstream changed
    return ours;
  };
  const at = (key: string) => ({ element: 'attribute' as const, entityType: 'order', key });

  it('keeps ours, re-adds theirs where the workspace removed it, and reports neither again', () => {
    const ours = oursWithEdits();
    const changes = compareTemplate({ base, theirs, ours });
    expect(changes.map((c) => [c.key, c.status])).toEqual([
      ['total', 'conflict'],
      ['note', 'conflict'],
    ]);
    const outcome = resolveConflicts({
      theirs,
      ours,
      changes,
      resolutions: [
        { ...at('total'), take: 'ours' },
        { ...at('note'), take: 'theirs' },
      ],
    });
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.resolved.map((c) => [c.key, c.resolution])).toEqual([
      ['total', 'ours'],
      ['note', 'theirs'],
    ]);
    const { model, nextBase } = applyTemplateChanges({
      base,
      theirs,
      ours: outcome.model,
      changes: outcome.changes,
    });
    expect(model.entityTypes[0]!.attributes.map((a) => [a.key, a.dataType, a.validation])).toEqual([
      ['id', 'string', undefined],
      ['total', 'number', undefined],
      ['note', 'string', { maxLength: 500 }],
    ]);
    expect(compareTemplate({ base: nextBase, theirs, ours: model })).toEqual([]);
    // The caller's model is not touched.
    expect(ours.entityTypes[0]!.attributes).toHaveLength(2);
  });

  it('refuses a choice that matches no conflict, and theirs for an entity type', () => {
    const ours = oursWithEdits();
    const changes = compareTemplate({ base, theirs, ours });
    expect(
      resolveConflicts({ theirs, ours, changes, resolutions: [{ ...at('id'), take: 'ours' }] }),
    ).toEqual({
      ok: false,
      index: 0,
      message: 'there is no conflict on attribute "order.id" to resolve',
    });
    const typeConflict = [
      { ...changes[0]!, element: 'entityType' as const, key: 'order', entityType: undefined },
    ];
    const refused = resolveConflicts({
      theirs,
      ours,
      changes: typeConflict,
      resolutions: [{ element: 'entityType', key: 'order', take: 'theirs' }],
    });
    expect(refused).toMatchObject({
      ok: false,
      index: 0,
      message: expect.stringContaining('take "ours"'),
    });
  });
});
