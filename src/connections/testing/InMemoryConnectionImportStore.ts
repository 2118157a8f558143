import type {
  ConnectionImportStore,
  ConnectionRecord,
  ImportedConnection,
  ImportKeyOwner,
  IntegrationSchemaInfo,
} from '../ports.js';
import type { InMemoryConnectionRepository } from './InMemoryConnectionRepository.js';

/**
 * The ConnectionImportStore contract in memory, for tests of the importer without a database.
 * Like MikroOrmConnectionImportStore beside MikroOrmConnectionRepository, it reads the catalog
 * of, and writes its connections into, the repository it is given (so the connection service
 * sees what it imported); the import keys are kept here, as the column only the importer
 * writes. Runs the same contract as the database store
 * (test/contracts/connectionImportStore.cases.ts).
 */
export class InMemoryConnectionImportStore implements ConnectionImportStore {
  readonly #repository: InMemoryConnectionRepository;
  /** importKey -> the connection it wrote. */
  readonly #keys = new Map<string, ImportKeyOwner>();

  constructor(options: { repository: InMemoryConnectionRepository }) {
    this.#repository = options.repository;
  }

  findIntegrations(keys: readonly string[]): Promise<Map<string, IntegrationSchemaInfo>> {
    return this.#repository.findIntegrations(keys);
  }

  async findImportKeys(keys: readonly string[]): Promise<Map<string, ImportKeyOwner>> {
    const found = new Map<string, ImportKeyOwner>();
    for (const key of new Set(keys)) {
      const owner = this.#keys.get(key);
      if (owner) found.set(key, { ...owner });
    }
    return found;
  }

  async listForUsers(pairs: readonly ImportKeyOwner[]): Promise<ConnectionRecord[]> {
    if (pairs.length === 0) return [];
    const wanted = new Set(pairs.map((p) => `${p.integrationType}\u0000${p.userId}`));
    const rows = await this.#repository.page(undefined, Number.POSITIVE_INFINITY);
    return rows.filter((r) => wanted.has(`${r.integrationType}\u0000${r.userId}`));
  }

  /**
   * All rows or none, as one statement: a duplicate id (stored, or twice in `rows`) throws
   * before anything is written. A row whose importKey is stored, or taken by an earlier row of
   * the same call, is skipped (`on conflict do nothing`).
   */
  async insertMany(rows: readonly ImportedConnection[]): Promise<string[]> {
    const ids = new Set(
      (await this.#repository.page(undefined, Number.POSITIVE_INFINITY)).map((r) => r.id),
    );
    for (const row of rows) {
      if (ids.has(row.id)) throw new Error(`duplicate key: connection ${row.id} exists`);
      ids.add(row.id);
    }
    const written: string[] = [];
    for (const { importKey, ...row } of rows) {
      if (importKey !== null) {
        if (this.#keys.has(importKey)) continue;
        this.#keys.set(importKey, { userId: row.userId, integrationType: row.integrationType });
      }
      await this.#repository.insert(row);
      written.push(row.id);
    }
    return written;
  }
}
