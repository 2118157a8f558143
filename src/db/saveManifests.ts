/**
 * Writes many manifests' definitions and children inside the caller's transaction, in a
 * few set-based statements per chunk instead of about eight per manifest: one locking read
 * of the existing definitions, one upsert of the definitions that exist, one delete of the
 * replaced children, a COPY per table of the new definitions and children (bulk/), one retirement of definitions that lost
 * their path, one upsert of the states. What a save means is unchanged (see
 * DefinitionStore.saveManifest): a definition keeps its id, its children are replaced, and
 * a path serves one definition.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ValidManifest } from '../sync/ports.js';
import {
  AttributeSchema,
  DefinitionSchema,
  EntityTypeSchema,
  FieldMappingSchema,
  RelationshipSchema,
} from './entities/index.js';
import { bulkWriterOf } from './bulk/bulkWriterOf.js';
import type { BulkEntity } from './bulk/tableColumns.js';
import { manifestRows, type ManifestRows } from './manifestRows.js';
import { activeDefinitionIdsAt, definitionsByKindAndKey } from './definitionLookups.js';
import { markDefinitionsRemoved } from './markDefinitionsRemoved.js';
import { writeManifestStates } from './writeManifestStates.js';

/** Manifests per round of statements: bounds each statement's size and parameters. */
const MANIFEST_CHUNK = 500;
/** Rows per insert statement: 1,000 rows of at most 15 columns stay far below 65,535 parameters. */
export const INSERT_CHUNK = 1000;

/** `rows` in slices of at most `size`. */
export function chunks<T>(rows: readonly T[], size: number = INSERT_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * Saves `manifests` at `revision` within `em`'s transaction and returns each one's outcome,
 * in order. Two manifests claiming the same kind and key go in successive rounds, so the
 * later one wins, as saving them one by one would.
 */
export async function saveManifests(
  em: EntityManager,
  manifests: readonly ValidManifest[],
  revision: string,
  at: Date,
  origin = 'primary',
): Promise<Array<'added' | 'updated'>> {
  const outcomes = new Map<ValidManifest, 'added' | 'updated'>();
  for (const round of distinctKeyRounds(manifests))
    for (const chunk of chunks(round, MANIFEST_CHUNK))
      for (const [manifest, outcome] of await saveChunk(em, chunk, revision, at, origin))
        outcomes.set(manifest, outcome);
  return manifests.map((m) => outcomes.get(m) ?? 'added');
}

const identity = (m: ValidManifest) => `${m.manifest.kind}\u0000${m.manifest.key}`;

/** Splits `manifests` into rounds in which no kind and key appears twice, keeping order. */
function distinctKeyRounds(manifests: readonly ValidManifest[]): ValidManifest[][] {
  const rounds: Array<{ keys: Set<string>; items: ValidManifest[] }> = [];
  for (const m of manifests) {
    const id = identity(m);
    let round = rounds.find((r) => !r.keys.has(id));
    if (!round) rounds.push((round = { keys: new Set(), items: [] }));
    round.keys.add(id);
    round.items.push(m);
  }
  return rounds.map((r) => r.items);
}

async function saveChunk(
  em: EntityManager,
  chunk: readonly ValidManifest[],
  revision: string,
  at: Date,
  origin: string,
): Promise<Map<ValidManifest, 'added' | 'updated'>> {
  // The lookup is by kind and key across sources: a source allowed to override another's
  // definition takes over its row (and id), so one row per key is served.
  // A join to the chunk's kinds and keys, one index probe each: `key in (...)` walked the
  // whole index per key, which made a cold sync quadratic (definitionLookups.ts).
  const found = await definitionsByKindAndKey(
    em,
    chunk.map((m) => ({ kind: m.manifest.kind, key: m.manifest.key })),
    { lock: true },
  );
  const existing = new Map(found.map((d) => [`${d.kind}\u0000${d.key}`, d]));

  const outcomes = new Map<ValidManifest, 'added' | 'updated'>();
  const all: ManifestRows[] = [];
  const replaced: string[] = [];
  const definitions = [];
  for (const valid of chunk) {
    const before = existing.get(identity(valid));
    const definitionId = before?.id ?? randomUUID();
    const rows = manifestRows({ valid, revision, definitionId });
    all.push(rows);
    if (before) replaced.push(definitionId);
    definitions.push({
      id: definitionId,
      ...rows.definition,
      origin,
      createdAt: at,
      updatedAt: at,
      removedAt: null,
    });
    outcomes.set(valid, before && !before.removedAt ? 'updated' : 'added');
  }

  // A definition not found above is new (its kind and key are locked, its id is fresh): it
  // goes in with the children, as rows of data through COPY on the transaction's own
  // connection (bulk/BulkRowWriter.ts). MikroORM's insertMany formats every value into the
  // SQL text client-side, which made it most of a cold sync's write time (docs/performance.md,
  // "Issue 13 point 1"). upsertMany is kept for the rows that exist.
  const replacedIds = new Set(replaced);
  const inserts = definitions.filter((d) => !replacedIds.has(d.id));
  const updates = definitions.filter((d) => replacedIds.has(d.id));
  const writer = await bulkWriterOf(em);
  await writer.insert(DefinitionSchema, inserts);
  for (const part of chunks(updates))
    await em.upsertMany(DefinitionSchema, part, {
      onConflictFields: ['id'],
      onConflictAction: 'merge',
      onConflictExcludeFields: ['id', 'createdAt'],
      // Not kept as managed entities (see writeManifestStates.ts).
      disableIdentityMap: true,
    });
  for (const ids of chunks(replaced)) {
    // Attributes go with their entity types (ON DELETE CASCADE).
    await em.nativeDelete(EntityTypeSchema, { definition: { $in: ids } });
    await em.nativeDelete(RelationshipSchema, { definition: { $in: ids } });
    await em.nativeDelete(FieldMappingSchema, { definition: { $in: ids } });
  }
  // Parents before children: the foreign keys are checked row by row.
  const children: Array<[BulkEntity, object[]]> = [
    [EntityTypeSchema, all.flatMap((r) => r.entityTypes)],
    [AttributeSchema, all.flatMap((r) => r.attributes)],
    [RelationshipSchema, all.flatMap((r) => r.relationships)],
    [FieldMappingSchema, all.flatMap((r) => r.mappings)],
  ];
  for (const [schema, rows] of children) await writer.insert(schema, rows);

  // A path serves one definition: if the file now declares another key, the old one goes.
  const ids = new Set(definitions.map((d) => d.id));
  const atPaths = await activeDefinitionIdsAt(
    em,
    chunk.map((m) => m.path),
    origin,
  );
  await markDefinitionsRemoved(em, { ids: atPaths.filter((id) => !ids.has(id)), at });

  await writeManifestStates(em, {
    origin,
    paths: chunk.map((m) => m.path),
    state: 'active',
    checksums: new Map(chunk.map((m) => [m.path, m.checksum])),
    findings: [],
    revision,
    at,
  });
  return outcomes;
}
