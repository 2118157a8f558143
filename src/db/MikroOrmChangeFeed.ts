import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type {
  ChangeEvent,
  ChangeFeedReader,
  CursorCheck,
  DefinitionChange,
} from '../feed/ports.js';

interface EventRow {
  id: string | number;
  revision: string;
  previous_revision: string | null;
  changes: DefinitionChange[] | string;
  recorded_at: Date | string;
}

/** ChangeFeedReader on `change_event` and its horizon `change_feed` (PGlite or PostgreSQL). */
export class MikroOrmChangeFeed implements ChangeFeedReader {
  readonly #orm: MikroORM;

  constructor(options: { orm: MikroORM }) {
    this.#orm = options.orm;
  }

  #em(): EntityManager {
    return this.#orm.em.fork() as unknown as EntityManager;
  }

  async after(after: number, limit: number): Promise<ChangeEvent[]> {
    const rows = await this.#em().execute<EventRow[]>(
      `select "id", "revision", "previous_revision", "changes", "recorded_at"
         from "change_event" where "id" > ? order by "id" limit ?`,
      [after, limit],
      'all',
    );
    return rows.map(toEvent);
  }

  async latestId(): Promise<number> {
    const [row] = await this.#em().execute<Array<{ id: string | number | null }>>(
      `select max("id") as "id" from "change_event"`,
      [],
      'all',
    );
    return Number(row?.id ?? 0);
  }

  async checkCursor(after: number): Promise<CursorCheck> {
    const [row] = await this.#em().execute<
      Array<{
        pruned: string | number;
        oldest: string | number | null;
        latest: string | number | null;
      }>
    >(
      `select (select "pruned_through" from "change_feed" where "id" = 1) as "pruned",
              (select min("id") from "change_event") as "oldest",
              (select max("id") from "change_event") as "latest"`,
      [],
      'all',
    );
    const pruned = Number(row?.pruned ?? 0);
    const oldestId = row?.oldest == null ? null : Number(row.oldest);
    const latestId = row?.latest == null ? null : Number(row.latest);
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
    changes: typeof row.changes === 'string' ? JSON.parse(row.changes) : row.changes,
  };
}
