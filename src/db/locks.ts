/**
 * Advisory lock keys of Regsync on PostgreSQL: (class, object) pairs of int4, the class being
 * "Rgsy" in ASCII so the locks are recognisable in pg_locks.
 */
export const ADVISORY_LOCK_CLASS = 0x52677379;

/** Held by the one instance that syncs. */
export const SYNC_LOCK_OBJECT = 1;

/** Held while migrations run, so instances starting together migrate one after the other. */
export const MIGRATION_LOCK_OBJECT = 2;
