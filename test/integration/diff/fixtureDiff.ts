/** Loads a fixture pair from test/fixtures/diff/<name>/{base,head}.json, validated. */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Manifest } from '../../../src/manifest/types.js';
import { validateManifest } from '../../../src/manifest/validateManifest.js';

export const FIXTURES = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'fixtures',
  'diff',
);

/** The manifest of one side (`null` in the file means "no manifest"); throws if it is invalid. */
export function loadSide(name: string, side: 'base' | 'head'): Manifest | undefined {
  const file = join(FIXTURES, name, `${side}.json`);
  const text = readFileSync(file, 'utf8');
  if (text.trim() === 'null') return undefined;
  const result = validateManifest({ file, text });
  if (!result.success) {
    throw new Error(
      `${file} is invalid: ${result.findings.map((f) => `${f.rule} ${f.pointer} ${f.message}`).join('; ')}`,
    );
  }
  return result.manifest;
}

export function loadPair(name: string): { base: Manifest | undefined; head: Manifest | undefined } {
  return { base: loadSide(name, 'base'), head: loadSide(name, 'head') };
}

/** Raw text of a fixture side, for writing into a git repository. */
export function fixtureText(name: string, side: 'base' | 'head'): string {
  return readFileSync(join(FIXTURES, name, `${side}.json`), 'utf8');
}
