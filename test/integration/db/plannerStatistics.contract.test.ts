/**
 * After a large revision write the catalog tables have planner statistics (ANALYZE,
 * refreshPlannerStatistics.ts), so the next sync's lookups by path and key use the indexes;
 * a small write leaves them as they were. PGlite has no autovacuum, and the PostgreSQL of
 * these machines runs without it: nothing else would ever analyze them.
 */
import { describe, expect, it } from 'vitest';
import { ANALYZE_AFTER_MANIFESTS } from '../../../src/db/refreshPlannerStatistics.js';
import { forEachDatabase } from '../../helpers/databases.js';
import { integration, valid } from './manifests.js';

forEachDatabase((fx) => {
  /** The planner's row count of each table (-1: never analyzed or vacuumed). */
  const plannedRows = async (): Promise<Record<string, number>> => {
    const rows = (await fx.db.orm.em
      .fork()
      .getConnection()
      .execute(
        `select relname, reltuples from pg_class
          where relname in ('definition', 'manifest_state', 'entity_type', 'attribute')
            and relkind = 'r'`,
      )) as Array<{ relname: string; reltuples: number | string }>;
    return Object.fromEntries(rows.map((r) => [r.relname, Number(r.reltuples)]));
  };

  describe('planner statistics after a revision write', () => {
    it('a small write leaves them; a write of many manifests refreshes them', async () => {
      await fx.db.store.applyRevision({
        revision: 'rev-1',
        save: Array.from({ length: 5 }, (_, i) => valid(integration(`small-${i}`))),
        recovered: [],
        invalid: [],
        removed: [],
      });
      const before = await plannedRows();
      expect(before.definition).toBeLessThan(5);

      const many = ANALYZE_AFTER_MANIFESTS + 5;
      await fx.db.store.applyRevision({
        revision: 'rev-2',
        save: Array.from({ length: many }, (_, i) => valid(integration(`bulk-${i}`))),
        recovered: [],
        invalid: [],
        removed: [],
      });
      const after = await plannedRows();
      // The sample is the whole table at this size: the counts are exact.
      expect(after.definition).toBe(many + 5);
      expect(after.manifest_state).toBe(many + 5);
      // Two entity types per manifest in these fixtures, each with its attributes.
      expect(after.entity_type).toBeGreaterThanOrEqual(many + 5);
      expect(after.attribute).toBeGreaterThan(after.entity_type ?? 0);
    });
  });
});
