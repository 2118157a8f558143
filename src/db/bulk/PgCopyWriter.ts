/**
 * BulkRowWriter on node-postgres: `COPY table (columns) FROM STDIN` in text format through
 * pg-copy-streams, on the transaction's own client. The rows go to the server as data in
 * COPY messages: nothing is parsed as SQL, and no statement text grows with the rows.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { EntityManager } from '@mikro-orm/postgresql';
import { from as copyFrom, type CopyStreamQuery } from 'pg-copy-streams';
import type { BulkRowWriter } from './BulkRowWriter.js';
import { copyTextRows } from './copyText.js';
import { copyStatement, type BulkEntity } from './tableColumns.js';

/** The part of a node-postgres `Client` this writer uses. */
export interface PgCopyClient {
  query(stream: CopyStreamQuery): CopyStreamQuery;
}

/** Rows encoded and written per COPY data chunk: bounds the string held at once. */
const ROWS_PER_CHUNK = 2000;

/** COPY FROM STDIN on one node-postgres client (see BulkRowWriter). */
export class PgCopyWriter implements BulkRowWriter {
  readonly #em: EntityManager;
  readonly #client: PgCopyClient;

  constructor(em: EntityManager, client: PgCopyClient) {
    this.#em = em;
    this.#client = client;
  }

  async insert(schema: BulkEntity, rows: readonly object[]): Promise<void> {
    if (rows.length === 0) return;
    const { sql, columns } = copyStatement(this.#em, schema, rows, 'stdin');
    const stream = this.#client.query(copyFrom(sql));
    function* data() {
      for (let i = 0; i < rows.length; i += ROWS_PER_CHUNK)
        yield copyTextRows(rows.slice(i, i + ROWS_PER_CHUNK), columns);
    }
    await pipeline(Readable.from(data()), stream);
  }
}
