/**
 * The bulk writer (src/db/bulk) on PGlite and PostgreSQL: rows written through COPY read
 * back exactly as given, whatever their text holds (tabs, newlines, carriage returns,
 * backslashes, the two characters `\N`, Unicode beyond the BMP, the empty string beside
 * null), in JSON columns too; and a refused row rolls the whole transaction back.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/postgresql';
import { bulkWriterOf } from '../../../src/db/bulk/bulkWriterOf.js';
import { DefinitionSchema, EntityTypeSchema } from '../../../src/db/entities/index.js';
import { forEachDatabase } from '../../helpers/databases.js';

/** Strings COPY's text format must escape, or that look like its markers. */
const TRICKY = [
  '',
  '\\N',
  '\\',
  '\\\\N',
  'a\tb',
  'line\nnext',
  'cr\r\nlf',
  '\\.',
  'tab at end\t',
  'quote " and \' and ,',
  'emoji 😀 and 𝄞, é, 中文',
  '\u2028\u2029',
  'NULL',
  '{"not":"json"}',
];

/** Any Unicode string PostgreSQL can store as text (it has no NUL character). */
const storable = fc.string({ unit: 'binary', maxLength: 40 }).map((s) => s.replace(/\0/g, ''));
const textOrNull = fc.oneof(fc.constantFrom(...TRICKY), storable, fc.constant(null));
const text = fc.oneof(fc.constantFrom(...TRICKY), storable);

interface Sample {
  name: string;
  tags: string[];
  description: string | null;
  semantic: Record<string, string> | null;
}

function definitionRow(id: string, s: Sample) {
  const now = new Date('2026-12-07T18:00:00.123Z');
  return {
    id,
    kind: 'integration',
    key: `k-${id}`,
    origin: 'primary',
    source: 'MANIFEST',
    readonly: true,
    name: s.name,
    description: s.description ?? '',
    category: s.description,
    provider: null,
    tags: s.tags,
    path: `integrations/k-${id}/manifest.json`,
    manifestVersion: '1.1',
    checksum: `sha256:${id}`,
    revision: 'r',
    document: { name: s.name, tags: s.tags, semantic: s.semantic },
    createdAt: now,
    updatedAt: now,
    removedAt: null,
  };
}

function entityTypeRow(definition: string, s: Sample, position: number) {
  return {
    id: randomUUID(),
    definition,
    key: `${s.name}-${position}`,
    displayName: s.name,
    description: s.description,
    semantic: s.semantic,
    primaryKey: s.description === null ? null : '',
    position,
    source: 'MANIFEST',
    readonly: position % 2 === 0,
    removedAt: null,
  };
}

async function readBack(em: EntityManager, ids: string[]) {
  const definitions = await em
    .getConnection()
    .execute<Array<Record<string, unknown>>>(
      `select id, name, description, category, provider, tags, document, created_at = '2026-12-07T18:00:00.123Z'::timestamptz as created_exactly from "definition" where id in (${ids.map(() => '?').join(', ')}) order by id`,
      ids,
    );
  const types = await em
    .getConnection()
    .execute<Array<Record<string, unknown>>>(
      `select definition_id, key, display_name, description, semantic, primary_key, position, readonly from "entity_type" where definition_id in (${ids.map(() => '?').join(', ')}) order by definition_id, position`,
      ids,
    );
  return { definitions, types };
}

forEachDatabase((fx) => {
  describe('bulkWriterOf', () => {
    it('writes tricky text, JSON and nulls that read back identical', async () => {
      const sample = fc.record({
        name: text,
        tags: fc.array(text, { maxLength: 3 }),
        description: textOrNull,
        semantic: fc.option(fc.dictionary(text, text, { maxKeys: 3 }), { nil: null }),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(sample, { minLength: 1, maxLength: 6 }), async (samples) => {
          const ids = samples.map(() => randomUUID());
          const definitions = samples.map((s, i) => definitionRow(ids[i] as string, s));
          const types = samples.flatMap((s, i) =>
            [0, 1].map((p) => entityTypeRow(ids[i] as string, s, p)),
          );
          const em = fx.db.orm.em.fork() as unknown as EntityManager;
          await em.transactional(async (tx) => {
            const writer = await bulkWriterOf(tx);
            await writer.insert(DefinitionSchema, definitions);
            await writer.insert(EntityTypeSchema, types);
          });
          const back = await readBack(em, ids);
          const sorted = [...definitions].sort((a, b) => (a.id < b.id ? -1 : 1));
          expect(back.definitions).toEqual(
            sorted.map((d) => ({
              id: d.id,
              name: d.name,
              description: d.description,
              category: d.category,
              provider: null,
              tags: d.tags,
              document: d.document,
              created_exactly: true,
            })),
          );
          const byDefinition = [...types].sort((a, b) =>
            a.definition === b.definition
              ? a.position - b.position
              : a.definition < b.definition
                ? -1
                : 1,
          );
          expect(back.types).toEqual(
            byDefinition.map((t) => ({
              definition_id: t.definition,
              key: t.key,
              display_name: t.displayName,
              description: t.description,
              semantic: t.semantic,
              primary_key: t.primaryKey,
              position: t.position,
              readonly: t.readonly,
            })),
          );
        }),
        { numRuns: 30 },
      );
    });

    it('rolls the whole transaction back when the database refuses one row', async () => {
      const id = randomUUID();
      const s: Sample = { name: 'refused', tags: [], description: null, semantic: null };
      const em = fx.db.orm.em.fork() as unknown as EntityManager;
      await expect(
        em.transactional(async (tx) => {
          const writer = await bulkWriterOf(tx);
          await writer.insert(DefinitionSchema, [definitionRow(id, s)]);
          // The second entity type repeats the first one's key: the unique index refuses it.
          const first = entityTypeRow(id, s, 0);
          await writer.insert(EntityTypeSchema, [first, { ...first, id: randomUUID() }]);
        }),
      ).rejects.toThrow();
      const back = await readBack(em, [id]);
      expect(back).toEqual({ definitions: [], types: [] });
    });

    it('refuses to write outside a transaction', async () => {
      const em = fx.db.orm.em.fork() as unknown as EntityManager;
      await expect(bulkWriterOf(em)).rejects.toThrow(/open transaction/);
    });
  });
});
