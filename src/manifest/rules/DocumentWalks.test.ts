import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from './allRules.js';
import type { DocumentWalks } from './DocumentWalks.js';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures');

async function manifests(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await manifests(path)));
    else if (entry.name === 'manifest.json') out.push(path);
  }
  return out;
}

describe('DocumentWalks shared by the rules', () => {
  it('give every rule the issues it finds walking the document itself, on every fixture', async () => {
    const files = [
      ...(await manifests(join(FIXTURES, 'valid'))),
      ...(await manifests(join(FIXTURES, 'invalid'))),
    ];
    expect(files.length).toBeGreaterThan(40);
    let compared = 0;
    for (const file of files) {
      let doc: unknown;
      try {
        doc = JSON.parse(await readFile(file, 'utf8'));
      } catch {
        continue; // a syntax fixture: no rule runs on it
      }
      if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) continue;
      const walks: DocumentWalks = {};
      for (const rule of ALL_RULES) {
        const alone = rule({ doc: doc as Record<string, unknown> });
        const shared = rule({ doc: doc as Record<string, unknown>, walks });
        expect(shared, file).toEqual(alone);
      }
      compared++;
      // Some rule filled the walks, so the second pass above really read them.
      if ('mappings' in doc) expect(walks.fields).toBeDefined();
    }
    expect(compared).toBeGreaterThan(40);
  });
});
