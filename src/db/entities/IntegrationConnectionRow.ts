import { EntitySchema } from '@mikro-orm/core';
import type { ConnectionRecord } from '../../connections/ports.js';
import { jsonb, timestamp, uuidPk } from './columns.js';

/**
 * Table `integration_connection`: one user's connection to one integration, for every
 * integration type (a new integration in the registry needs no code or schema change). The
 * row is the port's `ConnectionRecord` (src/connections/ports.ts), defined there once, plus
 * the `importKey` of a connection the importer wrote (null for one created over HTTP).
 */
export type IntegrationConnectionRow = ConnectionRecord & { importKey?: string | null };

/**
 * The MikroORM schema of `IntegrationConnectionRow`: table `integration_connection`, its
 * columns, indexes and relations (docs/database.md describes the table).
 */
export const IntegrationConnectionSchema = new EntitySchema<IntegrationConnectionRow>({
  name: 'IntegrationConnectionRow',
  tableName: 'integration_connection',
  properties: {
    id: uuidPk(),
    userId: { type: 'text' },
    integrationType: { type: 'text' },
    label: { type: 'text', nullable: true },
    config: jsonb("'{}'"),
    isActive: { type: 'boolean', default: true },
    connectedAt: timestamp(),
    disconnectedAt: timestamp({ nullable: true }),
    lastUsedAt: timestamp({ nullable: true }),
    createdAt: timestamp(),
    updatedAt: timestamp(),
    // A pending connection's confirmation (Migration20261208100000); null on every other row.
    verificationCodeHash: { type: 'text', nullable: true },
    verificationExpiresAt: timestamp({ nullable: true }),
    verificationAttemptsLeft: { type: 'integer', nullable: true },
    // Unique, so a re-run of an import skips the lines it wrote (ON CONFLICT DO NOTHING);
    // NULLs are distinct, so connections created over HTTP never clash (Migration20261208110000).
    importKey: { type: 'text', nullable: true, unique: 'integration_connection_import_key_unique' },
  },
  // The first two in the listings' orders, for keyset pages (Migration20261207180000).
  indexes: [
    {
      name: 'integration_connection_user_id_connected_at_id_index',
      properties: ['userId', 'connectedAt', 'id'],
    },
    {
      name: 'integration_connection_type_user_connected_at_id_index',
      properties: ['integrationType', 'userId', 'connectedAt', 'id'],
    },
    {
      name: 'integration_connection_user_id_integration_type_index',
      properties: ['userId', 'integrationType'],
    },
  ],
});
