/**
 * Upgrade from a single-source database made by the release before layered registries
 * (issue 14, point 6). test/fixtures/upgrade/single-source-c5a041e.sql is `pg_dump --inserts`
 * of a PostgreSQL database that main at c5a041e synced (`regsync sync --once`) from the
 * folder test/fixtures/upgrade/registry. Opening it with this release applies the layering
 * migration; no existing row may be rewritten (xmin unchanged), the catalog revision (the
 * ETag's basis) must stay, and the first sync must write nothing (no resync storm).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../../src/main.js';
import { createPostgresDatabase } from '../../helpers/databases.js';
import { openRuntime } from '../sync/runtimeFixture.js';

const run = promisify(execFile);
const FIXTURE = join(import.meta.dirname, '../../fixtures/upgrade');

async function rows(runtime: Runtime, sql: string): Promise<string[]> {
  const result = (await runtime.db.orm.em.fork().getConnection().execute(sql)) as Array<
    Record<string, unknown>
  >;
  return result.map((r) => Object.values(r).map(String).join(' ')).sort();
}

const XMINS = {
  definition: `select "id", xmin::text from "definition"`,
  entity_type: `select "id", xmin::text from "entity_type"`,
  attribute: `select "id", xmin::text from "attribute"`,
  manifest_state: `select "path", xmin::text from "manifest_state"`,
  sync_run: `select "id", xmin::text from "sync_run"`,
};

describe('upgrading a single-source PostgreSQL database of the previous release', () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let dataDir: string;
  let runtime: Runtime;
  const before: Record<string, string[]> = {};

  beforeAll(async () => {
    database = await createPostgresDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'regsync-upgrade-'));
    await run('psql', [
      '--quiet',
      '--set',
      'ON_ERROR_STOP=1',
      '--dbname',
      database.url,
      '--file',
      join(FIXTURE, 'single-source-c5a041e.sql'),
    ]);
    // What the old release stored, read before this release touches the database.
    for (const [table, sql] of Object.entries(XMINS)) {
      const out = await run('psql', [
        '--tuples-only',
        '--no-align',
        '--field-separator',
        ' ',
        '--dbname',
        database.url,
        '--command',
        sql,
      ]);
      before[table] = out.stdout.trim().split('\n').filter(Boolean).sort();
    }
    runtime = await openRuntime({
      DATABASE_URL: database.url,
      REGSYNC_DATA_DIR: dataDir,
      REGSYNC_REGISTRY: join(FIXTURE, 'registry'),
    });
  });

  afterAll(async () => {
    await runtime?.close();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('applies the layering migration without rewriting a row', async () => {
    expect(runtime.db.migrations.applied).toContain('Migration20261207140000');
    expect(before.definition).toHaveLength(4);
    for (const [table, sql] of Object.entries(XMINS))
      expect(await rows(runtime, sql), table).toEqual(before[table]);
    expect(await rows(runtime, `select distinct "origin" from "definition"`)).toEqual(['primary']);
  });

  it('assigns the existing rows to the one configured source and keeps the catalog revision', async () => {
    expect(runtime.engine.layers.map((l) => l.info.origin)).toEqual(['primary']);
    const oldRevision = (
      await rows(
        runtime,
        `select "to_revision" from "sync_run" where "status" = 'succeeded' and "reason" = 'Succeeded'`,
      )
    )[0];
    expect(oldRevision).toMatch(/^sha256:/);
    expect(await runtime.engine.catalogRevision()).toBe(oldRevision);
  });

  it('writes nothing on the first sync after the upgrade', async () => {
    const first = await runtime.engine.run({ trigger: 'manual' });
    expect(first).toMatchObject({ status: 'succeeded', reason: 'UpToDate' });
    for (const table of ['definition', 'entity_type', 'attribute', 'manifest_state'] as const)
      expect(await rows(runtime, XMINS[table]), table).toEqual(before[table]);
    // A forced full scan re-reads every manifest. The fixture's manifests are format 1.1, and
    // this release upgrades them in memory to 1.2 (operator settings), so their canonical
    // checksum differs and they are rewritten once: a format upgrade, not the layers
    // migration. Nothing is added, removed or refused.
    const forced = await runtime.engine.run({ trigger: 'manual', force: true });
    expect(forced.status).toBe('succeeded');
    expect(forced.counts).toMatchObject({ added: 0, removed: 0, invalid: 0 });
    expect(forced.counts.updated + forced.counts.unchanged).toBe(4);
  });
});
