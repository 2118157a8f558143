/**
 * The lookups of a revision write (definitionLookups.ts) on PGlite and PostgreSQL: what they
 * return, and that a batch of keys or paths costs work in proportion to the batch, not to the
 * table. `key in (...)` walked every `MANIFEST` index entry once per key, which made a cold
 * sync of 100,000 manifests quadratic.
 */
import { describe, expect, it } from 'vitest';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  activeDefinitionIdsAt,
  DEFINITIONS_AT_PATHS,
  definitionsByKindAndKey,
  definitionsOfPairs,
  pairsParameter,
  pathsParameter,
} from '../../../src/db/definitionLookups.js';
import { forEachDatabase } from '../../helpers/databases.js';

/** Adds definitions `<prefix>-<n>` for n in [from, from + count), in one statement, in `em`'s transaction. */
async function addDefinitions(
  em: EntityManager,
  options: { prefix: string; from: number; count: number; kind?: string; removed?: boolean },
): Promise<void> {
  const { prefix, from, count } = options;
  await em.execute(
    `insert into "definition" ("kind", "key", "name", "description", "path", "manifest_version",
       "checksum", "revision", "document", "created_at", "updated_at", "removed_at")
     select ?, ? || i, 'n', 'd', 'integrations/' || ? || i || '/manifest.json',
       '1.0', 'sha256:' || i, 'rev', '{}'::jsonb, now(), now(), ${options.removed ? 'now()' : 'null'}
       from generate_series(?::int, ?::int) as i`,
    [options.kind ?? 'integration', `${prefix}-`, `${prefix}-`, from, from + count - 1],
  );
}

/** Pages (index and table) a statement touched, from EXPLAIN (ANALYZE, BUFFERS). */
async function pagesTouched(em: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const [row] = await em.execute<Array<{ 'QUERY PLAN': unknown }>>(
    `explain (analyze, buffers, format json) ${sql}`,
    params,
  );
  const raw = row?.['QUERY PLAN'];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{
    Plan: { 'Shared Hit Blocks': number; 'Shared Read Blocks': number };
  }>;
  const top = plan[0]?.Plan;
  console.log(
    'PLAN',
    JSON.stringify(plan[0]?.Plan, [
      'Node Type',
      'Join Type',
      'Plans',
      'Index Name',
      'Shared Hit Blocks',
      'Actual Rows',
      'Plan Rows',
    ]),
  );
  if (!top) throw new Error('EXPLAIN returned no plan');
  return top['Shared Hit Blocks'] + top['Shared Read Blocks'];
}

/** Runs `body` in a transaction that is rolled back, so tests of one file leave no rows. */
async function rolledBack(em: EntityManager, body: (em: EntityManager) => Promise<void>) {
  const rollback = new Error('rollback');
  await em
    .transactional(async (trx) => {
      await body(trx as unknown as EntityManager);
      throw rollback;
    })
    .catch((error: unknown) => {
      if (error !== rollback) throw error;
    });
}

forEachDatabase((fx) => {
  const fork = () => fx.db.orm.em.fork() as unknown as EntityManager;

  describe('definitionLookups', () => {
    it('finds definitions by kind and key (removed ones too) and active ones by path and origin', async () => {
      await rolledBack(fork(), async (em) => {
        await addDefinitions(em, { prefix: 'find', from: 0, count: 3 });
        await addDefinitions(em, { prefix: 'find', from: 3, count: 1, removed: true });
        await addDefinitions(em, { prefix: 'find', from: 0, count: 1, kind: 'template' });
        const rows = await definitionsByKindAndKey(
          em,
          [
            { kind: 'integration', key: 'find-1' },
            { kind: 'integration', key: 'find-1' },
            { kind: 'integration', key: 'find-3' },
            { kind: 'template', key: 'find-2' },
            { kind: 'integration', key: 'absent' },
          ],
          { lock: true },
        );
        expect(rows.map((r) => [r.kind, r.key, r.checksum, r.removedAt !== null]).sort()).toEqual([
          ['integration', 'find-1', 'sha256:1', false],
          ['integration', 'find-3', 'sha256:3', true],
        ]);
        const paths = ['integrations/find-0/manifest.json', 'integrations/find-3/manifest.json'];
        // find-0 has an integration and a template at that path; find-3 is removed.
        expect(await activeDefinitionIdsAt(em, paths, 'primary')).toHaveLength(2);
        expect(await activeDefinitionIdsAt(em, paths, 'other')).toEqual([]);
        expect(await definitionsByKindAndKey(em, [])).toEqual([]);
      });
    });

    it('looks up 200 keys and 200 paths in as many pages among 20,000 definitions as among 2,000', async () => {
      await rolledBack(fork(), async (em) => {
        const keys = Array.from({ length: 200 }, (_, i) => `scale-${i * 7}`);
        const byKey = `select "d"."id" ${definitionsOfPairs({ lock: true })}`;
        const keyParams = [pairsParameter(keys.map((key) => ({ kind: 'integration', key })))];
        const byPath = `select "d"."id" ${DEFINITIONS_AT_PATHS} where "d"."source" = 'MANIFEST'`;
        const pathParams = [pathsParameter(keys.map((k) => `integrations/${k}/manifest.json`))];
        // Filled in this transaction and never analyzed, as a cold sync's table is.
        await addDefinitions(em, { prefix: 'scale', from: 0, count: 2_000 });
        const small = [
          await pagesTouched(em, byKey, keyParams),
          await pagesTouched(em, byPath, pathParams),
        ];
        await addDefinitions(em, { prefix: 'scale', from: 2_000, count: 18_000 });
        const large = [
          await pagesTouched(em, byKey, keyParams),
          await pagesTouched(em, byPath, pathParams),
        ];
        // A walk of the table or of an index per lookup touches about ten times as many
        // pages at ten times the rows; one index probe per value about as many (one more
        // level of the index at most).
        for (const [i, pages] of large.entries()) {
          expect(pages).toBeGreaterThan(0);
          expect(pages).toBeLessThan((small[i] ?? 0) * 2);
        }
      });
    });
  });
});
