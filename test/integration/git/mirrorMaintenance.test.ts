import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCountObjects } from '../../../src/git/MirrorMaintenance.js';
import { SimpleGitSource } from '../../../src/git/SimpleGitSource.js';
import { createTestRepo, manifestJson, type TestRepo } from '../../helpers/gitRepos.js';

const CRM = 'integrations/crm/manifest.json';
const CHANGES = 12;

/** The mirror's loose objects and packs, as git counts them. */
function counts(mirror: string): { loose: number; packs: number } {
  return parseCountObjects(
    execFileSync('git', ['-C', mirror, 'count-objects', '-v'], { encoding: 'utf8' }),
  );
}

/** Fetches the followed branch's head into the mirror, as a sync's prepare step does. */
async function follow(source: SimpleGitSource): Promise<string> {
  const revision = await source.resolveRevision();
  await source.prepare(revision);
  return revision.id;
}

describe('the mirror repacks what one-manifest fetches leave loose', () => {
  let repo: TestRepo | undefined;
  afterEach(async () => repo?.cleanup());

  it('packs them every few fetches, and every revision still reads', async () => {
    repo = await createTestRepo({ [CRM]: manifestJson('crm') });
    // A pass only every 1,000 fetches: what the mirror did before (nothing ever packed).
    const never = new SimpleGitSource({
      url: repo.url,
      cacheDir: `${repo.cacheDir}/never`,
      maintenance: { every: 1_000 },
    });
    const often = new SimpleGitSource({
      url: repo.url,
      cacheDir: `${repo.cacheDir}/often`,
      maintenance: { every: 3, looseLimit: 5, packLimit: 2 },
    });
    await follow(never);
    await follow(often);
    const heads: string[] = [];
    for (let i = 0; i < CHANGES; i++) {
      await repo.commit({ [CRM]: manifestJson('crm', { description: `change ${i}` }) });
      await repo.push();
      await follow(never);
      heads.push(await follow(often));
    }
    await (often as unknown as { mirror: { idle(): Promise<void> } }).mirror.idle();

    // Each one-manifest fetch is a handful of objects, under fetch.unpackLimit: all loose.
    const piled = counts(never.mirrorPath);
    expect(piled.loose).toBeGreaterThanOrEqual(3 * CHANGES);
    const kept = counts(often.mirrorPath);
    // The last pass packed what was loose then; only the fetches since (at most 3) are loose.
    expect(kept.loose).toBeLessThanOrEqual(4 * 3);
    // Consolidated whenever more than 2 packs: never more than 3 at a time.
    expect(kept.packs).toBeLessThanOrEqual(3);
    // Nothing a sync reads was lost: the first and the last revision still list and read.
    for (const [i, head] of [heads[0], heads[CHANGES - 1]].entries()) {
      expect((await often.list(head!)).manifests).toEqual([CRM]);
      const read = await often.read(head!, CRM);
      expect(read.ok && JSON.parse(read.text).description).toBe(
        `change ${i === 0 ? 0 : CHANGES - 1}`,
      );
    }
  });

  it('parses count-objects -v', () => {
    expect(
      parseCountObjects(
        'count: 12\nsize: 48\nin-pack: 30\npacks: 2\nsize-pack: 9\nprune-packable: 0\ngarbage: 0\nsize-garbage: 0\n',
      ),
    ).toEqual({ loose: 12, packs: 2 });
    expect(parseCountObjects('')).toEqual({ loose: 0, packs: 0 });
  });
});
