/**
 * The vendor corpus (test/fixtures/vendor/<integration>/): payloads as the vendors publish
 * them, each mapped with the bundled manifest's model mapping in strict and in lenient mode
 * and held to the reviewed expectation beside it (`<name>.expected.json`: the model, and per
 * record its `ok`, attributes and finding rules, or `skipped`). Provenance: each folder's
 * README.md.
 */
import { describe, expect, it } from 'vitest';
import type { IntegrationManifest } from '../manifest/types.js';
import { mapPayload } from './applyMapping.js';
import { compileMapping } from './compileMapping.js';
import { interpretPayload } from './interpretMapping.js';
import { defaultPluginRegistry } from './plugins/index.js';

interface Expected {
  model: string;
  records: Array<
    { skipped: true } | { ok: boolean; attributes: Record<string, unknown>; findings?: string[] }
  >;
}

const plugins = defaultPluginRegistry();
const manifests = import.meta.glob<IntegrationManifest>(
  '../../registry/integrations/*/manifest.json',
  { eager: true, import: 'default' },
);
const payloads = import.meta.glob<unknown>('../../test/fixtures/vendor/*/*.payload.json', {
  eager: true,
  import: 'default',
});
const expectations = import.meta.glob<Expected>('../../test/fixtures/vendor/*/*.expected.json', {
  eager: true,
  import: 'default',
});
const readmes = import.meta.glob<string>('../../test/fixtures/vendor/*/README.md', {
  eager: true,
  query: '?raw',
  import: 'default',
});

const plain = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

describe('vendor corpus', () => {
  const files = Object.keys(payloads);
  it('has payloads, each with an expectation and a provenance entry', () => {
    expect(files.length).toBeGreaterThanOrEqual(58);
    for (const file of files) {
      const expected = file.replace('.payload.json', '.expected.json');
      expect(expectations[expected], expected).toBeDefined();
      const folder = file.split('/').slice(0, -1).join('/');
      const name = file.split('/').at(-1) ?? '';
      expect(readmes[`${folder}/README.md`], `${folder}/README.md`).toContain(name);
    }
  });

  it('has a folder with a README for every bundled integration (provenance, or why none)', () => {
    for (const manifestFile of Object.keys(manifests)) {
      const key = manifestFile.split('/').at(-2);
      expect(readmes[`../../test/fixtures/vendor/${key}/README.md`], key).toBeTruthy();
    }
  });

  for (const file of files) {
    const [integration, name] = file.split('/').slice(-2);
    it(`${integration}/${name}: strict and lenient`, () => {
      const expected = expectations[file.replace('.payload.json', '.expected.json')] as Expected;
      const manifest = manifests[`../../registry/integrations/${integration}/manifest.json`];
      const mapping = manifest?.mappings?.find((m) => m.model === expected.model);
      const entityType = manifest?.entityTypes.find((e) => e.key === mapping?.entityType);
      if (!mapping || !entityType)
        throw new Error(`no mapping ${expected.model} in ${integration}`);
      const compiled = compileMapping(mapping, entityType, { plugins });
      expect(compiled.warnings).toEqual([]);
      for (const mode of ['strict', 'lenient'] as const) {
        const results = mapPayload(compiled, payloads[file], { mode });
        const oracle = interpretPayload(mapping, entityType, payloads[file], { mode, plugins });
        expect(results.map((r) => plain(r))).toEqual(
          oracle.map(({ warnings: _, ...r }) => plain(r)),
        );
        expect(results).toHaveLength(expected.records.length);
        results.forEach((result, i) => {
          const want = expected.records[i];
          if (!want || 'skipped' in want) {
            expect(result.skipped, `${name} record ${i} skipped`).toBe(true);
            return;
          }
          expect(result.skipped).toBeUndefined();
          expect(plain(result.attributes)).toEqual(want.attributes);
          expect(result.findings.map((f) => f.rule)).toEqual(want.findings ?? []);
          // A failure on the key or a required attribute fails lenient records too.
          if (mode === 'strict' || !want.ok) expect(result.ok).toBe(want.ok);
          else expect(result.ok).toBe(true);
        });
      }
    });
  }
});
