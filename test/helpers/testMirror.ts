/**
 * A bare mirror of a test repository, fetched once: what the git adapter's lower-level
 * tests (the batch reader, the blob reader) start from, without a SimpleGitSource around it.
 */
import { join } from 'node:path';
import { BareMirror } from '../../src/git/BareMirror.js';
import { GitRunner } from '../../src/git/GitRunner.js';
import type { TestRepo } from './gitRepos.js';

/** A mirror at `<cacheDir>/mirror.git` with `main` fetched to `refs/regsync/heads/main`. */
export async function fetchedMirror(
  repo: TestRepo,
): Promise<{ path: string; runner: GitRunner; mirror: BareMirror }> {
  const path = join(repo.cacheDir, 'mirror.git');
  const runner = new GitRunner({
    gitDir: path,
    cwd: repo.cacheDir,
    url: repo.url,
    transport: 'file',
    secrets: [],
    timeoutMs: 10_000,
  });
  const mirror = new BareMirror({ path, runner, url: repo.url, transport: 'file' });
  await mirror.ensure();
  await mirror.fetch(['+refs/heads/main:refs/regsync/heads/main']);
  return { path, runner, mirror };
}
