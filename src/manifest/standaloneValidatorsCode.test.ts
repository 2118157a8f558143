/**
 * A differential test of the build's precompiled manifest validators (ajv standalone code)
 * against the validators ajv compiles at run time: on every manifest the repository holds
 * (the bundled registry, the valid and invalid fixtures) and on damaged copies of them, both
 * must report the same errors in the same order, so `regsync validate` from a build prints
 * byte for byte what it prints from the sources.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadManifestSchemas } from './loadManifestSchemas.js';
import { manifestSchemasChecksum } from './manifestSchemaAjv.js';
import type { PrecompiledManifestValidators } from './precompiledValidators.js';
import { selectManifestValidators } from './schemaValidation.js';
import { standaloneValidatorsCode } from './standaloneValidatorsCode.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;
let precompiled: PrecompiledManifestValidators;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'regsync-standalone-'));
  const file = join(dir, 'precompiledValidators.js');
  // ajv's runtime helpers resolve from this checkout, as they would from dist/src/manifest/.
  await writeFile(file, standaloneValidatorsCode({ requireFrom: import.meta.url }));
  ({ precompiledManifestValidators: precompiled } = (await import(pathToFileURL(file).href)) as {
    precompiledManifestValidators: PrecompiledManifestValidators;
  });
});

afterAll(() => rm(dir, { recursive: true, force: true }));

/** Every manifest.json under the bundled registry and the test fixtures, parsed (JSON syntax errors skipped). */
async function repositoryManifests(): Promise<Array<{ file: string; doc: unknown }>> {
  const out: Array<{ file: string; doc: unknown }> = [];
  for (const folder of ['registry', 'test/fixtures', 'examples']) {
    const entries = await readdir(join(root, folder), { recursive: true }).catch(() => []);
    for (const rel of entries.filter((e) => e.endsWith('manifest.json')).sort()) {
      const text = await readFile(join(root, folder, rel), 'utf8');
      try {
        out.push({ file: `${folder}/${rel}`, doc: JSON.parse(text) });
      } catch {
        // A JSON syntax fixture never reaches the schema.
      }
    }
  }
  return out;
}

/** The manifest and copies of it with each top-level property removed, or set to a number, or to an array. */
function damaged(doc: unknown): unknown[] {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return [doc];
  const record = doc as Record<string, unknown>;
  const out: unknown[] = [doc];
  for (const key of Object.keys(record)) {
    const { [key]: _removed, ...rest } = record;
    out.push(
      rest,
      { ...record, [key]: 42 },
      { ...record, [key]: {} },
      { ...record, [key]: [null] },
    );
  }
  return out;
}

/** The errors of one validation as JSON text (the verbose `schema` copies compare by value). */
function errorsOf(validate: ValidateFunction, doc: unknown): string {
  validate(doc);
  return JSON.stringify(validate.errors ?? []);
}

describe('the precompiled manifest validators', () => {
  it('report exactly the errors of the run-time compiled ones, on every manifest and damaged copies', async () => {
    const compiled = selectManifestValidators(loadManifestSchemas(), undefined);
    expect(compiled.origin).toBe('compiled');
    const manifests = await repositoryManifests();
    expect(manifests.length).toBeGreaterThan(40);
    let withErrors = 0;
    for (const { file, doc } of manifests) {
      for (const variant of damaged(doc)) {
        for (const kind of ['integration', 'template'] as const) {
          const expected = errorsOf(compiled[kind], variant);
          const actual = errorsOf(precompiled[kind], variant);
          // Text first (fast over thousands of cases); a difference is shown as data.
          if (actual !== expected)
            expect(JSON.parse(actual), `${file} as ${kind}`).toEqual(JSON.parse(expected));
          if (expected !== '[]') withErrors++;
        }
      }
    }
    // The comparison covered failing validations, not only passing ones.
    expect(withErrors).toBeGreaterThan(500);
  });

  it('are used only for the schemas they were generated from', () => {
    const schemas = loadManifestSchemas();
    expect(precompiled.schemaChecksum).toBe(manifestSchemasChecksum(schemas));
    const chosen = selectManifestValidators(schemas, precompiled);
    expect(chosen.origin).toBe('precompiled');
    expect(chosen.integration).toBe(precompiled.integration);

    // A schema changed after the build: the precompiled code is stale, so ajv compiles.
    const edited = { ...schemas, template: { ...schemas.template, description: 'edited' } };
    const fallback = selectManifestValidators(edited, precompiled);
    expect(fallback.origin).toBe('compiled');
    expect(fallback.template).not.toBe(precompiled.template);
  });
});
