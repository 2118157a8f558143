import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimpleGitSource } from '../../../src/git/SimpleGitSource.js';
import {
  createTestRepo,
  manifestJson,
  recordingLogger,
  type TestRepo,
} from '../../helpers/gitRepos.js';

const CRM = 'integrations/crm/manifest.json';
const ERP = 'integrations/erp/manifest.json';

describe('SimpleGitSource: a broken mirror is rebuilt', () => {
  let repo: TestRepo;
  beforeEach(async () => {
    repo = await createTestRepo({ [CRM]: manifestJson('crm') });
  });
  afterEach(async () => repo.cleanup());

  async function primed(): Promise<{
    source: SimpleGitSource;
    logger: ReturnType<typeof recordingLogger>;
  }> {
    const logger = recordingLogger();
    const source = new SimpleGitSource({
      url: repo.url,
      branch: 'main',
      cacheDir: repo.cacheDir,
      logger,
    });
    await source.prepare(await source.resolveRevision());
    await repo.commit({ [ERP]: manifestJson('erp') });
    await repo.push();
    return { source, logger };
  }

  it('recovers from a lock file a killed fetch left behind', async () => {
    const { source, logger } = await primed();
    await writeFile(join(source.mirrorPath, 'refs/regsync/heads/main.lock'), '');
    const rev = await source.resolveRevision();
    await source.prepare(rev);
    expect((await source.list(rev.id)).manifests).toEqual([CRM, ERP]);
    expect(logger.calls.some((c) => c.level === 'warn' && c.msg?.includes('rebuilding'))).toBe(
      true,
    );
  });

  it('recovers from a mirror whose object store is gone', async () => {
    const { source } = await primed();
    await rm(join(source.mirrorPath, 'objects'), { recursive: true, force: true });
    const rev = await source.resolveRevision();
    await source.prepare(rev);
    expect(await source.read(rev.id, ERP)).toMatchObject({ ok: true });
  });

  it('recovers from a half-made mirror (no ready marker)', async () => {
    const { source } = await primed();
    await rm(join(source.mirrorPath, 'regsync-mirror.json'));
    const fresh = new SimpleGitSource({ url: repo.url, branch: 'main', cacheDir: repo.cacheDir });
    const rev = await fresh.resolveRevision();
    await fresh.prepare(rev);
    expect((await fresh.list(rev.id)).manifests).toEqual([CRM, ERP]);
  });
});
