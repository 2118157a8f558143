/**
 * `src/cli/bin.js` runs the compiled tree; in a contributor's checkout a source edited or
 * pulled after the last build would make it run old code without a word. The launcher is
 * copied into a tiny checkout of its own (a `.git`, one source, a stand-in build), so the
 * test never touches this repository's files while other tests spawn the real binary.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/packageCopy.js';

const exec = promisify(execFile);
let dir: string;

/** Runs the copied launcher; the stand-in build prints `built ran`. */
const run = () => exec(process.execPath, [join(dir, 'src/cli/bin.js'), '--version']);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'regsync-stale-'));
  await mkdir(join(dir, 'src/cli'), { recursive: true });
  await mkdir(join(dir, 'migrations'));
  await mkdir(join(dir, 'dist/src/cli'), { recursive: true });
  await copyFile(join(REPO_ROOT, 'src/cli/bin.js'), join(dir, 'src/cli/bin.js'));
  await writeFile(join(dir, 'src/cli/main.ts'), 'export {};\n');
  await writeFile(join(dir, 'src/cli/main.test.ts'), 'export {};\n');
  await writeFile(join(dir, 'dist/src/cli/main.js'), "console.log('built ran');\n");
  // Sources from an hour ago, the build from half an hour ago: up to date, and a file the
  // test writes now is newer than the build even where file times are coarse (a file
  // written in the same clock tick as the build would carry the build's very time).
  const hourAgo = new Date(Date.now() - 3_600_000);
  for (const f of ['src/cli/main.ts', 'src/cli/main.test.ts'])
    await utimes(join(dir, f), hourAgo, hourAgo);
  const halfHourAgo = new Date(Date.now() - 1_800_000);
  await utimes(join(dir, 'dist/src/cli/main.js'), halfHourAgo, halfHourAgo);
});

afterEach(() => rm(dir, { recursive: true, force: true }));

describe('the regsync launcher and a stale build', () => {
  it('runs the build silently when it is newer than every source', async () => {
    await mkdir(join(dir, '.git'));
    const { stdout, stderr } = await run();
    expect(stdout).toBe('built ran\n');
    expect(stderr).toBe('');
  });

  it('warns, naming the source, when a source changed after the build, and still runs it', async () => {
    await mkdir(join(dir, '.git'));
    await writeFile(join(dir, 'migrations/Migration1.ts'), 'export {};\n');
    const { stdout, stderr } = await run();
    expect(stdout).toBe('built ran\n');
    expect(stderr).toContain('migrations/Migration1.ts changed after the last build');
    expect(stderr).toContain('npm run build');
  });

  it('warns when a manifest schema changed after the build, whose validators it generated', async () => {
    await mkdir(join(dir, '.git'));
    await mkdir(join(dir, 'schemas'));
    await writeFile(join(dir, 'schemas/integration-manifest.schema.json'), '{}\n');
    const { stdout, stderr } = await run();
    expect(stdout).toBe('built ran\n');
    expect(stderr).toContain(
      'schemas/integration-manifest.schema.json changed after the last build',
    );
  });

  it('ignores edited test files, which the build never compiles', async () => {
    await mkdir(join(dir, '.git'));
    await writeFile(join(dir, 'src/cli/main.test.ts'), 'export const x = 1;\n');
    expect((await run()).stderr).toBe('');
  });

  it('never scans an installed package (no .git), whatever the file times', async () => {
    await writeFile(join(dir, 'src/cli/main.ts'), 'export const y = 2;\n');
    expect((await run()).stderr).toBe('');
  });
});
