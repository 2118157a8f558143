import { existsSync } from 'node:fs';
import { mkdir, readdir, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimpleGitSource } from '../../../src/git/SimpleGitSource.js';
import {
  createTestRepo,
  manifestJson,
  recordingLogger,
  type TestRepo,
} from '../../helpers/gitRepos.js';

const CRM = 'integrations/crm/manifest.json';

describe('SimpleGitSource: where the mirror lives', () => {
  let repo: TestRepo;
  beforeEach(async () => {
    repo = await createTestRepo({ [CRM]: manifestJson('crm') });
  });
  afterEach(async () => repo.cleanup());

  it('keeps the mirror directly in the cache folder (<dataDir>/git/<hash>.git)', async () => {
    const source = new SimpleGitSource({ url: repo.url, branch: 'main', cacheDir: repo.cacheDir });
    await source.prepare(await source.resolveRevision());
    expect(dirname(source.mirrorPath)).toBe(repo.cacheDir);
    expect(await readdir(repo.cacheDir)).toEqual([basename(source.mirrorPath)]);
  });

  it('adopts a mirror an earlier build left at <cacheDir>/git/<hash>.git, without cloning again', async () => {
    const first = new SimpleGitSource({ url: repo.url, branch: 'main', cacheDir: repo.cacheDir });
    const rev = await first.resolveRevision();
    await first.prepare(rev);
    // The layout of earlier builds: one `git/` folder too many.
    const legacy = join(repo.cacheDir, 'git', basename(first.mirrorPath));
    await mkdir(dirname(legacy), { recursive: true });
    await rename(first.mirrorPath, legacy);
    const logger = recordingLogger();
    const second = new SimpleGitSource({
      url: repo.url,
      branch: 'main',
      cacheDir: repo.cacheDir,
      logger,
    });
    // The remote goes away: a fresh clone would fail, only the adopted mirror can answer.
    await rename(repo.remote, `${repo.remote}.gone`);
    expect(second.mirrorPath).toBe(first.mirrorPath);
    await second.prepare(rev);
    expect((await second.list(rev.id)).manifests).toEqual([CRM]);
    expect(existsSync(legacy)).toBe(false);
    expect(existsSync(second.mirrorPath)).toBe(true);
    expect(logger.calls.filter((c) => c.msg?.includes('rebuilding'))).toEqual([]);
  });
});
