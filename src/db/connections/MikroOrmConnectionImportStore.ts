import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { IntegrationConnectionSchema } from '../entities/index.js';
import type {
  ConnectionImportStore,
  ConnectionRecord,
  ImportedConnection,
  ImportKeyOwner,
  IntegrationSchemaInfo,
} from '../../connections/ports.js';
import { MikroOrmConnectionRepository } from './MikroOrmConnectionRepository.js';

/**
 * The importer's side of `integration_connection` on PGlite and PostgreSQL. The write is one
 * `INSERT … SELECT FROM jsonb_to_recordset($1)` per batch: a single parameter whatever the
 * batch size (a VALUES list would need 12 parameters a row and meets PostgreSQL's 65,535
 * limit at 5,461 rows), and one round trip instead of one per connection.
 */
export class MikroOrmConnectionImportStore implements ConnectionImportStore {
  readonly #orm: MikroORM;
  readonly #catalog: MikroOrmConnectionRepository;

  constructor(options: { orm: MikroORM }) {
    this.#orm = options.orm;
    this.#catalog = new MikroOrmConnectionRepository(options);
  }

  #em(): EntityManager {
    return this.#orm.em.fork() as unknown as EntityManager;
  }

  findIntegrations(keys: readonly string[]): Promise<Map<string, IntegrationSchemaInfo>> {
    return this.#catalog.findIntegrations(keys);
  }

  async findImportKeys(keys: readonly string[]): Promise<Map<string, ImportKeyOwner>> {
    if (keys.length === 0) return new Map();
    // Plain rows, not entities: hydrating a thousand managed rows per batch cost more than
    // the query (a re-run of a 100,000-line file is nothing but this lookup).
    const rows = await this.#em().execute<
      Array<{ import_key: string; user_id: string; integration_type: string }>
    >(
      `select "import_key", "user_id", "integration_type" from "integration_connection"
        where "import_key" in (select jsonb_array_elements_text(cast(? as jsonb)))`,
      [JSON.stringify([...new Set(keys)])],
      'all',
    );
    return new Map(
      rows.map((r) => [r.import_key, { userId: r.user_id, integrationType: r.integration_type }]),
    );
  }

  /**
   * The connections of these (user, type) pairs: one query on the (user_id, integration_type)
   * index for the users and types, the pairs then matched here.
   */
  async listForUsers(pairs: readonly ImportKeyOwner[]): Promise<ConnectionRecord[]> {
    if (pairs.length === 0) return [];
    const wanted = new Set(pairs.map((p) => `${p.integrationType}\u0000${p.userId}`));
    const rows = await this.#em().find(IntegrationConnectionSchema, {
      userId: { $in: [...new Set(pairs.map((p) => p.userId))] },
      integrationType: { $in: [...new Set(pairs.map((p) => p.integrationType))] },
    });
    return rows
      .filter((r) => wanted.has(`${r.integrationType}\u0000${r.userId}`))
      .map((r) => ({ ...r }));
  }

  async insertMany(rows: readonly ImportedConnection[]): Promise<string[]> {
    if (rows.length === 0) return [];
    const records = rows.map((r) => ({
      id: r.id,
      user_id: r.userId,
      integration_type: r.integrationType,
      label: r.label ?? null,
      config: r.config,
      is_active: r.isActive,
      connected_at: r.connectedAt.toISOString(),
      disconnected_at: r.disconnectedAt?.toISOString() ?? null,
      last_used_at: r.lastUsedAt?.toISOString() ?? null,
      created_at: r.createdAt.toISOString(),
      updated_at: r.updatedAt.toISOString(),
      import_key: r.importKey,
    }));
    const written = await this.#em().execute<Array<{ id: string }>>(
      `insert into "integration_connection"
         ("id", "user_id", "integration_type", "label", "config", "is_active", "connected_at",
          "disconnected_at", "last_used_at", "created_at", "updated_at", "import_key")
       select "id", "user_id", "integration_type", "label", "config", "is_active", "connected_at",
              "disconnected_at", "last_used_at", "created_at", "updated_at", "import_key"
         from jsonb_to_recordset(cast(? as jsonb)) as r(
           "id" uuid, "user_id" text, "integration_type" text, "label" text, "config" jsonb,
           "is_active" boolean, "connected_at" timestamptz, "disconnected_at" timestamptz,
           "last_used_at" timestamptz, "created_at" timestamptz, "updated_at" timestamptz,
           "import_key" text)
       on conflict ("import_key") do nothing
       returning "id"`,
      [JSON.stringify(records)],
      'all',
    );
    return written.map((r) => r.id);
  }
}
