/**
 * The port the cold write goes through for its large inserts: rows sent as data (COPY)
 * on the driver's own connection, inside the caller's transaction, instead of statements
 * MikroORM formats client-side with every value inlined (made by `bulkWriterOf`; see docs/performance.md, "Issue 13
 * point 1"). One implementation per driver: `PgCopyWriter` (node-postgres with
 * pg-copy-streams) and `PgliteCopyWriter` (PGlite's `/dev/blob`).
 */
import type { BulkEntity } from './tableColumns.js';

/** Inserts many rows of one entity at once, on one connection inside one transaction. */
export interface BulkRowWriter {
  /**
   * Inserts `rows` (entity property names as keys, the shape `em.insertMany` takes; every
   * row with the first row's keys) into `schema`'s table. Columns no row names get their
   * table defaults. Rejects, leaving the transaction to roll back, on any database error.
   */
  insert(schema: BulkEntity, rows: readonly object[]): Promise<void>;
}
