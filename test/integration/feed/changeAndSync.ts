/**
 * One catalog change as the feed tests make it: an integration's description edited,
 * committed and pushed to the test registry, then a sync through `POST /api/v1/sync` on the
 * given instance, waited for.
 */
import { readFile } from 'node:fs/promises';
import { expect } from 'vitest';
import type { TestRepo } from '../../helpers/gitRepos.js';
import { ADMIN_TOKEN, type Service } from '../http/service.js';

/** Changes `key`'s description to `text`, commits, pushes and syncs on `service`; returns the commit. */
export async function changeAndSync(
  service: Service,
  repo: TestRepo,
  key: string,
  text: string,
): Promise<string> {
  const path = `integrations/${key}/manifest.json`;
  const manifest = JSON.parse(await readFile(`${repo.work}/${path}`, 'utf8')) as {
    description: string;
  };
  manifest.description = text;
  const sha = await repo.commit({ [path]: `${JSON.stringify(manifest, null, 2)}\n` });
  await repo.push('main');
  const res = await service.fetch('/api/v1/sync', {
    method: 'POST',
    headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  const run = await service.waitForRun(((await res.json()) as { runId: string }).runId);
  expect(run).toMatchObject({ status: 'succeeded' });
  return sha;
}
