import { EntitySchema } from '@mikro-orm/core';
import type { DefinitionChange } from '../../feed/ports.js';
import { jsonb, timestamp } from './columns.js';

/**
 * One change of the served catalog: table `change_event`, written by applyRevision in the
 * revision's transaction (recordChangeEvent.ts). `id` is a bigserial: the feed's cursor.
 */
export interface ChangeEventRow {
  id: string;
  revision: string;
  previousRevision?: string | null;
  changes: DefinitionChange[];
  recordedAt: Date;
}

/** The MikroORM schema of `ChangeEventRow` (table `change_event`). */
export const ChangeEventSchema = new EntitySchema<ChangeEventRow>({
  name: 'ChangeEventRow',
  tableName: 'change_event',
  properties: {
    id: { type: 'bigint', primary: true, autoincrement: true },
    revision: { type: 'text' },
    previousRevision: { type: 'text', nullable: true },
    changes: jsonb("'[]'"),
    recordedAt: timestamp(),
  },
  indexes: [{ name: 'change_event_recorded_at_index', properties: ['recordedAt'] }],
});

/**
 * The feed's horizon: table `change_feed`, one row (`id` 1). `pruned_through` is the newest
 * event id the retention deleted, so a cursor below it has missed events; ids can have gaps
 * (a rolled-back sync consumes one), so the oldest retained id alone cannot say that.
 */
export interface ChangeFeedRow {
  id: number;
  prunedThrough: string;
}

/** The MikroORM schema of `ChangeFeedRow` (table `change_feed`, one row). */
export const ChangeFeedSchema = new EntitySchema<ChangeFeedRow>({
  name: 'ChangeFeedRow',
  tableName: 'change_feed',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: false },
    prunedThrough: { type: 'bigint', default: 0 },
  },
});
