/**
 * A copy of the package as a fresh clone would have it (what `git archive` ships, plus this
 * checkout's uncommitted and untracked files), for tests that build or pack it without
 * touching this checkout's dist/.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** The root of this checkout. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Copies the files git knows of (tracked and untracked, not ignored) into `to`. */
export async function copyFileSet(to: string): Promise<void> {
  const { stdout } = await exec(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 },
  );
  for (const rel of stdout.split('\0').filter(Boolean)) {
    await mkdir(dirname(join(to, rel)), { recursive: true });
    await cp(join(REPO_ROOT, rel), join(to, rel), { errorOnExist: false }).catch(
      (error: unknown) => {
        // A file deleted in the working tree but still in the index is not part of the set.
        if ((error as { code?: string }).code !== 'ENOENT') throw error;
      },
    );
  }
}
