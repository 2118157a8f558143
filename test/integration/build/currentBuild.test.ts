/**
 * checkCurrentBuild decides whether pack.test.ts may reuse dist/ instead of building: a
 * wrong "current" would pack old code. On a tiny checkout of its own (one source, one
 * migration, a schema, the configuration files, a stand-in build), with file times set.
 */
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkCurrentBuild } from '../../helpers/currentBuild.js';

let dir: string;
const hourAgo = new Date(Date.now() - 3_600_000);
const INPUTS = [
  'src/cli/main.ts',
  'src/cli/main.test.ts',
  'src/types.d.ts',
  'migrations/Migration1.ts',
  'schemas/a.schema.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'package.json',
];
const OUTPUTS = [
  'dist/src/cli/main.js',
  'dist/src/cli/main.d.ts',
  'dist/migrations/Migration1.js',
  'dist/migrations/Migration1.d.ts',
  'dist/schemas/a.schema.json',
  'dist/pglite-template.json',
  'dist/pglite-template/PG_VERSION',
  'dist/pglite-template-synced.json',
  'dist/pglite-template-synced/PG_VERSION',
];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'regsync-current-build-'));
  for (const path of [...INPUTS, ...OUTPUTS]) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), '{}\n');
  }
  for (const path of INPUTS) await utimes(join(dir, path), hourAgo, hourAgo);
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('checkCurrentBuild', () => {
  it('is current when every output is newer than every input, and lists the outputs', async () => {
    expect(await checkCurrentBuild(dir)).toEqual({ current: true, outputs: OUTPUTS });
  });

  it('is not current when a source, a schema or the configuration changed after the build', async () => {
    for (const input of ['migrations/Migration1.ts', 'schemas/a.schema.json', 'package.json']) {
      await utimes(join(dir, input), new Date(), new Date(Date.now() + 1000));
      const check = await checkCurrentBuild(dir);
      expect(check).toMatchObject({ current: false });
      expect(check.current === false && check.reason).toContain(`${input} changed after`);
      await utimes(join(dir, input), hourAgo, hourAgo);
    }
  });

  it('is not current when an output is missing; an edited test file does not matter', async () => {
    await utimes(join(dir, 'src/cli/main.test.ts'), new Date(), new Date(Date.now() + 1000));
    expect((await checkCurrentBuild(dir)).current).toBe(true);
    await rm(join(dir, 'dist/src/cli/main.d.ts'));
    expect(await checkCurrentBuild(dir)).toEqual({
      current: false,
      reason: 'dist/src/cli/main.d.ts is missing',
    });
  });

  it('is not current without the embedded-database templates the package ships', async () => {
    await rm(join(dir, 'dist/pglite-template-synced'), { recursive: true });
    expect(await checkCurrentBuild(dir)).toEqual({
      current: false,
      reason: 'dist/pglite-template-synced/PG_VERSION is missing',
    });
  });
});
