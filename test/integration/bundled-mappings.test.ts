/**
 * Every bundled integration mapping against its payload fixtures: for each
 * `test/fixtures/payloads/<integration>/<model>.json` with a `<model>.expected.json` beside
 * it, the records are mapped with `registry/integrations/<integration>/manifest.json`
 * (validated first, as the sync does) in strict mode: every record must map with no
 * finding at all, to exactly the expected attributes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateManifest } from '../../src/manifest/validateManifest.js';
import { applyMapping } from '../../src/mapping/applyMapping.js';
import { compileMapping } from '../../src/mapping/compileMapping.js';
import { findModelMapping } from '../../src/mapping/findModelMapping.js';
import { defaultPluginRegistry } from '../../src/mapping/plugins/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const payloads = join(root, 'test', 'fixtures', 'payloads');
const plugins = defaultPluginRegistry();

interface FixtureCase {
  integration: string;
  model: string;
  input: string;
  expected: string;
}

function cases(): FixtureCase[] {
  if (!existsSync(payloads)) return [];
  const out: FixtureCase[] = [];
  for (const entry of readdirSync(payloads, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : 1,
  )) {
    if (!entry.isDirectory()) continue; // README.md and the like
    const integration = entry.name;
    const folder = join(payloads, integration);
    for (const file of readdirSync(folder).sort()) {
      if (!file.endsWith('.expected.json')) continue;
      const model = file.slice(0, -'.expected.json'.length);
      const input = join(folder, `${model}.json`);
      if (existsSync(input)) out.push({ integration, model, input, expected: join(folder, file) });
    }
  }
  return out;
}

const all = cases();

describe('bundled mappings reproduce their expected payload fixtures', () => {
  it('finds fixtures', () => {
    expect(all.length).toBeGreaterThan(0);
  });

  for (const c of all) {
    it(`${c.integration}/${c.model}`, () => {
      const file = join(root, 'registry', 'integrations', c.integration, 'manifest.json');
      const validated = validateManifest(
        { file: `integrations/${c.integration}/manifest.json`, text: readFileSync(file, 'utf8') },
        {
          plugins: new Map(
            plugins.names().map((name) => [name, { output: plugins.get(name)?.output ?? 'any' }]),
          ),
        },
      );
      expect(validated.success ? [] : validated.findings).toEqual([]);
      if (!validated.success || validated.manifest.kind !== 'integration') return;
      const found = findModelMapping(validated.manifest, c.model);
      expect(found.ok ? '' : found.message).toBe('');
      if (!found.ok) return;
      const compiled = compileMapping(found.mapping, found.entityType, { plugins });
      expect(compiled.warnings).toEqual([]);
      const input = JSON.parse(readFileSync(c.input, 'utf8')) as unknown;
      const expected = JSON.parse(readFileSync(c.expected, 'utf8')) as unknown;
      const records = Array.isArray(input) ? input : [input];
      const expectations = Array.isArray(expected) ? expected : [expected];
      expect(records.length).toBe(expectations.length);
      records.forEach((record, i) => {
        const result = applyMapping(compiled, record, { mode: 'strict' });
        expect({
          record: i,
          ok: result.ok,
          findings: result.findings,
          attributes: JSON.parse(JSON.stringify(result.attributes)) as unknown,
        }).toEqual({
          record: i,
          ok: true,
          findings: [],
          attributes: expectations[i],
        });
      });
    });
  }
});
