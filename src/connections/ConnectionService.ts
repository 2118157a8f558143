import { randomUUID } from 'node:crypto';
import type { ConnectionRecord, ConnectionRepository, IntegrationSchemaInfo } from './ports.js';
import { ConnectionError } from './ConnectionError.js';
import type { UserDataFieldError } from './ConnectionError.js';
import { isEncrypted } from './SecretBox.js';
import type { SecretBox } from './SecretBox.js';
import { getPath, pathPointer, secretPaths, setPath } from './secretPaths.js';
import { validateConnectionConfig } from './validateConnectionConfig.js';

/** A connection as the API shows it: secrets are `{ "set": true }`, never their value. */
export interface ConnectionView {
  id: string;
  userId: string;
  integrationType: string;
  label: string | null;
  config: Record<string, unknown>;
  isActive: boolean;
  connectedAt: string;
  disconnectedAt: string | null;
  lastUsedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** The integration is no longer in the catalog (its definition was removed from the registry). */
  integrationRemoved: boolean;
  /** The stored config validates against the integration's current connection config schema. */
  configValid: boolean;
  /** Why it does not (pointers into `/config`); empty when valid. */
  findings: UserDataFieldError[];
}

export interface CreateConnectionInput {
  integrationType: string;
  label?: string | null;
  config: Record<string, unknown>;
}

export interface UpdateConnectionInput {
  label?: string | null;
  /** Replaces the non-secret properties; a secret omitted (or `{ "set": true }`) keeps its stored value, `null` removes it. */
  config?: Record<string, unknown>;
}

/** What a re-encryption pass did. */
export interface RekeyReport {
  scanned: number;
  reencrypted: number;
  /** Connections with a secret no configured key decrypts (left as they are). */
  failed: Array<{ id: string; reason: string }>;
}

/**
 * Users' connections to integrations: validation against the integration's current
 * `connectionConfig` in the catalog (on save and on every read), encryption of `x-secret`
 * properties, soft delete. Every user method is scoped by `userId`: another user's id finds
 * nothing (NOT_FOUND).
 */
export class ConnectionService {
  readonly #repo: ConnectionRepository;
  readonly #box: SecretBox;
  readonly #now: () => Date;

  constructor(options: { repo: ConnectionRepository; box: SecretBox; now?: () => Date }) {
    this.#repo = options.repo;
    this.#box = options.box;
    this.#now = options.now ?? (() => new Date());
  }

  async create(userId: string, input: CreateConnectionInput): Promise<ConnectionView> {
    const integration = await this.#repo.findIntegration(input.integrationType);
    if (!integration) {
      throw new ConnectionError(
        'INTEGRATION_NOT_FOUND',
        `no integration ${JSON.stringify(input.integrationType)} in the catalog`,
        {
          errors: [
            {
              pointer: '/integrationType',
              rule: 'integration-exists',
              message: `no integration ${JSON.stringify(input.integrationType)} in the catalog`,
            },
          ],
        },
      );
    }
    const id = randomUUID();
    const now = this.#now();
    const config = this.#sealChecked(integration, id, input.config);
    const row: ConnectionRecord = {
      id,
      userId,
      integrationType: integration.key,
      label: input.label ?? null,
      config,
      isActive: true,
      connectedAt: now,
      disconnectedAt: null,
      lastUsedAt: null,
      createdAt: now,
      updatedAt: now,
    };
    await this.#repo.insert(row);
    return this.#view(row, integration);
  }

  async list(
    userId: string,
    options: { includeDisconnected?: boolean; integrationType?: string } = {},
  ): Promise<ConnectionView[]> {
    const rows = await this.#repo.listForUser(userId, options);
    return this.#views(rows);
  }

  async get(userId: string, id: string): Promise<ConnectionView> {
    const row = await this.#find(userId, id);
    const integration = await this.#repo.findIntegration(row.integrationType);
    return this.#view(row, integration);
  }

  async update(userId: string, id: string, input: UpdateConnectionInput): Promise<ConnectionView> {
    const row = await this.#find(userId, id);
    if (!row.isActive)
      throw new ConnectionError(
        'CONNECTION_DISCONNECTED',
        'this connection is disconnected; create a new one',
      );
    const integration = await this.#repo.findIntegration(row.integrationType);
    const fields: Partial<ConnectionRecord> = { updatedAt: this.#now() };
    if (input.label !== undefined) fields.label = input.label;
    if (input.config !== undefined) {
      if (!integration) {
        throw new ConnectionError(
          'INTEGRATION_NOT_FOUND',
          `integration ${JSON.stringify(row.integrationType)} was removed from the registry; its connection config can no longer be changed`,
        );
      }
      // A config save re-encrypts every secret with the current key: rotation completes on save.
      const plain = this.#mergeSecrets(integration, row, input.config);
      fields.config = this.#sealChecked(integration, row.id, plain);
    }
    await this.#repo.update(userId, id, fields);
    return this.#view({ ...row, ...fields }, integration);
  }

  /** Soft delete: the row stays (history), `isActive` false, `disconnectedAt` set. Repeating it is a no-op. */
  async disconnect(userId: string, id: string): Promise<ConnectionView> {
    const row = await this.#find(userId, id);
    if (row.isActive) {
      const now = this.#now();
      const fields = { isActive: false, disconnectedAt: now, updatedAt: now };
      await this.#repo.update(userId, id, fields);
      Object.assign(row, fields);
    }
    return this.#view(row, await this.#repo.findIntegration(row.integrationType));
  }

  /** Connections of one integration type across users (admin). */
  async listByIntegration(
    integrationType: string,
    options: { includeDisconnected?: boolean } = {},
  ): Promise<ConnectionView[]> {
    return this.#views(await this.#repo.listByType(integrationType, options));
  }

  /**
   * Records a use of an active connection (`last_used_at`); false when there is no such active
   * connection. Pass the integration being used (and the user, when known) so an id of another
   * integration or user touches nothing.
   */
  async touchConnection(
    id: string,
    scope: { integrationType?: string; userId?: string } = {},
  ): Promise<boolean> {
    if (!UUID.test(id)) return false;
    return this.#repo.touch(id, this.#now(), scope);
  }

  /**
   * Re-encrypts every stored secret not already under the current key (what `regsync
   * connections rekey` would run after a rotation). Rows changed meanwhile are skipped
   * (optimistic on `updated_at`) and picked up by a second pass; their save already re-encrypted them.
   */
  async rekey(): Promise<RekeyReport> {
    const report: RekeyReport = { scanned: 0, reencrypted: 0, failed: [] };
    const current = this.#box.currentKeyId;
    if (!current)
      throw new ConnectionError(
        'SECRET_KEY_MISSING',
        'REGSYNC_SECRET_KEY is not set: nothing to re-encrypt with',
      );
    let after: string | undefined;
    for (;;) {
      const rows = await this.#repo.page(after, 200);
      if (rows.length === 0) return report;
      for (const row of rows) {
        report.scanned++;
        let config = row.config;
        let changed = false;
        let failed = false;
        for (const [pointer, value] of encryptedLeaves(row.config)) {
          if (this.#box.keyIdOf(value) === current) continue;
          const opened = this.#box.decrypt(value, aad(row.id, pointer));
          if (!opened.ok) {
            report.failed.push({ id: row.id, reason: `${pointer}: ${opened.reason}` });
            failed = true;
            break;
          }
          config = setPath(
            config,
            pointerPath(pointer),
            this.#box.encrypt(opened.value, aad(row.id, pointer)),
          );
          changed = true;
        }
        if (changed && !failed && (await this.#repo.replaceConfig(row.id, row.updatedAt, config)))
          report.reencrypted++;
      }
      after = rows[rows.length - 1]?.id;
    }
  }

  async #find(userId: string, id: string): Promise<ConnectionRecord> {
    const row = UUID.test(id) ? await this.#repo.findForUser(userId, id) : undefined;
    if (!row)
      throw new ConnectionError(
        'NOT_FOUND',
        `no connection ${JSON.stringify(id.slice(0, 64))} for this user`,
      );
    return row;
  }

  /** Validates a plaintext config (400 with pointers), then encrypts its secrets (refused without a key). */
  #sealChecked(
    integration: IntegrationSchemaInfo,
    id: string,
    plain: Record<string, unknown>,
  ): Record<string, unknown> {
    const errors = validateConnectionConfig({
      cacheKey: `${integration.key}@${integration.checksum}`,
      schema: integration.connectionConfig,
      config: plain,
    });
    if (errors.length > 0) {
      throw new ConnectionError(
        'CONFIG_INVALID',
        `the config does not match the ${integration.key} connection config schema`,
        { errors },
      );
    }
    let sealed = plain;
    for (const path of secretPaths(integration.connectionConfig)) {
      const value = getPath(plain, path);
      if (value === undefined) continue;
      sealed = setPath(sealed, path, this.#box.encrypt(value, aad(id, pathPointer(path))));
    }
    return sealed;
  }

  /** The stored config with every secret decrypted (in memory only), and what failed to decrypt. */
  #openAll(row: ConnectionRecord): {
    plain: Record<string, unknown>;
    failures: UserDataFieldError[];
  } {
    let plain = row.config;
    const failures: UserDataFieldError[] = [];
    for (const [pointer, value] of encryptedLeaves(row.config)) {
      const opened = this.#box.decrypt(value, aad(row.id, pointer));
      if (opened.ok) plain = setPath(plain, pointerPath(pointer), opened.value);
      else
        failures.push({
          pointer: `/config${pointer}`,
          rule: 'secret-undecryptable',
          message: opened.reason,
        });
    }
    return { plain, failures };
  }

  /** PATCH semantics for secrets: omitted or `{ "set": true }` keeps the stored value, `null` removes it. */
  #mergeSecrets(
    integration: IntegrationSchemaInfo,
    row: ConnectionRecord,
    next: Record<string, unknown>,
  ): Record<string, unknown> {
    let merged = next;
    const stored = this.#openAll(row);
    for (const path of secretPaths(integration.connectionConfig)) {
      const given = getPath(next, path);
      if (given === null) merged = setPath(merged, path, undefined);
      else if (given === undefined || isSetMarker(given)) {
        const kept = getPath(stored.plain, path);
        if (stored.failures.some((f) => f.pointer === `/config${pathPointer(path)}`)) {
          throw new ConnectionError(
            'CONFIG_INVALID',
            'a stored secret cannot be decrypted with the configured keys; send a new value for it',
            { errors: stored.failures },
          );
        }
        merged = setPath(merged, path, kept);
      }
    }
    return merged;
  }

  async #views(rows: ConnectionRecord[]): Promise<ConnectionView[]> {
    const integrations = await this.#repo.findIntegrations(rows.map((r) => r.integrationType));
    return rows.map((row) => this.#view(row, integrations.get(row.integrationType)));
  }

  /** The API view: re-validated against the current schema (findings as data), secrets masked. */
  #view(row: ConnectionRecord, integration: IntegrationSchemaInfo | undefined): ConnectionView {
    let findings: UserDataFieldError[] = [];
    if (integration) {
      const { plain, failures } = this.#openAll(row);
      const undecryptable = new Set(failures.map((f) => f.pointer));
      const errors = validateConnectionConfig({
        cacheKey: `${integration.key}@${integration.checksum}`,
        schema: integration.connectionConfig,
        config: plain,
      });
      findings = [...failures, ...errors.filter((e) => !undecryptable.has(e.pointer))];
    }
    return {
      id: row.id,
      userId: row.userId,
      integrationType: row.integrationType,
      label: row.label ?? null,
      config: mask(row.config),
      isActive: row.isActive,
      connectedAt: row.connectedAt.toISOString(),
      disconnectedAt: row.disconnectedAt?.toISOString() ?? null,
      lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      integrationRemoved: !integration,
      configValid: integration ? findings.length === 0 : false,
      findings,
    };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Additional authenticated data of one secret: the row and the property it belongs to. */
function aad(id: string, pointer: string): string {
  return `integration_connection:${id}:${pointer}`;
}

function isSetMarker(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1 &&
    (value as { set?: unknown }).set === true
  );
}

/** Every `{ $enc }` in a stored config, by pointer (found by shape, so a secret whose schema changed is still masked). */
function encryptedLeaves(
  config: Record<string, unknown>,
  prefix = '',
  depth = 0,
): Array<[string, { $enc: string }]> {
  const out: Array<[string, { $enc: string }]> = [];
  if (depth > 16) return out;
  for (const [name, value] of Object.entries(config)) {
    const pointer = `${prefix}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (isEncrypted(value)) out.push([pointer, value]);
    else if (value !== null && typeof value === 'object' && !Array.isArray(value))
      out.push(...encryptedLeaves(value as Record<string, unknown>, pointer, depth + 1));
  }
  return out;
}

function pointerPath(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The stored config with every encrypted value replaced by `{ "set": true }`. */
function mask(config: Record<string, unknown>): Record<string, unknown> {
  let masked = config;
  for (const [pointer] of encryptedLeaves(config))
    masked = setPath(masked, pointerPath(pointer), { set: true });
  return masked;
}
