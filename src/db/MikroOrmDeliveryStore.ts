import type { MikroORM } from '@mikro-orm/core';
import type {
  ClaimedDelivery,
  Delivery,
  DeliveryAttempt,
  DeliveryStatus,
  DeliveryStore,
} from '../notify/ports.js';
import { jsonColumn, RawSql } from './RawSql.js';

interface Row {
  id: string;
  event_id: string | number;
  receiver: string;
  status: DeliveryStatus;
  attempt_count: number;
  next_attempt_at: Date | string;
  attempts: DeliveryAttempt[] | string;
  created_at: Date | string;
  updated_at: Date | string;
}

/**
 * DeliveryStore on `notify_delivery` (PGlite or PostgreSQL). Every instance inserts the same
 * rows (`on conflict do nothing`); `claim` is one statement that leases due rows with
 * `for update skip locked`, so two instances never claim the same row, and a lease that ran
 * out (its instance died mid-send) makes the row claimable again.
 */
export class MikroOrmDeliveryStore implements DeliveryStore {
  readonly #sql: RawSql;

  constructor(options: { orm: MikroORM }) {
    this.#sql = new RawSql(options.orm);
  }

  async enqueue(eventId: number, receivers: readonly string[], at: Date): Promise<void> {
    if (receivers.length === 0) return;
    const values = receivers.map(() => `(?, ?, 'pending', ?, ?, ?)`).join(', ');
    await this.#sql.run(
      `insert into "notify_delivery" ("event_id", "receiver", "status", "next_attempt_at", "created_at", "updated_at")
       values ${values} on conflict ("event_id", "receiver") do nothing`,
      receivers.flatMap((r) => [eventId, r, at, at, at]),
    );
  }

  async claim(options: {
    receivers: readonly string[];
    at: Date;
    leaseMs: number;
    limit: number;
  }): Promise<ClaimedDelivery[]> {
    if (options.receivers.length === 0) return [];
    const until = new Date(options.at.getTime() + options.leaseMs);
    const rows = await this.#sql.rows<Row>(
      `update "notify_delivery" set "lease_until" = ?, "updated_at" = ?
        where "id" in (
          select "id" from "notify_delivery"
           where "status" = 'pending' and "next_attempt_at" <= ?
             and ("lease_until" is null or "lease_until" < ?)
             and "receiver" in (${options.receivers.map(() => '?').join(', ')})
           order by "event_id", "receiver" limit ?
           for update skip locked)
        returning "id", "event_id", "receiver", "attempt_count"`,
      [until, options.at, options.at, options.at, ...options.receivers, options.limit],
    );
    return rows.map(claimedOf);
  }

  async record(
    id: string,
    attempt: DeliveryAttempt,
    next: { status: DeliveryStatus; nextAttemptAt: Date; at: Date },
  ): Promise<void> {
    await this.#sql.run(
      `update "notify_delivery"
          set "status" = ?, "attempt_count" = "attempt_count" + 1,
              "attempts" = "attempts" || ?::jsonb, "next_attempt_at" = ?,
              "lease_until" = null, "updated_at" = ?
        where "id" = ?`,
      [next.status, JSON.stringify([attempt]), next.nextAttemptAt, next.at, id],
    );
  }

  async list(options: {
    after?: [number, string];
    limit: number;
    status?: DeliveryStatus;
  }): Promise<Delivery[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (options.after) {
      where.push(`("event_id", "receiver") > (?, ?)`);
      params.push(options.after[0], options.after[1]);
    }
    if (options.status) {
      where.push(`"status" = ?`);
      params.push(options.status);
    }
    const rows = await this.#sql.rows<Row>(
      `select "id", "event_id", "receiver", "status", "attempt_count", "next_attempt_at",
              "attempts", "created_at", "updated_at"
         from "notify_delivery" ${where.length ? `where ${where.join(' and ')}` : ''}
        order by "event_id", "receiver" limit ?`,
      [...params, options.limit],
    );
    return rows.map((r) => ({
      ...claimedOf(r),
      status: r.status,
      nextAttemptAt: new Date(r.next_attempt_at),
      attempts: jsonColumn(r.attempts),
      createdAt: new Date(r.created_at),
      updatedAt: new Date(r.updated_at),
    }));
  }
}

/** The columns of a row that a claim returns. */
function claimedOf(
  r: Pick<Row, 'id' | 'event_id' | 'receiver' | 'attempt_count'>,
): ClaimedDelivery {
  return {
    id: r.id,
    eventId: Number(r.event_id),
    receiver: r.receiver,
    attemptCount: Number(r.attempt_count),
  };
}
