/**
 * Which bulk insert (not a test): the child rows of N synthetic manifests (entity types and
 * attributes, the bulk of a cold sync's rows) written once through the ORM's multi-row
 * `insertMany` (one placeholder per value) and once through `insertRecordset` (the whole
 * batch as one JSON parameter, `jsonb_populate_recordset`), alternating, each in a rolled
 * back transaction, on PGlite and PostgreSQL. Prints medians and the ratio.
 *
 *   node --import tsx bench/sync/bulkWrite.ts [--manifests 2000] [--repeat 5] [--drivers pglite,postgresql]
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { EntityManager } from '@mikro-orm/postgresql';
import { openDatabase } from '../../src/db/openDatabase.js';
import {
  AttributeSchema,
  DefinitionSchema,
  EntityTypeSchema,
} from '../../src/db/entities/index.js';
import { insertRecordset } from './insertRecordset.js';
import { manifestRows, type ManifestRows } from '../../src/db/manifestRows.js';
import { chunks } from '../../src/db/saveManifests.js';
import { validateManifest } from '../../src/manifest/validateManifest.js';
import type { ValidManifest } from '../../src/sync/ports.js';
import { createPostgresDatabase } from '../../test/helpers/databases.js';
import { syntheticManifest } from './syntheticManifest.js';

const { values } = parseArgs({
  options: {
    manifests: { type: 'string', default: '2000' },
    repeat: { type: 'string', default: '5' },
    drivers: { type: 'string', default: 'pglite,postgresql' },
  },
});
const N = Number(values.manifests);
const REPEAT = Number(values.repeat);

const valid: ValidManifest[] = [];
for (let i = 0; i < N; i++) {
  const key = `vendor-${String(i).padStart(6, '0')}`;
  const path = `integrations/${key}/manifest.json`;
  const result = validateManifest({ file: path, text: JSON.stringify(syntheticManifest(key, 0)) });
  if (!result.success) throw new Error(`${path} is invalid`);
  valid.push({ path, manifest: result.manifest, checksum: result.checksum });
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

class Rollback extends Error {}

/** Writes the definitions of `rows`, then times `write` of their children; rolls back. */
async function timeIn(
  em: EntityManager,
  rows: ManifestRows[],
  write: (em: EntityManager) => Promise<void>,
): Promise<number> {
  const now = new Date();
  const definitions = rows.map((r) => ({
    id: r.entityTypes[0]?.definition ?? randomUUID(),
    ...r.definition,
    createdAt: now,
    updatedAt: now,
    removedAt: null,
  }));
  let ms = 0;
  await em
    .transactional(async (tx) => {
      for (const part of chunks(definitions)) await insertRecordset(tx, DefinitionSchema, part);
      const started = performance.now();
      await write(tx);
      ms = performance.now() - started;
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return ms;
}

for (const driver of values.drivers.split(',')) {
  const dataDir = await mkdtemp(join(tmpdir(), 'regsync-bulk-'));
  const pg = driver === 'postgresql' ? await createPostgresDatabase() : undefined;
  const db = await openDatabase({ dataDir, databaseUrl: pg?.url });
  const times = { orm: [] as number[], recordset: [] as number[] };
  let rowCount = 0;
  try {
    for (let r = 0; r <= REPEAT; r++) {
      for (const how of ['orm', 'recordset'] as const) {
        const em = db.orm.em.fork() as unknown as EntityManager;
        const rows = valid.map((v) =>
          manifestRows({ valid: v, revision: 'r', definitionId: randomUUID() }),
        );
        rowCount = rows.reduce((n, x) => n + x.entityTypes.length + x.attributes.length, 0);
        const ms = await timeIn(em, rows, async (tx) => {
          const types = rows.flatMap((x) => x.entityTypes);
          const attributes = rows.flatMap((x) => x.attributes);
          if (how === 'orm') {
            for (const part of chunks(types)) await tx.insertMany(EntityTypeSchema, part);
            for (const part of chunks(attributes)) await tx.insertMany(AttributeSchema, part);
          } else {
            for (const part of chunks(types, 5000))
              await insertRecordset(tx, EntityTypeSchema, part);
            for (const part of chunks(attributes, 5000))
              await insertRecordset(tx, AttributeSchema, part);
          }
        });
        if (r > 0) times[how].push(ms); // the first round warms up
      }
    }
  } finally {
    await db.close();
    await pg?.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
  const orm = median(times.orm);
  const recordset = median(times.recordset);
  console.log(
    `${driver}: ${N} manifests, ${rowCount} entity-type and attribute rows; ORM insertMany ${orm.toFixed(0)} ms, jsonb_populate_recordset ${recordset.toFixed(0)} ms, ORM / recordset ${(orm / recordset).toFixed(2)}x (median of ${REPEAT})`,
  );
}
