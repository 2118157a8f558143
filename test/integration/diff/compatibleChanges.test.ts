import { describe, expect, it } from 'vitest';
import { diffManifests, diffRegistries } from '../../../src/manifest/diff/index.js';
import type { ManifestChange } from '../../../src/manifest/diff/index.js';
import type { IntegrationManifest, Manifest } from '../../../src/manifest/types.js';
import { loadPair, loadSide } from './fixtureDiff.js';

const line = (c: ManifestChange): string => `${c.severity} ${c.rule} ${c.path}`;
const clone = <T>(value: T): T => structuredClone(value);
const acme = (): IntegrationManifest =>
  clone(loadSide('attribute-removed', 'base') as IntegrationManifest);
const contact = (m: Manifest) => m.entityTypes.find((e) => e.key === 'contact')!;

describe('compatible changes', () => {
  it('additions: entity type, optional attribute, optional config field, model, mappings, relationship, enum value', () => {
    const { base, head } = loadPair('compatible-additions');
    expect(diffManifests(base, head).map(line)).toEqual([
      'compatible model-added integration/models/deal',
      'compatible connection-config-field-added integration/connectionConfig/properties/timeout',
      'compatible field-mapping-added mappings/contact/fields/phone',
      'compatible model-mapping-added mappings/deal',
      'compatible attribute-added entityTypes/contact/attributes/phone',
      'compatible attribute-enum-value-added entityTypes/contact/attributes/status/enumValues',
      'compatible entity-type-added entityTypes/deal',
      'compatible relationship-added relationships/companyDeals',
    ]);
  });

  it('edits: descriptions and semantic metadata, made optional, transforms and sources of existing fields (listed)', () => {
    const { base, head } = loadPair('compatible-edits');
    const changes = diffManifests(base, head);
    expect(changes.map(line)).toEqual([
      'compatible metadata-changed description',
      'compatible metadata-changed version',
      'compatible field-mapping-changed mappings/company/fields/name',
      'compatible field-mapping-changed mappings/contact/fields/email',
      'compatible metadata-changed entityTypes/contact/semantic',
      'compatible metadata-changed entityTypes/contact/attributes/email/semantic',
      'compatible attribute-made-optional entityTypes/contact/attributes/id/required',
    ]);
    const email = changes.find((c) => c.path === 'mappings/contact/fields/email');
    expect(email?.reason).toMatch(/^The transforms of "email" changed/);
    expect(email).toMatchObject({
      area: 'mapping',
      kind: 'changed',
      before: { source: 'properties.email' },
    });
    expect(changes.find((c) => c.path === 'mappings/company/fields/name')?.reason).toMatch(
      /^The source of "name"/,
    );
  });

  it('an identical manifest has no changes, whatever its key order', () => {
    const a = acme();
    const b = JSON.parse(JSON.stringify(a, Object.keys(a).reverse())) as Manifest;
    expect(diffManifests(a, clone(a))).toEqual([]);
    expect(diffManifests(a, { ...b, ...a })).toEqual([]);
  });

  it('other settings are listed as compatible with a reason (authKinds, validation rules, unknown header fields)', () => {
    const a = acme();
    const b = acme();
    b.integration.authKinds = ['oauth2'];
    contact(b).attributes.find((x) => x.key === 'email')!.validation = {
      format: 'email',
      maxLength: 254,
    };
    b.$schema = '../../../schemas/integration-manifest.schema.json';
    expect(diffManifests(a, b).map(line)).toEqual([
      'compatible integration-changed integration/authKinds',
      'compatible attribute-changed entityTypes/contact/attributes/email/validation',
      'compatible metadata-changed $schema',
    ]);
  });
});

describe('renames', () => {
  it('an attribute renamed and made required is one rename plus the change, under the new key', () => {
    const a = acme();
    const b = acme();
    const nickname = contact(b).attributes.find((x) => x.key === 'nickname')!;
    Object.assign(nickname, { key: 'alias', displayName: 'Alias', required: true });
    expect(diffManifests(a, b).map(line)).toEqual([
      'breaking attribute-renamed entityTypes/contact/attributes/alias',
      'compatible metadata-changed entityTypes/contact/attributes/alias/displayName',
      'breaking attribute-made-required entityTypes/contact/attributes/alias/required',
    ]);
  });

  it('a removed and an added attribute of another type are no rename', () => {
    const a = acme();
    const b = acme();
    const nickname = contact(b).attributes.find((x) => x.key === 'nickname')!;
    Object.assign(nickname, { key: 'age', dataType: 'integer' });
    expect(diffManifests(a, b).map(line)).toEqual([
      'compatible attribute-added entityTypes/contact/attributes/age',
      'breaking attribute-removed entityTypes/contact/attributes/nickname',
    ]);
  });

  it('a manifest moved to another key with small edits is renamed; an unrelated one is removed + added', () => {
    const a = acme();
    const moved = { ...acme(), key: 'acme-crm', name: 'Acme', description: 'Moved.' } as Manifest;
    const other = clone(loadSide('compatible-additions', 'head') as Manifest);
    Object.assign(other, {
      key: 'zeta',
      entityTypes: other.entityTypes.slice(3),
      relationships: [],
      mappings: [],
    });
    (other as IntegrationManifest).integration.models = [{ key: 'deal', entityType: 'deal' }];
    const base = new Map<string, Manifest>([['integrations/acme/manifest.json', a]]);
    const head = new Map<string, Manifest>([
      ['integrations/zeta/manifest.json', other],
      ['integrations/acme-crm/manifest.json', moved],
    ]);
    expect(diffRegistries(base, head).map((c) => `${c.manifest.key} ${line(c)}`)).toEqual([
      'acme-crm breaking manifest-renamed ',
      'acme-crm compatible metadata-changed name',
      'acme-crm compatible metadata-changed description',
      'zeta compatible manifest-added ',
    ]);
  });

  it('diffRegistries is deterministic: map insertion order does not matter', () => {
    const pairs = ['entity-type-removed', 'compatible-additions', 'relationship-removed'].map(
      (name) => loadPair(name),
    );
    const keyed = (side: 'base' | 'head', order: number[]) =>
      new Map(
        order.map((i) => {
          const m = clone(pairs[i]![side]!);
          m.key = `m${i}`;
          return [`integrations/m${i}/manifest.json`, m] as const;
        }),
      );
    const forward = diffRegistries(keyed('base', [0, 1, 2]), keyed('head', [0, 1, 2]));
    const backward = diffRegistries(keyed('base', [2, 1, 0]), keyed('head', [1, 2, 0]));
    expect(backward).toEqual(forward);
    expect(forward.map((c) => c.manifest.key)).toEqual(
      [...forward.map((c) => c.manifest.key)].sort(),
    );
  });
});
