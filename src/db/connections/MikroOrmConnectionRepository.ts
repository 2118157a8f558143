import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DefinitionSchema, IntegrationConnectionSchema } from '../entities/index.js';
import type { IntegrationManifest } from '../../manifest/types.js';
import type {
  ConnectionGuard,
  ConnectionPage,
  ConnectionPosition,
  ConnectionRecord,
  ConnectionRepository,
  IntegrationSchemaInfo,
  NewConnection,
} from '../../connections/ports.js';

/**
 * The `integration_connection` table and the catalog reads connections need, on a fresh
 * EntityManager fork per call. Every statement is a single set-based read or write (no unit of
 * work); every user-scoped read has `user_id` in its WHERE, so a connection id under another
 * user's path finds nothing.
 */
export class MikroOrmConnectionRepository implements ConnectionRepository {
  readonly #orm: MikroORM;

  constructor(options: { orm: MikroORM }) {
    this.#orm = options.orm;
  }

  #em(): EntityManager {
    return this.#orm.em.fork() as unknown as EntityManager;
  }

  /** The integration's active definition in the synced catalog (never read from files). */
  async findIntegration(key: string): Promise<IntegrationSchemaInfo | undefined> {
    const row = await this.#em().findOne(
      DefinitionSchema,
      { kind: 'integration', key, source: 'MANIFEST', removedAt: null },
      { fields: ['key', 'checksum', 'document'] },
    );
    return row ? schemaInfo(row) : undefined;
  }

  /** Every active integration definition, by key. */
  async listIntegrations(): Promise<IntegrationSchemaInfo[]> {
    const rows = await this.#em().find(
      DefinitionSchema,
      { kind: 'integration', source: 'MANIFEST', removedAt: null },
      { fields: ['key', 'checksum', 'document'], orderBy: { key: 'asc' } },
    );
    return rows.map(schemaInfo);
  }

  /** The active definitions among `keys`, by key (one query). */
  async findIntegrations(keys: readonly string[]): Promise<Map<string, IntegrationSchemaInfo>> {
    const unique = [...new Set(keys)];
    if (unique.length === 0) return new Map();
    const rows = await this.#em().find(
      DefinitionSchema,
      { kind: 'integration', key: { $in: unique }, source: 'MANIFEST', removedAt: null },
      { fields: ['key', 'checksum', 'document'] },
    );
    return new Map(rows.map((row) => [row.key, schemaInfo(row)]));
  }

  async insert(row: NewConnection): Promise<void> {
    await this.#em().insert(IntegrationConnectionSchema, row);
  }

  /** Updates a user's connection; false when no row of that user has that id. */
  async update(
    userId: string,
    id: string,
    fields: Partial<Omit<ConnectionRecord, 'id' | 'userId'>>,
  ): Promise<boolean> {
    const count = await this.#em().nativeUpdate(
      IntegrationConnectionSchema,
      { id, userId },
      fields,
    );
    return count > 0;
  }

  /** Compare and set in one UPDATE: the guard's columns join the WHERE. */
  async updateIfUnchanged(
    userId: string,
    id: string,
    guard: ConnectionGuard,
    fields: Partial<Omit<ConnectionRecord, 'id' | 'userId'>>,
  ): Promise<boolean> {
    const count = await this.#em().nativeUpdate(
      IntegrationConnectionSchema,
      { id, userId, ...guard },
      fields,
    );
    return count > 0;
  }

  async findForUser(userId: string, id: string): Promise<ConnectionRecord | undefined> {
    const row = await this.#em().findOne(IntegrationConnectionSchema, { id, userId });
    return row ? { ...row } : undefined;
  }

  /**
   * A page of a user's connections, oldest first; active only unless asked (a range scan of
   * the (user_id, connected_at, id) index).
   */
  async listForUser(
    userId: string,
    options: ConnectionPage & { includeDisconnected?: boolean; integrationType?: string },
  ): Promise<ConnectionRecord[]> {
    const rows = await this.#em().find(
      IntegrationConnectionSchema,
      {
        userId,
        ...(options.integrationType ? { integrationType: options.integrationType } : {}),
        ...(options.includeDisconnected ? {} : { isActive: true }),
        ...(options.after ? afterTime(options.after) : {}),
      },
      { orderBy: { connectedAt: 'asc', id: 'asc' }, limit: options.limit },
    );
    return rows.map((r) => ({ ...r }));
  }

  /**
   * A page of every user's connections of one integration type (a range scan of the
   * (integration_type, user_id, connected_at, id) index).
   */
  async listByType(
    integrationType: string,
    options: ConnectionPage & { includeDisconnected?: boolean },
  ): Promise<ConnectionRecord[]> {
    const after = options.after;
    const rows = await this.#em().find(
      IntegrationConnectionSchema,
      {
        integrationType,
        ...(options.includeDisconnected ? {} : { isActive: true }),
        ...(after
          ? {
              $or: [
                { userId: { $gt: after.userId } },
                { userId: after.userId, ...afterTime(after) },
              ],
            }
          : {}),
      },
      { orderBy: { userId: 'asc', connectedAt: 'asc', id: 'asc' }, limit: options.limit },
    );
    return rows.map((r) => ({ ...r }));
  }

  /** Sets last_used_at of an active connection (of that type and user, when given); false when there is none. */
  async touch(
    id: string,
    at: Date,
    scope: { integrationType?: string; userId?: string } = {},
  ): Promise<boolean> {
    const where = {
      id,
      isActive: true,
      ...(scope.integrationType ? { integrationType: scope.integrationType } : {}),
      ...(scope.userId ? { userId: scope.userId } : {}),
    };
    const count = await this.#em().nativeUpdate(IntegrationConnectionSchema, where, {
      lastUsedAt: at,
    });
    return count > 0;
  }

  /** Every connection (active or not), in id order, a page at a time: for re-encryption. */
  async page(afterId: string | undefined, limit: number): Promise<ConnectionRecord[]> {
    const rows = await this.#em().find(
      IntegrationConnectionSchema,
      afterId ? { id: { $gt: afterId } } : {},
      { orderBy: { id: 'asc' }, limit },
    );
    return rows.map((r) => ({ ...r }));
  }

  /** Replaces a connection's stored config only if it is still `expected` (optimistic, for rekey). */
  async replaceConfig(
    id: string,
    updatedAt: Date,
    config: Record<string, unknown>,
  ): Promise<boolean> {
    const count = await this.#em().nativeUpdate(
      IntegrationConnectionSchema,
      { id, updatedAt },
      { config },
    );
    return count > 0;
  }
}

/** The part of a stored definition row a connection needs. */
function schemaInfo(row: {
  key: string;
  checksum: string;
  document: unknown;
}): IntegrationSchemaInfo {
  const integration = (row.document as IntegrationManifest).integration;
  return {
    key: row.key,
    checksum: row.checksum,
    connectionConfig: integration.connectionConfig,
    ...(integration.operatorSettings ? { operatorSettings: integration.operatorSettings } : {}),
    ...(integration.verification ? { verification: integration.verification } : {}),
  };
}

/** Rows after `after` in (connected_at, id) order (the keyset condition, spelt out for the ORM). */
function afterTime(after: ConnectionPosition) {
  return {
    $or: [
      { connectedAt: { $gt: after.connectedAt } },
      { connectedAt: after.connectedAt, id: { $gt: after.id } },
    ],
  };
}
