import { EntitySchema } from '@mikro-orm/core';
import type { InvalidManifest, SyncRunStatus, SyncTrigger } from '../../sync/ports.js';
import { jsonb, timestamp } from './columns.js';

/**
 * One sync run: table `sync_run`, written when the run starts and again when it ends.
 *
 * There is no `sync_state` table: the last synced revision is the `to_revision` of the newest
 * succeeded run (index `sync_run_status_started_at_index`). One source of truth, written
 * in the same statement that records the run, so the two cannot disagree; the price is that
 * a retention job must keep the newest succeeded run (losing it only costs one full
 * checksum comparison, never a wrong result).
 */
export interface SyncRunRow {
  id: string;
  trigger: SyncTrigger;
  /** Origin of the source the run synced (`primary` for runs recorded before layering). */
  origin: string;
  source: string;
  fromRevision?: string | null;
  toRevision?: string | null;
  status: SyncRunStatus;
  reason: string;
  message?: string | null;
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  invalid: number;
  invalidManifests: InvalidManifest[];
  upgraded: Array<{ path: string; from: string }>;
  startedAt: Date;
  finishedAt?: Date | null;
  durationMs?: number | null;
}

/**
 * The MikroORM schema of `SyncRunRow`: table `sync_run`, its columns, indexes and relations
 * (docs/database.md describes the table).
 */
export const SyncRunSchema = new EntitySchema<SyncRunRow>({
  name: 'SyncRunRow',
  tableName: 'sync_run',
  properties: {
    id: { type: 'uuid', primary: true },
    trigger: { type: 'text' },
    origin: { type: 'text', default: 'primary' },
    source: { type: 'text' },
    fromRevision: { type: 'text', nullable: true },
    toRevision: { type: 'text', nullable: true },
    status: { type: 'text' },
    reason: { type: 'text' },
    message: { type: 'text', nullable: true },
    added: { type: 'integer', default: 0 },
    updated: { type: 'integer', default: 0 },
    unchanged: { type: 'integer', default: 0 },
    removed: { type: 'integer', default: 0 },
    invalid: { type: 'integer', default: 0 },
    invalidManifests: jsonb("'[]'"),
    upgraded: jsonb("'[]'"),
    startedAt: timestamp(),
    finishedAt: timestamp({ nullable: true }),
    durationMs: { type: 'integer', nullable: true },
  },
  indexes: [
    { name: 'sync_run_started_at_index', properties: ['startedAt'] },
    { name: 'sync_run_status_started_at_index', properties: ['status', 'startedAt'] },
    {
      name: 'sync_run_origin_status_started_at_index',
      properties: ['origin', 'status', 'startedAt'],
    },
  ],
});
