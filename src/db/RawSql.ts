import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Hand-written SQL statements on a fresh EntityManager fork each (no unit of work, no identity
 * map): the stores whose reads and writes are single set-based statements (`for update skip
 * locked`, `on conflict do nothing`, row-value paging) that the query builder does not say
 * better. Placeholders are `?`; the same SQL runs on PGlite and PostgreSQL.
 */
export class RawSql {
  readonly #orm: MikroORM;

  constructor(orm: MikroORM) {
    this.#orm = orm;
  }

  /** The rows a `select` (or a statement with `returning`) gives, in the order it gives them. */
  rows<T extends object>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.#em().execute<T[]>(sql, [...params], 'all');
  }

  /** Runs a statement for its effect. */
  async run(sql: string, params: readonly unknown[] = []): Promise<void> {
    await this.#em().execute(sql, [...params], 'run');
  }

  #em(): EntityManager {
    return this.#orm.em.fork() as unknown as EntityManager;
  }
}

/**
 * A `jsonb` column's value: parsed already by one driver, JSON text from another (raw
 * `execute` skips the entity's type conversion), so both are accepted.
 */
export function jsonColumn<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}

/** A `bigint` column or aggregate (text on PostgreSQL, a number on PGlite) as a number; null stays null. */
export function numberOrNull(value: string | number | null | undefined): number | null {
  return value == null ? null : Number(value);
}
