import { EntitySchema } from '@mikro-orm/core';
import { jsonb, timestamp } from './columns.js';

/** One attempt to deliver an event to a receiver, as the delivery log shows it. */
export interface DeliveryAttemptRow {
  attempt: number;
  at: string;
  durationMs: number;
  /** `delivered`, `retry` (5xx, network error, timeout), `failed` (4xx or attempts used up), `refused` (SSRF policy). */
  outcome: 'delivered' | 'retry' | 'failed' | 'refused';
  httpStatus: number | null;
  error: string | null;
  /** Which instance sent it (host and pid). */
  instance: string;
}

/**
 * One event for one receiver: table `notify_delivery`. Every instance inserts the row for a
 * new event (`on conflict do nothing`); an instance sends it only after claiming it (a
 * `for update skip locked` update that sets `lease_until`), so one instance sends it.
 */
export interface NotifyDeliveryRow {
  id: string;
  eventId: string;
  receiver: string;
  status: 'pending' | 'delivered' | 'failed' | 'refused';
  attemptCount: number;
  nextAttemptAt: Date;
  leaseUntil?: Date | null;
  attempts: DeliveryAttemptRow[];
  createdAt: Date;
  updatedAt: Date;
}

/** The MikroORM schema of `NotifyDeliveryRow` (table `notify_delivery`). */
export const NotifyDeliverySchema = new EntitySchema<NotifyDeliveryRow>({
  name: 'NotifyDeliveryRow',
  tableName: 'notify_delivery',
  properties: {
    id: { type: 'uuid', primary: true, defaultRaw: 'gen_random_uuid()' },
    eventId: { type: 'bigint' },
    receiver: { type: 'text' },
    status: { type: 'text' },
    attemptCount: { type: 'integer', default: 0 },
    nextAttemptAt: timestamp(),
    leaseUntil: timestamp({ nullable: true }),
    attempts: jsonb("'[]'"),
    createdAt: timestamp(),
    updatedAt: timestamp(),
  },
  uniques: [{ name: 'notify_delivery_event_receiver_unique', properties: ['eventId', 'receiver'] }],
  indexes: [
    { name: 'notify_delivery_status_next_attempt_index', properties: ['status', 'nextAttemptAt'] },
  ],
});
