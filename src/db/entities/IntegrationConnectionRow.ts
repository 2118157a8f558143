import { EntitySchema } from '@mikro-orm/core';
import { jsonb, timestamp, uuidPk } from './columns.js';

/**
 * One user's connection to one integration: table `integration_connection`, for every
 * integration type (a new integration in the registry needs no code or schema change).
 * `config` holds plain values and, for properties marked `"x-secret": true` in the
 * integration's connection config schema, `{ "$enc": "v1:<keyId>:<iv>:<tag>:<ciphertext>" }`
 * (src/connections/SecretBox.ts). Disconnecting is a soft delete (`is_active = false`).
 */
export interface IntegrationConnectionRow {
  id: string;
  userId: string;
  /** The integration's catalog key (`definition.key` of kind integration). Not a foreign key: rows outlive a removed definition. */
  integrationType: string;
  label?: string | null;
  config: Record<string, unknown>;
  isActive: boolean;
  connectedAt: Date;
  disconnectedAt?: Date | null;
  lastUsedAt?: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

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
  },
  indexes: [
    { name: 'integration_connection_user_id_index', properties: ['userId'] },
    { name: 'integration_connection_integration_type_index', properties: ['integrationType'] },
    {
      name: 'integration_connection_user_id_integration_type_index',
      properties: ['userId', 'integrationType'],
    },
  ],
});
