import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BREAKING_RULES, diffManifests, diffRegistries } from '../../../src/manifest/diff/index.js';
import type { DiffRuleId, ManifestChange } from '../../../src/manifest/diff/index.js';
import type { Manifest } from '../../../src/manifest/types.js';
import { FIXTURES, loadPair } from './fixtureDiff.js';

const ET = 'entityTypes/contact/attributes';
const CFG = 'integration/connectionConfig/properties';

/**
 * One fixture pair per breaking class, named after its rule: the diff holds exactly this
 * breaking change at this path (and only the compatible companions listed).
 */
const TABLE: Array<{
  rule: DiffRuleId;
  path: string;
  before?: unknown;
  after?: unknown;
  also?: string[];
}> = [
  { rule: 'manifest-removed', path: '', before: 'acme' },
  { rule: 'manifest-renamed', path: '', before: 'acme', after: 'acme-crm' },
  {
    rule: 'integration-category-changed',
    path: 'integration/category',
    before: 'data-source',
    after: 'notification-channel',
  },
  {
    rule: 'integration-provider-changed',
    path: 'integration/provider',
    before: 'acme',
    after: 'acme-legacy',
  },
  { rule: 'entity-type-removed', path: 'entityTypes/tag' },
  {
    rule: 'entity-type-renamed',
    path: 'entityTypes/topic',
    before: 'tag',
    after: 'topic',
    also: ['metadata-changed entityTypes/topic/displayName'],
  },
  { rule: 'attribute-removed', path: `${ET}/nickname` },
  { rule: 'attribute-renamed', path: `${ET}/alias`, before: 'nickname', after: 'alias' },
  { rule: 'attribute-retyped', path: `${ET}/score`, before: 'number', after: 'string' },
  { rule: 'attribute-enum-value-removed', path: `${ET}/status/enumValues`, before: ['archived'] },
  {
    rule: 'attribute-references-changed',
    path: `${ET}/pinnedNoteId/references`,
    before: 'note',
    after: 'company',
  },
  { rule: 'attribute-made-required', path: `${ET}/email/required`, before: false, after: true },
  { rule: 'attribute-required-added', path: 'entityTypes/company/attributes/domain' },
  { rule: 'connection-config-required-field-added', path: `${CFG}/accountId` },
  {
    rule: 'connection-config-field-made-required',
    path: `${CFG}/region/required`,
    before: false,
    after: true,
  },
  { rule: 'connection-config-field-removed', path: `${CFG}/region` },
  { rule: 'connection-config-field-retyped', path: `${CFG}/region` },
  {
    rule: 'config-field-moved-to-operator-settings',
    path: 'integration/operatorSettings/properties/region',
  },
  {
    rule: 'operator-setting-moved-to-connection-config',
    path: 'integration/operatorSettings/properties/region',
  },
  {
    rule: 'operator-setting-required-added',
    path: 'integration/operatorSettings/properties/webhookSecret',
  },
  { rule: 'verification-added', path: 'integration/verification' },
  { rule: 'model-removed', path: 'integration/models/noteEvent' },
  { rule: 'model-mapping-removed', path: 'mappings/note' },
  { rule: 'field-mapping-removed', path: 'mappings/contact/fields/email' },
  { rule: 'relationship-removed', path: 'relationships/companyNotes' },
  {
    rule: 'relationship-cardinality-changed',
    path: 'relationships/companyNotes/cardinality',
    before: 'one-to-many',
    after: 'many-to-many',
  },
  { rule: 'relationship-endpoints-changed', path: 'relationships/companyNotes' },
];

const line = (c: ManifestChange): string => `${c.rule} ${c.path}`;

/** Renames of whole manifests are found by diffRegistries (paths differ), the rest per manifest. */
function diffFixture(name: string): ManifestChange[] {
  const { base, head } = loadPair(name);
  if (name !== 'manifest-renamed') return diffManifests(base, head);
  const at = (m: Manifest | undefined) =>
    new Map(m ? [[`integrations/${m.key}/manifest.json`, m]] : []);
  return diffRegistries(at(base), at(head));
}

describe('breaking classes (test/fixtures/diff/<rule>/{base,head}.json)', () => {
  it('has a fixture pair and a table row for every breaking rule', () => {
    const folders = new Set(readdirSync(FIXTURES));
    expect(TABLE.map((t) => t.rule).sort()).toEqual([...BREAKING_RULES].sort());
    for (const rule of BREAKING_RULES) expect(folders.has(rule), rule).toBe(true);
  });

  it.each(TABLE)('$rule', ({ rule, path, before, after, also = [] }) => {
    const changes = diffFixture(rule);
    const breaking = changes.filter((c) => c.severity === 'breaking');
    expect(breaking.map(line)).toEqual([`${rule} ${path}`]);
    expect(changes.filter((c) => c.severity === 'compatible').map(line)).toEqual(also);
    const [change] = breaking;
    expect(change).toMatchObject({
      rule,
      severity: 'breaking',
      path,
      manifest: { kind: 'integration' },
    });
    if (before !== undefined) expect(change?.before).toEqual(before);
    if (after !== undefined) expect(change?.after).toEqual(after);
    expect(change?.reason.length).toBeGreaterThan(20);
  });

  it('the reverse of every breaking fixture is never an error and is deterministic', () => {
    for (const { rule } of TABLE) {
      const { base, head } = loadPair(rule);
      expect(diffManifests(head, base)).toEqual(diffManifests(head, base));
    }
  });
});
