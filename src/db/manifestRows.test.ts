import { describe, expect, it } from 'vitest';
import type { IntegrationManifest, TemplateManifest } from '../manifest/types.js';
import { kindAndKeyOfPath } from '../manifest/registryLayout.js';
import { manifestRows } from './manifestRows.js';

const base = { manifestVersion: '1.0' as const, name: 'N', description: 'D' };
const entityTypes = [
  { key: 'a', displayName: 'A', attributes: [{ key: 'id', dataType: 'string' as const }] },
  {
    key: 'b',
    displayName: 'B',
    readonly: true,
    attributes: [
      { key: 'id', dataType: 'string' as const },
      { key: 'n', dataType: 'number' as const, list: true },
    ],
  },
];
const tpl: TemplateManifest = {
  ...base,
  kind: 'template',
  key: 't',
  businessType: 'x',
  entityTypes,
};
const int: IntegrationManifest = {
  ...base,
  kind: 'integration',
  key: 'i',
  integration: {
    provider: 'p',
    category: 'data-source',
    syncDirection: 'inbound',
    authKinds: ['none'],
    models: [],
    connectionConfig: { type: 'object', properties: {} },
  },
  entityTypes: [{ ...entityTypes[0]!, readonly: false }],
};

function rows(manifest: IntegrationManifest | TemplateManifest) {
  let n = 0;
  return manifestRows({
    valid: { path: 'p', manifest, checksum: 'sha256:x' },
    revision: 'r',
    definitionId: 'D',
    newId: () => `id${n++}`,
  });
}

describe('manifestRows', () => {
  it('links attributes to their entity type ids and keeps manifest order', () => {
    const r = rows(tpl);
    expect(r.entityTypes.map((e) => [e.id, e.key, e.position, e.definition])).toEqual([
      ['id0', 'a', 0, 'D'],
      ['id2', 'b', 1, 'D'],
    ]);
    expect(r.attributes.map((a) => [a.entityType, a.key, a.position, a.list])).toEqual([
      ['id0', 'id', 0, false],
      ['id2', 'id', 0, false],
      ['id2', 'n', 1, true],
    ]);
    expect(r.definition).toMatchObject({
      kind: 'template',
      category: null,
      provider: null,
      tags: [],
      readonly: true,
      checksum: 'sha256:x',
      revision: 'r',
    });
    expect(r.mappings).toEqual([]);
  });

  it('makes integration entity types readonly whatever they say, template ones only when they say so', () => {
    expect(rows(int).entityTypes.map((e) => e.readonly)).toEqual([true]);
    expect(rows(int).attributes.map((a) => a.readonly)).toEqual([true]);
    expect(rows(tpl).entityTypes.map((e) => e.readonly)).toEqual([false, true]);
  });
});

describe('kindAndKeyOfPath', () => {
  it('reads registry paths and refuses others', () => {
    expect(kindAndKeyOfPath('integrations/hubspot/manifest.json')).toEqual({
      kind: 'integration',
      key: 'hubspot',
    });
    expect(kindAndKeyOfPath('templates/retail/manifest.json')).toEqual({
      kind: 'template',
      key: 'retail',
    });
    expect(kindAndKeyOfPath('other/x/manifest.json')).toBeUndefined();
    expect(kindAndKeyOfPath('integrations/a/b/manifest.json')).toBeUndefined();
  });
});
