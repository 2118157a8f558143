/**
 * A synthetic registry in a real Git repository (a bare repo as the remote): `size`
 * integration manifests of `syntheticManifest`, keys `<prefix>-00000` and up, in one commit.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createTestRepo, git, type TestRepo } from '../../test/helpers/gitRepos.js';
import { syntheticManifest } from './syntheticManifest.js';

/** `<prefix>-<5 digits>`: the key of the i-th manifest of a synthetic registry. */
export function syntheticKey(prefix: string, i: number): string {
  return `${prefix}-${String(i).padStart(5, '0')}`;
}

/** The path and pretty JSON of one synthetic manifest, at `version`. */
export function syntheticFile(key: string, version: number): Record<string, string> {
  return {
    [`integrations/${key}/manifest.json`]: `${JSON.stringify(syntheticManifest(key, version), null, 2)}\n`,
  };
}

/** Builds and pushes the registry; the caller cleans it up. */
export async function buildSyntheticRegistry(size: number, prefix = 'vendor'): Promise<TestRepo> {
  const repo = await createTestRepo();
  // Written here and added as one folder: 100,000 paths would not fit on git's command line.
  for (let i = 0; i < size; i++) {
    for (const [path, text] of Object.entries(syntheticFile(syntheticKey(prefix, i), 0))) {
      await mkdir(dirname(join(repo.work, path)), { recursive: true });
      await writeFile(join(repo.work, path), text);
    }
  }
  await git(repo.work, 'add', '--', 'integrations');
  await git(repo.work, 'commit', '--quiet', '-m', `${size} manifests`);
  await repo.push();
  return repo;
}
