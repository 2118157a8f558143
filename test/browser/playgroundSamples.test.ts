/**
 * The playground's built-in samples (src/web/static/app/samples.json) are the first record
 * of each payload fixture, and every bundled integration model has one.
 */
import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

const FIXTURES = new URL('../fixtures/payloads/', import.meta.url);
const REGISTRY = new URL('../../registry/integrations/', import.meta.url);

describe('playground samples', () => {
  it('are the first record of each payload fixture, for every bundled model', async () => {
    const samples = JSON.parse(
      await readFile(new URL('../../src/web/static/app/samples.json', import.meta.url), 'utf8'),
    ) as Record<string, unknown>;
    const expected: Record<string, unknown> = {};
    for (const integration of await readdir(REGISTRY)) {
      const manifest = JSON.parse(
        await readFile(new URL(`${integration}/manifest.json`, REGISTRY), 'utf8'),
      ) as { mappings?: Array<{ model: string }> };
      for (const { model } of manifest.mappings ?? []) {
        const records = JSON.parse(
          await readFile(new URL(`${integration}/${model}.json`, FIXTURES), 'utf8'),
        ) as unknown[];
        expected[`${integration}/${model}`] = records[0];
      }
    }
    expect(Object.keys(expected).length).toBeGreaterThan(20);
    expect(samples).toEqual(expected);
  });
});
