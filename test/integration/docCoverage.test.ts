/**
 * scripts/docCoverage.ts counts what it claims: on a fixture folder with documented and
 * undocumented exports of every kind, the counts and the missing names are exact; and every
 * export of the real src/ is documented (the exceptions listed in the script aside).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportsOf, measureDocCoverage } from '../../scripts/docCoverage.js';

const FIXTURE = `/** File header: describes the file, and is attached to the import below. */
import { x } from './x.js';

/** Documented. */
export function documented(): void {}
export function bare(): void {}
/** Both declarators share this comment. */
export const a = 1, b = 2;
export const c = 3;
/** @internal */
export interface OnlyATag {}
export type Alias = string;
/** A class. */
export class Documented {}
export class Bare {}
// A line comment is not TSDoc.
export enum Colour { Red }
export { x };
export * from './x.js';
function notExported(): void {}
`;

describe('scripts/docCoverage.ts', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'regsync-doccov-'));
    await mkdir(join(dir, 'src/a/testing'), { recursive: true });
    await writeFile(join(dir, 'src/a/mixed.ts'), FIXTURE);
    await writeFile(join(dir, 'src/a/mixed.test.ts'), 'export const skipped = 1;\n');
    await writeFile(join(dir, 'src/a/testing/fake.ts'), 'export const fake = 1;\n');
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('counts top-level exports and finds the undocumented ones', () => {
    const found = exportsOf('mixed.ts', FIXTURE);
    expect(found.filter((e) => e.documented).map((e) => e.name)).toEqual([
      'documented',
      'a',
      'b',
      'Documented',
    ]);
    expect(found.filter((e) => !e.documented).map((e) => e.name)).toEqual([
      'bare',
      'c',
      'OnlyATag',
      'Alias',
      'Bare',
      'Colour',
    ]);
  });

  it('groups by folder and leaves tests and test doubles out', () => {
    const coverage = measureDocCoverage(join(dir, 'src'));
    expect(coverage).toHaveLength(1);
    const [folder] = coverage;
    expect(folder?.folder).toBe(relative(process.cwd(), join(dir, 'src/a')));
    expect([folder?.documented, folder?.exports]).toEqual([4, 10]);
  });

  it('finds every export of src/ documented', () => {
    const missing = measureDocCoverage('src').flatMap((f) =>
      f.missing.map((m) => `${m.file}:${m.line} ${m.name}`),
    );
    expect(missing).toEqual([]);
  });
});
