import { EntitySchema } from '@mikro-orm/core';
import { timestamp } from './columns.js';

/**
 * One configured registry source: table `registry_source`. `origin` is what definitions,
 * manifest states and sync runs record; `name` is what the configuration and the API say.
 * They differ only for the source that adopted the rows of a database synced before
 * layering (origin `primary`), so renaming that source never rewrites a row.
 */
export interface RegistrySourceRow {
  origin: string;
  name: string;
  /** Order in the configured list (0 first); later sources overlay earlier ones. */
  position: number;
  /** Where it points, credentials redacted. */
  description: string;
  /** Revision last synced from it. */
  revision?: string | null;
  updatedAt: Date;
}

/** The MikroORM schema of `RegistrySourceRow` (table `registry_source`). */
export const RegistrySourceSchema = new EntitySchema<RegistrySourceRow>({
  name: 'RegistrySourceRow',
  tableName: 'registry_source',
  properties: {
    origin: { type: 'text', primary: true },
    name: { type: 'text', unique: 'registry_source_name_unique' },
    position: { type: 'integer' },
    description: { type: 'text' },
    revision: { type: 'text', nullable: true },
    updatedAt: timestamp(),
  },
});
