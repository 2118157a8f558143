/**
 * BulkRowWriter on PGlite: `COPY table (columns) FROM '/dev/blob'`, the rows handed over as
 * one Blob of COPY text (PGlite's `blob` query option). PGlite has one session, so this is
 * the session the transaction runs in.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { BulkRowWriter } from './BulkRowWriter.js';
import { copyTextRows } from './copyText.js';
import { copyStatement, type BulkEntity } from './tableColumns.js';

/** The part of a PGlite instance this writer uses. */
export interface PgliteCopyClient {
  query(sql: string, params?: unknown[], options?: { blob?: Blob }): Promise<unknown>;
  execProtocol(...args: never[]): unknown;
}

/** COPY from a Blob on PGlite (see BulkRowWriter). */
export class PgliteCopyWriter implements BulkRowWriter {
  readonly #em: EntityManager;
  readonly #pglite: PgliteCopyClient;

  constructor(em: EntityManager, pglite: PgliteCopyClient) {
    this.#em = em;
    this.#pglite = pglite;
  }

  async insert(schema: BulkEntity, rows: readonly object[]): Promise<void> {
    if (rows.length === 0) return;
    const { sql, columns } = copyStatement(this.#em, schema, rows, "'/dev/blob'");
    await this.#pglite.query(sql, [], { blob: new Blob([copyTextRows(rows, columns)]) });
  }
}
