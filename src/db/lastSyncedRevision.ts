import type { EntityManager } from '@mikro-orm/postgresql';
import { SyncRunSchema } from './entities/index.js';

/**
 * Revision of the newest succeeded run: the "sync state" is derived from `sync_run` rather
 * than kept in a table of its own (see SyncRunRow for why).
 */
export async function lastSyncedRevision(
  em: EntityManager,
  origin = 'primary',
): Promise<string | undefined> {
  // Per source (origin): runs recorded before layering read as origin `primary`.
  const run = await em.findOne(
    SyncRunSchema,
    { origin, status: 'succeeded', toRevision: { $ne: null } },
    { orderBy: { startedAt: 'desc' }, fields: ['toRevision'] },
  );
  return run?.toRevision ?? undefined;
}
