import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BareMirror } from '../../../src/git/BareMirror.js';
import { BlobReader, type BlobRef } from '../../../src/git/BlobReader.js';
import type { GitRunner } from '../../../src/git/GitRunner.js';
import { fetchedMirror } from '../../helpers/testMirror.js';
import { createTestRepo, git, manifestJson, type TestRepo } from '../../helpers/gitRepos.js';

const COUNT = 150;
const pathOf = (i: number) => `integrations/v${String(i).padStart(3, '0')}/manifest.json`;

describe('BlobReader read-ahead', () => {
  let repo: TestRepo;
  let mirror: BareMirror;
  let runner: GitRunner;
  let blobs: Array<BlobRef & { text: string }>;

  beforeAll(async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < COUNT; i++) files[pathOf(i)] = manifestJson(`v${i}`);
    repo = await createTestRepo(files);
    await repo.push();
    const path = join(repo.cacheDir, 'mirror.git');
    ({ runner, mirror } = await fetchedMirror(repo));
    const listing = await git(path, 'ls-tree', '-r', '-l', 'refs/regsync/heads/main');
    blobs = listing
      .trim()
      .split('\n')
      .map((line) => {
        const [meta = '', file = ''] = line.split('\t');
        const [, , oid = '', size = '0'] = meta.split(/\s+/);
        return { oid, size: Number(size), text: files[file] ?? '' };
      });
  });
  afterAll(async () => {
    runner.closeBatch();
    await repo.cleanup();
  });

  it('asks for the next batch when half of the current one is left, and hands out exact bytes', async () => {
    expect(blobs).toHaveLength(COUNT);
    const reader = new BlobReader(mirror);
    const start = runner.batch.roundTrips;
    const requestedBefore: number[] = [];
    for (let i = 0; i < COUNT; i++) {
      requestedBefore.push(runner.batch.roundTrips - start);
      const bytes = await reader.read(blobs[i] as BlobRef, blobs.slice(i + 1));
      expect(bytes.toString('utf8')).toBe(blobs[i]?.text);
    }
    // Blob 0 misses and loads 0-63; the read of blob 31 leaves 32 pending and requests
    // 64-127 while 32-63 are still to be handed out; the read of 95 (32 left) asks for 128-149.
    expect(requestedBefore[31]).toBe(1);
    expect(requestedBefore[32]).toBe(2);
    expect(requestedBefore[64]).toBe(2);
    expect(requestedBefore[95]).toBe(2);
    expect(requestedBefore[96]).toBe(3);
    expect(runner.batch.roundTrips - start).toBe(3);
  });

  it('does not read ahead for a lone read (a miss)', async () => {
    const reader = new BlobReader(mirror);
    const start = runner.batch.roundTrips;
    await reader.read(blobs[10] as BlobRef, []);
    await reader.read(blobs[20] as BlobRef, []);
    expect(runner.batch.roundTrips - start).toBe(2);
  });
});
