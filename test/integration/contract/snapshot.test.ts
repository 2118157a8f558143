/**
 * The committed contract is what the service serves: GET /openapi.json of a real server on
 * loopback (default settings, PGlite, the bundled registry in a Git repository) must be the
 * JSON of openapi/openapi.json. When it is not, the failure lists the JSON pointers that
 * differ and says how to refresh the snapshot (npm run openapi:snapshot).
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeSnapshotDrift,
  SNAPSHOT_PATH,
  snapshotDrift,
} from '../../../src/http/openapi/snapshot.js';
import type { TestRepo } from '../../helpers/gitRepos.js';
import { createRegistryRepo, startService, type Service } from '../http/service.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

describe('the committed OpenAPI snapshot', () => {
  let repo: TestRepo;
  let service: Service;
  let served: Record<string, unknown>;
  let committed: Record<string, unknown>;

  beforeAll(async () => {
    repo = await createRegistryRepo();
    service = await startService({ driver: 'pglite', repo, startupSync: false });
    const res = await service.fetch('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    served = (await res.json()) as Record<string, unknown>;
    committed = JSON.parse(await readFile(join(ROOT, SNAPSHOT_PATH), 'utf8')) as Record<
      string,
      unknown
    >;
  });
  afterAll(async () => {
    await service?.close();
    await repo?.cleanup();
  });

  it('is exactly the document GET /openapi.json serves', () => {
    const drift = describeSnapshotDrift(served, committed);
    if (drift !== undefined) expect.fail(drift);
    expect(snapshotDrift(served, committed)).toEqual([]);
  });

  it('a drift fails with the pointers that differ and the refresh command', () => {
    const changed = structuredClone(served) as {
      info: { version: string };
      paths: Record<string, unknown>;
    };
    changed.info.version = `${changed.info.version}-next`;
    delete changed.paths['/api/v1/templates'];
    changed.paths['/api/v1/new~thing'] = { get: {} };
    expect(snapshotDrift(changed, committed)).toEqual([
      '/info/version',
      '/paths/~1api~1v1~1new~0thing',
      '/paths/~1api~1v1~1templates',
    ]);
    const message = describeSnapshotDrift(changed, committed) ?? '';
    expect(message).toContain(`${SNAPSHOT_PATH} differs from the document the service serves`);
    expect(message).toContain('  /info/version\n');
    expect(message).toContain('run `npm run openapi:snapshot`');
  });

  it('lists at most twenty pointers and counts the rest', () => {
    const changed = structuredClone(served) as { paths: Record<string, unknown> };
    const paths = Object.keys(changed.paths);
    for (const path of paths) delete changed.paths[path];
    const message = describeSnapshotDrift(changed, committed) ?? '';
    expect(message.split('\n').filter((l) => l.startsWith('  /paths/'))).toHaveLength(20);
    expect(message).toContain(`… and ${paths.length - 20} more`);
  });
});
