/**
 * The differential test (as Zod checks its compiled fast path against its interpreter):
 * on every fixture, the generated code, the closure engine and the reference interpreter
 * must produce exactly the same attributes, findings and compile-time warnings, in both
 * modes. Fixtures: the
 * mapping cases in testdata/, and every bundled manifest mapping over its payload fixtures.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EntityType, IntegrationManifest, ModelMapping } from '../manifest/types.js';
import { applyMapping, mapPayload } from './applyMapping.js';
import { compileMapping } from './compileMapping.js';
import { interpretMapping, interpretPayload } from './interpretMapping.js';
import { defaultPluginRegistry } from './plugins/index.js';

const plugins = defaultPluginRegistry();
const local = import.meta.glob<Omit<Case, 'name'>>('./testdata/*.json', {
  eager: true,
  import: 'default',
});
const manifests = import.meta.glob<IntegrationManifest>(
  '../../registry/integrations/*/manifest.json',
  { eager: true, import: 'default' },
);
const payloads = import.meta.glob<unknown>('../../test/fixtures/payloads/*/*.json', {
  eager: true,
  import: 'default',
});

interface Case {
  name: string;
  mapping: ModelMapping;
  entityType: EntityType;
  records: unknown[];
}

function localCases(): Case[] {
  return Object.entries(local).map(([file, data]) => ({ name: file.replace('./', ''), ...data }));
}

function bundledCases(): Case[] {
  const cases: Case[] = [];
  for (const [file, manifest] of Object.entries(manifests)) {
    const key = file.split('/').at(-2) ?? '';
    for (const mapping of manifest.mappings ?? []) {
      const entityType = manifest.entityTypes?.find((e) => e.key === mapping.entityType);
      const data = payloads[`../../test/fixtures/payloads/${key}/${mapping.model}.json`];
      if (!entityType || data === undefined) continue;
      cases.push({
        name: `${key}/${mapping.model}`,
        mapping,
        entityType,
        records: Array.isArray(data) ? data : [data],
      });
    }
  }
  return cases;
}

/** Plain objects for comparison (outputs have no prototype). */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null)) as unknown;
}

/**
 * The three engines on one record, both modes: the generated code (the default), the
 * closures alone (`codegen: false`, also what runs where code generation is disallowed)
 * and the reference interpreter must agree on every attribute, finding and warning.
 */
function expectSame(c: Case, record: unknown): void {
  const generated = compileMapping(c.mapping, c.entityType, { plugins });
  const closures = compileMapping(c.mapping, c.entityType, { plugins, codegen: false });
  // Without this the comparison would hold trivially (two closure engines).
  expect(generated.runFields).toBeDefined();
  expect(closures.runFields).toBeUndefined();
  for (const mode of ['strict', 'lenient'] as const) {
    const slow = interpretMapping(c.mapping, c.entityType, record, { mode, plugins });
    const slowAll = interpretPayload(c.mapping, c.entityType, record, { mode, plugins });
    for (const compiled of [generated, closures]) {
      const fast = applyMapping(compiled, record, { mode });
      expect(plain(fast.attributes)).toEqual(plain(slow.attributes));
      expect(fast.attributes).toStrictEqual(slow.attributes);
      // Same keys in the same order (JSON output is byte for byte the same).
      expect(JSON.stringify(fast.attributes)).toBe(JSON.stringify(slow.attributes));
      expect(fast.findings).toEqual(slow.findings);
      expect(fast.ok).toBe(slow.ok);
      expect(fast.skipped).toBe(slow.skipped);
      expect(fast.reason).toBe(slow.reason);
      expect([...compiled.warnings]).toEqual(slow.warnings);
      // A whole response: the list envelope's records, each as above.
      const fastAll = mapPayload(compiled, record, { mode });
      expect(fastAll.length).toBe(slowAll.length);
      fastAll.forEach((f, i) => {
        const s = slowAll[i];
        expect(plain(f.attributes)).toEqual(plain(s?.attributes));
        expect(f.findings).toEqual(s?.findings);
        expect([f.ok, f.skipped, f.reason]).toEqual([s?.ok, s?.skipped, s?.reason]);
      });
    }
  }
}

const cases = [...localCases(), ...bundledCases()];

describe('compiled engine equals the reference interpreter', () => {
  it('has fixtures to compare', () => {
    expect(localCases().length).toBeGreaterThanOrEqual(2);
  });

  for (const c of cases) {
    it(`${c.name}: every record, both modes`, () => {
      expect(c.records.length).toBeGreaterThan(0);
      c.records.forEach((record) => expectSame(c, record));
    });
  }

  // Keys drawn from the names the fixtures use (plus pollution keys), so random records
  // reach the mapped paths; values are arbitrary JSON.
  const keys = fc.constantFrom(
    'id',
    'info',
    'count',
    'when',
    'state',
    'name',
    'value',
    'headers',
    'items',
    'sku',
    'qty',
    'cents',
    'contact',
    'email',
    'person',
    'first',
    'last',
    'charge',
    'amount',
    'currency',
    'events',
    'type',
    'customer',
    'customer_id',
    'ticket',
    'tickets',
    '@removed',
    'object',
    'channel',
    'ts',
    'properties',
    'createdate',
    'hs_object_id',
    '__proto__',
    'constructor',
    'length',
    '0',
  );
  const { json } = fc.letrec((tie) => ({
    json: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      tie('leaf'),
      tie('array'),
      tie('object'),
    ),
    leaf: fc.oneof(
      fc.string(),
      fc.integer(),
      fc.constantFrom(2 ** 53, -(2 ** 53) - 2, 1e30, '9007199254740993', 'deleted', 'cus_1'),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom('2024-01-31', '1700000000', 'YES', 'Subject', 'To', 'open', ' a@b.co '),
    ),
    array: fc.array(tie('json'), { maxLength: 5 }),
    object: fc.dictionary(keys, tie('json'), { maxKeys: 6 }),
  }));

  for (const c of cases) {
    it(`${c.name}: random records`, () => {
      fc.assert(
        fc.property(json, (record) => expectSame(c, record)),
        { numRuns: 150 },
      );
    });
  }
});
