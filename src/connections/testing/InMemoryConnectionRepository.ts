import type {
  ConnectionGuard,
  ConnectionPage,
  ConnectionPosition,
  ConnectionRecord,
  ConnectionRepository,
  IntegrationSchemaInfo,
  NewConnection,
} from '../ports.js';

/**
 * The ConnectionRepository contract in memory, for tests of the connection service without a
 * database. Runs the same contract as MikroOrmConnectionRepository
 * (test/contracts/connectionRepository.cases.ts). The catalog it reads is what `publish` put
 * there; every read returns copies, as the database does.
 */
export class InMemoryConnectionRepository implements ConnectionRepository {
  readonly #rows = new Map<string, ConnectionRecord>();
  readonly #integrations = new Map<string, IntegrationSchemaInfo>();

  /** Makes an integration's current version visible to `findIntegration` (a sync wrote it). */
  publish(info: IntegrationSchemaInfo): void {
    this.#integrations.set(info.key, structuredClone(info));
  }

  /** Removes an integration from the catalog (its manifest was deleted from the registry). */
  unpublish(key: string): void {
    this.#integrations.delete(key);
  }

  async findIntegration(key: string): Promise<IntegrationSchemaInfo | undefined> {
    const info = this.#integrations.get(key);
    return info ? structuredClone(info) : undefined;
  }

  async listIntegrations(): Promise<IntegrationSchemaInfo[]> {
    return [...this.#integrations.values()]
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((info) => structuredClone(info));
  }

  async findIntegrations(keys: readonly string[]): Promise<Map<string, IntegrationSchemaInfo>> {
    const found = new Map<string, IntegrationSchemaInfo>();
    for (const key of new Set(keys)) {
      const info = this.#integrations.get(key);
      if (info) found.set(key, structuredClone(info));
    }
    return found;
  }

  async insert(row: NewConnection): Promise<void> {
    if (this.#rows.has(row.id)) throw new Error(`duplicate key: connection ${row.id} exists`);
    this.#rows.set(row.id, {
      disconnectedAt: null,
      lastUsedAt: null,
      verificationCodeHash: null,
      verificationExpiresAt: null,
      verificationAttemptsLeft: null,
      ...structuredClone(row),
    });
  }

  async update(
    userId: string,
    id: string,
    fields: Partial<Omit<ConnectionRecord, 'id' | 'userId'>>,
  ): Promise<boolean> {
    const row = this.#rows.get(id);
    if (!row || row.userId !== userId) return false;
    this.#rows.set(id, { ...row, ...structuredClone(fields) });
    return true;
  }

  async updateIfUnchanged(
    userId: string,
    id: string,
    guard: ConnectionGuard,
    fields: Partial<Omit<ConnectionRecord, 'id' | 'userId'>>,
  ): Promise<boolean> {
    const row = this.#rows.get(id);
    if (!row || row.userId !== userId) return false;
    for (const [name, value] of Object.entries(guard)) {
      // An absent column reads as null, as in the database.
      if ((row[name as keyof ConnectionGuard] ?? null) !== (value ?? null)) return false;
    }
    this.#rows.set(id, { ...row, ...structuredClone(fields) });
    return true;
  }

  async findForUser(userId: string, id: string): Promise<ConnectionRecord | undefined> {
    const row = this.#rows.get(id);
    return row && row.userId === userId ? structuredClone(row) : undefined;
  }

  async listForUser(
    userId: string,
    options: ConnectionPage & { includeDisconnected?: boolean; integrationType?: string },
  ): Promise<ConnectionRecord[]> {
    const after = options.after;
    return this.#select(
      (r) =>
        r.userId === userId &&
        (!options.integrationType || r.integrationType === options.integrationType) &&
        (options.includeDisconnected || r.isActive) &&
        (!after || byUserTime(r, { ...after, userId }) > 0),
      byUserTime,
    ).slice(0, options.limit);
  }

  async listByType(
    integrationType: string,
    options: ConnectionPage & { includeDisconnected?: boolean },
  ): Promise<ConnectionRecord[]> {
    const after = options.after;
    return this.#select(
      (r) =>
        r.integrationType === integrationType &&
        (options.includeDisconnected || r.isActive) &&
        (!after || byUserTime(r, after) > 0),
      byUserTime,
    ).slice(0, options.limit);
  }

  async touch(
    id: string,
    at: Date,
    scope: { integrationType?: string; userId?: string } = {},
  ): Promise<boolean> {
    const row = this.#rows.get(id);
    if (!row || !row.isActive) return false;
    if (scope.integrationType && row.integrationType !== scope.integrationType) return false;
    if (scope.userId && row.userId !== scope.userId) return false;
    this.#rows.set(id, { ...row, lastUsedAt: new Date(at) });
    return true;
  }

  async page(afterId: string | undefined, limit: number): Promise<ConnectionRecord[]> {
    return this.#select(
      (r) => afterId === undefined || byText(r.id, afterId) > 0,
      (a, b) => byText(a.id, b.id),
    ).slice(0, limit);
  }

  async replaceConfig(
    id: string,
    updatedAt: Date,
    config: Record<string, unknown>,
  ): Promise<boolean> {
    const row = this.#rows.get(id);
    if (!row || row.updatedAt.getTime() !== updatedAt.getTime()) return false;
    this.#rows.set(id, { ...row, config: structuredClone(config) });
    return true;
  }

  #select(
    keep: (row: ConnectionRecord) => boolean,
    order: (a: ConnectionRecord, b: ConnectionRecord) => number,
  ): ConnectionRecord[] {
    return [...this.#rows.values()]
      .filter(keep)
      .sort(order)
      .map((r) => structuredClone(r));
  }
}

/** The listings' order: user, then connection time, then id. */
function byUserTime(a: ConnectionPosition, b: ConnectionPosition): number {
  return byText(a.userId, b.userId) || byTime(a.connectedAt, b.connectedAt) || byText(a.id, b.id);
}

function byTime(a: Date, b: Date): number {
  return a.getTime() - b.getTime();
}

/**
 * Code-unit order: PostgreSQL's order for uuids, and for the lowercase ASCII user ids the
 * contract uses under any collation.
 */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
