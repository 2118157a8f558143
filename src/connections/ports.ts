/**
 * The port the connection service speaks to: one repository of connection rows plus the two
 * catalog reads a connection needs. `MikroOrmConnectionRepository` (src/db/connections)
 * implements it on PGlite and PostgreSQL, `InMemoryConnectionRepository` (./testing) in
 * memory; both run the same contract (test/contracts/connectionRepository.cases.ts).
 */

import type { VerificationSpec } from '../manifest/types.js';

/** The part of an integration's current catalog version a connection needs. */
export interface IntegrationSchemaInfo {
  key: string;
  checksum: string;
  connectionConfig: Record<string, unknown>;
  /** Format 1.2: the schema of what the operator supplies once (never stored per user). */
  operatorSettings?: Record<string, unknown>;
  /** Format 1.2: the connection starts pending and is confirmed with a code. */
  verification?: VerificationSpec;
}

/**
 * One user's connection to one integration, as plain data (a copy, never a managed entity).
 * `config` holds plain values and, for properties marked `"x-secret": true` in the
 * integration's connection config schema, `{ "$enc": "v1:<keyId>:<iv>:<tag>:<ciphertext>" }`
 * (SecretBox). Disconnecting is a soft delete (`isActive = false`).
 */
export interface ConnectionRecord {
  id: string;
  userId: string;
  /** The integration's catalog key. Not a foreign key: rows outlive a removed definition. */
  integrationType: string;
  label?: string | null;
  config: Record<string, unknown>;
  isActive: boolean;
  connectedAt: Date;
  disconnectedAt?: Date | null;
  lastUsedAt?: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /**
   * A pending connection's code as its keyed digest `m1:<keyId>:<HMAC-SHA256>`
   * (`SecretBox.digest`), never the code itself; null once confirmed and on connections of integrations without `verification`.
   */
  verificationCodeHash?: string | null;
  /** When the pending connection's code stops being accepted. */
  verificationExpiresAt?: Date | null;
  /** How many more codes may be tried (0: locked). */
  verificationAttemptsLeft?: number | null;
}

/** The fields `updateIfUnchanged` compares: the stored value must equal the given one. */
export type ConnectionGuard = Partial<
  Pick<ConnectionRecord, 'isActive' | 'verificationCodeHash' | 'verificationAttemptsLeft'>
>;

/**
 * Where a page of a connection listing ends: the sort key of its last row. A user's listing
 * sorts by (`connectedAt`, `id`), the listing of one type across users by (`userId`,
 * `connectedAt`, `id`); the next page holds the rows that sort after the key.
 */
export type ConnectionPosition = Pick<ConnectionRecord, 'userId' | 'connectedAt' | 'id'>;

/** One page of a listing: at most `limit` rows after `after` (from the first row without it). */
export interface ConnectionPage {
  after?: ConnectionPosition;
  limit: number;
}

/** Fields a new connection row is written with. */
export type NewConnection = Omit<ConnectionRecord, 'disconnectedAt' | 'lastUsedAt'>;

/**
 * Connection rows and the catalog reads connections need. Every user-scoped call takes the
 * user id and finds nothing under another user's id; every write is a single statement, so
 * a failed call changes nothing.
 */
export interface ConnectionRepository {
  /** The integration's active (not removed) definition in the synced catalog, or undefined. */
  findIntegration(key: string): Promise<IntegrationSchemaInfo | undefined>;
  /** Every active integration definition, by key order (for readiness and migrations). */
  listIntegrations(): Promise<IntegrationSchemaInfo[]>;
  /** The active definitions among `keys`, by key; keys without one are absent. */
  findIntegrations(keys: readonly string[]): Promise<Map<string, IntegrationSchemaInfo>>;
  /** Inserts a row; throws when the id exists. */
  insert(row: NewConnection): Promise<void>;
  /** Updates a user's connection; false when no row of that user has that id. */
  update(
    userId: string,
    id: string,
    fields: Partial<Omit<ConnectionRecord, 'id' | 'userId'>>,
  ): Promise<boolean>;
  /**
   * Updates a user's connection only while every field of `guard` still holds its given value
   * (compare and set, one statement); false when it does not or there is no such row. The
   * confirmation flow takes an attempt and activates a pending connection with it, so two
   * concurrent confirmations never spend one attempt twice or activate twice.
   */
  updateIfUnchanged(
    userId: string,
    id: string,
    guard: ConnectionGuard,
    fields: Partial<Omit<ConnectionRecord, 'id' | 'userId'>>,
  ): Promise<boolean>;
  /** A user's connection by id (active or not), or undefined. */
  findForUser(userId: string, id: string): Promise<ConnectionRecord | undefined>;
  /**
   * One page of a user's connections, oldest first (`connectedAt`, then id): those after
   * `after` (its `userId` is not compared), at most `limit`; active only unless asked.
   */
  listForUser(
    userId: string,
    options: ConnectionPage & { includeDisconnected?: boolean; integrationType?: string },
  ): Promise<ConnectionRecord[]>;
  /**
   * One page of every user's connections of one integration type, by user, then oldest first
   * (`userId`, `connectedAt`, id): those after `after`, at most `limit`.
   */
  listByType(
    integrationType: string,
    options: ConnectionPage & { includeDisconnected?: boolean },
  ): Promise<ConnectionRecord[]>;
  /**
   * Sets `lastUsedAt` of an active connection (of that type and user, when given); false when
   * there is none.
   */
  touch(
    id: string,
    at: Date,
    scope?: { integrationType?: string; userId?: string },
  ): Promise<boolean>;
  /** Every connection (active or not) in id order after `afterId`, at most `limit`: for rekey. */
  page(afterId: string | undefined, limit: number): Promise<ConnectionRecord[]>;
  /**
   * Replaces a connection's config only while its `updatedAt` still equals `updatedAt`
   * (optimistic, for rekey); false when the row changed meanwhile or is gone.
   */
  replaceConfig(id: string, updatedAt: Date, config: Record<string, unknown>): Promise<boolean>;
}

/** One connection the importer writes: a full row, with the import line's key when it had one. */
export type ImportedConnection = NewConnection &
  Pick<ConnectionRecord, 'disconnectedAt' | 'lastUsedAt'> & { importKey: string | null };

/** Where a stored import key points: the user and integration of the connection it wrote. */
export interface ImportKeyOwner {
  userId: string;
  integrationType: string;
}

/**
 * What the importer of legacy connections (ConnectionImporter) needs: the catalog read, the
 * lookups that make a re-run idempotent, and a bulk write. `insertMany` is one statement (all
 * its rows or none); a row whose `importKey` is already stored is skipped, not an error.
 */
export interface ConnectionImportStore {
  /** The active definitions among `keys`, by key (as ConnectionRepository.findIntegrations). */
  findIntegrations(keys: readonly string[]): Promise<Map<string, IntegrationSchemaInfo>>;
  /** The stored import keys among `keys`, with whose connection each wrote. */
  findImportKeys(keys: readonly string[]): Promise<Map<string, ImportKeyOwner>>;
  /** Every connection (active or not) of these users and integration types, for comparing configs. */
  listForUsers(pairs: readonly ImportKeyOwner[]): Promise<ConnectionRecord[]>;
  /** Inserts the rows in one statement; returns the ids written (rows with a stored importKey are not). */
  insertMany(rows: readonly ImportedConnection[]): Promise<string[]>;
}
