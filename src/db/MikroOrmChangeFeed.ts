import type { MikroORM } from '@mikro-orm/core';
import type {
  ChangeEvent,
  ChangeFeedReader,
  CursorCheck,
  DefinitionChange,
} from '../feed/ports.js';
import { jsonColumn, numberOrNull, RawSql } from './RawSql.js';

interface EventRow {
  id: string | number;
  revision: string;
  previous_revision: string | null;
  changes: DefinitionChange[] | string;
  recorded_at: Date | string;
}

/** ChangeFeedReader on `change_event` and its horizon `change_feed` (PGlite or PostgreSQL). */
export class MikroOrmChangeFeed implements ChangeFeedReader {
  readonly #sql: RawSql;

  constructor(options: { orm: MikroORM }) {
    this.#sql = new RawSql(options.orm);
  }

  async after(after: number, limit: number): Promise<ChangeEvent[]> {
    const rows = await this.#sql.rows<EventRow>(
      `select "id", "revision", "previous_revision", "changes", "recorded_at"
         from "change_event" where "id" > ? order by "id" limit ?`,
      [after, limit],
    );
    return rows.map(toEvent);
  }

  async latestId(): Promise<number> {
    const [row] = await this.#sql.rows<{ id: string | number | null }>(
      `select max("id") as "id" from "change_event"`,
    );
    return numberOrNull(row?.id) ?? 0;
  }

  async checkCursor(after: number): Promise<CursorCheck> {
    const [row] = await this.#sql.rows<{
      pruned: string | number;
      oldest: string | number | null;
      latest: string | number | null;
    }>(
      `select (select "pruned_through" from "change_feed" where "id" = 1) as "pruned",
              (select min("id") from "change_event") as "oldest",
              (select max("id") from "change_event") as "latest"`,
    );
    const pruned = numberOrNull(row?.pruned) ?? 0;
    const oldestId = numberOrNull(row?.oldest);
    const latestId = numberOrNull(row?.latest);
    // Beyond the newest id (or the horizon when the table is empty): a cursor of another
    // database, or of this one before a restore; only a resync is safe.
    const beyond = after > Math.max(latestId ?? 0, pruned);
    if (after < pruned || beyond) return { ok: false, oldestId, latestId };
    return { ok: true };
  }
}

function toEvent(row: EventRow): ChangeEvent {
  return {
    id: Number(row.id),
    revision: row.revision,
    previousRevision: row.previous_revision,
    recordedAt: new Date(row.recorded_at),
    changes: jsonColumn(row.changes),
  };
}
