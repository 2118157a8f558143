/**
 * Which bulk insert (not a test): the rows of N synthetic manifests (definitions, entity
 * types, attributes, relationships, mappings: everything a cold sync inserts per manifest)
 * written by each contender in turn, alternating, each inside a rolled-back transaction, on
 * PGlite and PostgreSQL:
 *
 * - `orm`: MikroORM's multi-row `insertMany` in chunks of 1,000 rows (the write path before
 *   issue 13 point 1): SQL formatted client-side with every value inlined.
 * - `copy`: `COPY ... FROM STDIN` (node-postgres, pg-copy-streams) or `FROM '/dev/blob'`
 *   (PGlite) on the transaction's own connection (src/db/bulk, what the store uses now).
 * - `unnest`: `INSERT ... SELECT * FROM unnest($1::uuid[], ...)` with bound array parameters
 *   through the driver's client (insertUnnest.ts).
 * - `recordset`: one jsonb parameter unpacked by `jsonb_populate_recordset` (insertRecordset.ts;
 *   lost to `orm` on 2026-12-07, kept for comparison; not run unless named).
 *
 * Prints per contender the median, the ratio to `orm`, and the load average before and after.
 *
 *   node --import tsx bench/sync/bulkWrite.ts [--manifests 2000] [--repeat 5] \
 *     [--drivers pglite,postgresql] [--contenders orm,copy,unnest]
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { EntityManager, EntitySchema } from '@mikro-orm/postgresql';
import { bulkWriterOf } from '../../src/db/bulk/bulkWriterOf.js';
import type { BulkEntity } from '../../src/db/bulk/tableColumns.js';
import {
  AttributeSchema,
  DefinitionSchema,
  EntityTypeSchema,
  FieldMappingSchema,
  RelationshipSchema,
} from '../../src/db/entities/index.js';
import { manifestRows, type ManifestRows } from '../../src/db/manifestRows.js';
import { openDatabase } from '../../src/db/openDatabase.js';
import { chunks } from '../../src/db/saveManifests.js';
import { validateManifest } from '../../src/manifest/validateManifest.js';
import type { ValidManifest } from '../../src/sync/ports.js';
import { createPostgresDatabase } from '../../test/helpers/databases.js';
import { insertRecordset } from './insertRecordset.js';
import { insertUnnest } from './insertUnnest.js';
import { syntheticManifest } from './syntheticManifest.js';

const { values } = parseArgs({
  options: {
    manifests: { type: 'string', default: '2000' },
    repeat: { type: 'string', default: '5' },
    drivers: { type: 'string', default: 'pglite,postgresql' },
    contenders: { type: 'string', default: 'orm,copy,unnest' },
  },
});
const N = Number(values.manifests);
const REPEAT = Number(values.repeat);
type Contender = 'orm' | 'copy' | 'unnest' | 'recordset';
const contenders = values.contenders.split(',') as Contender[];

const valid: ValidManifest[] = [];
for (let i = 0; i < N; i++) {
  const key = `vendor-${String(i).padStart(6, '0')}`;
  const path = `integrations/${key}/manifest.json`;
  const result = validateManifest({ file: path, text: JSON.stringify(syntheticManifest(key, 0)) });
  if (!result.success) throw new Error(`${path} is invalid`);
  valid.push({ path, manifest: result.manifest, checksum: result.checksum });
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const load = () => loadavg()[0]?.toFixed(1) ?? '?';

class Rollback extends Error {}

/** The tables of a manifest's rows, parents first, with the rows of all `rows` for each. */
function tablesOf(rows: ManifestRows[]): Array<[BulkEntity, object[]]> {
  const now = new Date();
  const definitions = rows.map((r) => ({
    id: r.entityTypes[0]?.definition ?? randomUUID(),
    ...r.definition,
    origin: 'primary',
    createdAt: now,
    updatedAt: now,
    removedAt: null,
  }));
  return [
    [DefinitionSchema, definitions],
    [EntityTypeSchema, rows.flatMap((x) => x.entityTypes)],
    [AttributeSchema, rows.flatMap((x) => x.attributes)],
    [RelationshipSchema, rows.flatMap((x) => x.relationships)],
    [FieldMappingSchema, rows.flatMap((x) => x.mappings)],
  ];
}

/** Writes every table of `tables` with `how` in one transaction, times it, rolls back. */
async function timeIn(
  em: EntityManager,
  tables: Array<[BulkEntity, object[]]>,
  how: Contender,
): Promise<number> {
  let ms = 0;
  await em
    .transactional(async (tx) => {
      const started = performance.now();
      const writer = how === 'copy' ? await bulkWriterOf(tx) : undefined;
      for (const [schema, rows] of tables) {
        if (how === 'orm')
          for (const part of chunks(rows))
            await tx.insertMany(schema as EntitySchema<object>, part);
        else if (writer) await writer.insert(schema, rows);
        else if (how === 'unnest')
          for (const part of chunks(rows, 5000)) await insertUnnest(tx, schema, part);
        else for (const part of chunks(rows, 5000)) await insertRecordset(tx, schema, part);
      }
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
  const times = new Map<Contender, number[]>(contenders.map((c) => [c, []]));
  const loadBefore = load();
  let rowCount = 0;
  try {
    for (let r = 0; r <= REPEAT; r++) {
      for (const how of contenders) {
        const em = db.orm.em.fork() as unknown as EntityManager;
        const rows = valid.map((v) =>
          manifestRows({ valid: v, revision: 'r', definitionId: randomUUID() }),
        );
        const tables = tablesOf(rows);
        rowCount = tables.reduce((n, [, t]) => n + t.length, 0);
        const ms = await timeIn(em, tables, how);
        if (r > 0) times.get(how)?.push(ms); // the first round warms up
      }
    }
  } finally {
    await db.close();
    await pg?.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
  const orm = median(times.get('orm') ?? []);
  console.log(
    `${driver}: ${N} manifests, ${rowCount} rows in 5 tables, median of ${REPEAT}, load ${loadBefore} -> ${load()}`,
  );
  for (const how of contenders) {
    const m = median(times.get(how) ?? []);
    console.log(
      `  ${how.padEnd(9)} ${m.toFixed(0).padStart(7)} ms  ${(m / N).toFixed(3)} ms/manifest  orm / ${how} ${(orm / m).toFixed(2)}x`,
    );
  }
}
