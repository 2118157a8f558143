import { randomUUID } from 'node:crypto';
import type {
  ConnectionPage,
  ConnectionPosition,
  ConnectionRecord,
  ConnectionRepository,
  IntegrationSchemaInfo,
} from './ports.js';
import { ConnectionError } from './ConnectionError.js';
import type { FieldError } from '../errors/FieldError.js';
import type { SecretBox } from './SecretBox.js';
import { getPath, pathPointer, secretPaths, setPath } from './secretPaths.js';
import { inspectStoredSecrets, maskConfig, pointerPath } from './storedSecrets.js';
import { validateConnectionConfig } from './validateConnectionConfig.js';
import { isUuid } from '../manifest/uuid.js';
import type { OperatorSettingsInput } from '../config/operatorSettings.js';
import { OperatorGate, type OperatorReadiness } from './OperatorGate.js';
import {
  connectionStatus,
  verificationView,
  type ConnectionStatus,
  type VerificationView,
} from './connectionStatus.js';
import { confirmationOf, startPending, type ConfirmConnectionInput } from './pendingConnection.js';
import { secretAad } from './secretAad.js';

/** One page of a connection listing and where the next starts (null on the last page). */
export interface ConnectionViewPage {
  items: ConnectionView[];
  next: ConnectionPosition | null;
}

/** A connection as the API shows it: secrets are `{ "set": true }`, never their value. */
export interface ConnectionView {
  id: string;
  userId: string;
  integrationType: string;
  label: string | null;
  config: Record<string, unknown>;
  isActive: boolean;
  /**
   * `active`, `pending` (awaiting its code), `expired` or `locked` (its code can no longer
   * confirm it), `disconnected` (connectionStatus.ts).
   */
  status: ConnectionStatus;
  /** While pending, expired or locked: the code's expiry and attempts left (and, on create, the code). */
  verification: VerificationView | null;
  /** When it became active; for a connection not confirmed yet, when it was created. */
  connectedAt: string;
  disconnectedAt: string | null;
  lastUsedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** The integration is no longer in the catalog (its definition was removed from the registry). */
  integrationRemoved: boolean;
  /**
   * No finding stands: the stored config validates against the integration's current
   * connection config schema, every secret decrypts, and every value at a secret path is
   * encrypted at rest.
   */
  configValid: boolean;
  /**
   * False while a value at a path the current schema marks `x-secret` is still stored in plain
   * text (the registry made the property secret after it was saved); the next save of the
   * connection or `regsync connections rekey` encrypts it. Each such value is also a
   * `secret-stored-plain` finding.
   */
  secretsEncrypted: boolean;
  /** Why it does not (pointers into `/config`); empty when valid. */
  findings: FieldError[];
}

/**
 * A new connection: the integration it connects to, an optional label, and a config validated
 * against that integration's connection schema.
 */
export interface CreateConnectionInput {
  integrationType: string;
  label?: string | null;
  config: Record<string, unknown>;
}

/**
 * A change of a connection: each field given replaces the stored one, with the secret rules
 * below.
 */
export interface UpdateConnectionInput {
  label?: string | null;
  /** Replaces the non-secret properties; a secret omitted (or `{ "set": true }`) keeps its stored value, `null` removes it. */
  config?: Record<string, unknown>;
}

/** What a re-encryption pass did. */
export interface RekeyReport {
  scanned: number;
  /** Connections whose stored config was rewritten (a secret re-encrypted or a plain secret encrypted). */
  reencrypted: number;
  /** Values at a secret path of the current schema that were stored plain and are now encrypted. */
  plainEncrypted: number;
  /** Connections with a secret no configured key decrypts (left as they are). */
  failed: Array<{ id: string; reason: string }>;
}

/** What `migrate-operator-fields` did to one stored connection. */
export interface OperatorFieldMigration {
  id: string;
  userId: string;
  integrationType: string;
  /** Fields removed because they are now the operator's settings (values never reported). */
  removed: string[];
  /** Fields renamed to the name the manifest now uses (`x-renamedFrom`), as [from, to]. */
  renamed: Array<[string, string]>;
  /** What still fails validation after the move (empty: the config is valid). */
  findings: FieldError[];
}

/** The report of `regsync connections migrate-operator-fields`. */
export interface OperatorFieldsReport {
  dryRun: boolean;
  scanned: number;
  migrated: number;
  unchanged: number;
  /** Migrated (or would be) but still invalid, or not migratable (a secret does not decrypt). */
  invalid: number;
  items: OperatorFieldMigration[];
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
  readonly #operator: OperatorGate;

  constructor(options: {
    repo: ConnectionRepository;
    box: SecretBox;
    now?: () => Date;
    /** What the operator supplied (REGSYNC_OPERATOR_SETTINGS_FILE, REGSYNC_OPERATOR__*). */
    operator?: OperatorSettingsInput;
  }) {
    this.#repo = options.repo;
    this.#box = options.box;
    this.#now = options.now ?? (() => new Date());
    this.#operator = new OperatorGate(options.operator);
  }

  /**
   * Every synced integration that declares operator settings, and whether this instance has
   * them (names of missing settings only, never a value): what `/readyz` reports.
   */
  async operatorReadiness(): Promise<OperatorReadiness[]> {
    return this.#operator.readiness(await this.#repo.listIntegrations());
  }

  /**
   * The resolved operator settings of an integration, for the provider that talks to the
   * vendor (in memory only; no HTTP route returns them). Throws OPERATOR_SETTINGS_MISSING when
   * a required one is missing, INTEGRATION_NOT_FOUND when the integration is not synced.
   */
  async operatorSettings(integrationType: string): Promise<Record<string, unknown>> {
    const integration = await this.#repo.findIntegration(integrationType);
    if (!integration)
      throw new ConnectionError(
        'INTEGRATION_NOT_FOUND',
        `no integration ${JSON.stringify(integrationType)} in the catalog`,
      );
    this.#operator.require(integration);
    const status = this.#operator.status(integration);
    return status.ready ? { ...status.values } : {};
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
    this.#operator.require(integration);
    const id = randomUUID();
    const now = this.#now();
    // An integration with `verification` starts pending: the code is made here, stored hashed.
    const pending = integration.verification
      ? startPending({
          spec: integration.verification,
          config: input.config,
          now,
          id,
          box: this.#box,
        })
      : undefined;
    const config = this.#sealChecked(integration, id, pending?.config ?? input.config);
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
      ...pending?.fields,
    };
    await this.#repo.insert(row);
    return this.#view(row, integration, pending?.code);
  }

  /**
   * Confirms a pending connection with its code (`POST …/connections/{id}/confirm`): spends one
   * attempt first (compare and set on the attempts left, so concurrent calls cannot share one),
   * then compares the code's keyed digest in constant time against the stored one; the right code within
   * the expiry makes the connection active, `connectedAt` = now, with `input.config` merged over
   * the stored config (a Telegram bot learns `chat_id` from the chat that sent the code) and
   * re-validated, and the code's hash, expiry and mirrored expiry property removed.
   *
   * Refusals: CONNECTION_NOT_PENDING (already active), CONNECTION_DISCONNECTED,
   * VERIFICATION_EXPIRED, VERIFICATION_LOCKED (no attempt left), VERIFICATION_CODE_WRONG (an
   * attempt spent), CONFIG_INVALID (the merged config; no attempt spent), and the operator gate.
   */
  async confirm(
    userId: string,
    id: string,
    input: ConfirmConnectionInput,
  ): Promise<ConnectionView> {
    for (let round = 0; ; round++) {
      const row = await this.#find(userId, id);
      const integration = await this.#repo.findIntegration(row.integrationType);
      const status = connectionStatus(row, this.#now());
      const confirmation = confirmationOf({ row, status, integration, box: this.#box });
      this.#operator.require(confirmation.integration);
      const merged = confirmation.mergeConfig(this.#openAll(row).plain, input.config);
      const config = this.#sealChecked(confirmation.integration, row.id, merged);
      const left = confirmation.attemptsLeft;
      const now = this.#now();
      const taken = await this.#repo.updateIfUnchanged(
        userId,
        id,
        {
          isActive: false,
          verificationCodeHash: confirmation.hash,
          verificationAttemptsLeft: left,
        },
        { verificationAttemptsLeft: left - 1, updatedAt: now },
      );
      // Another confirmation spent an attempt (or won) meanwhile: read the row again.
      if (!taken && round < 5) continue;
      if (!taken) throw new Error('the connection changed during every confirmation attempt');
      if (!confirmation.matches(input.code)) throw confirmation.wrongCode(left - 1);
      const fields: Partial<ConnectionRecord> = {
        isActive: true,
        connectedAt: now,
        updatedAt: now,
        config,
        verificationCodeHash: null,
        verificationExpiresAt: null,
        verificationAttemptsLeft: null,
      };
      const activated = await this.#repo.updateIfUnchanged(
        userId,
        id,
        { isActive: false, verificationCodeHash: confirmation.hash },
        fields,
      );
      if (!activated)
        throw new ConnectionError('CONNECTION_NOT_PENDING', 'this connection is already confirmed');
      return this.#view({ ...row, ...fields }, confirmation.integration);
    }
  }

  /** One page of the user's connections, oldest first (`page.limit` of them at most). */
  async list(
    userId: string,
    options: ConnectionPage & { includeDisconnected?: boolean; integrationType?: string },
  ): Promise<ConnectionViewPage> {
    // One row more than the page tells whether there is a next one.
    const rows = await this.#repo.listForUser(userId, { ...options, limit: options.limit + 1 });
    return this.#page(rows, options.limit);
  }

  async get(userId: string, id: string): Promise<ConnectionView> {
    const row = await this.#find(userId, id);
    const integration = await this.#repo.findIntegration(row.integrationType);
    return this.#view(row, integration);
  }

  async update(userId: string, id: string, input: UpdateConnectionInput): Promise<ConnectionView> {
    const row = await this.#find(userId, id);
    const status = connectionStatus(row, this.#now());
    if (status === 'disconnected')
      throw new ConnectionError(
        'CONNECTION_DISCONNECTED',
        'this connection is disconnected; create a new one',
      );
    if (status !== 'active')
      throw new ConnectionError(
        'CONNECTION_PENDING',
        `this connection is ${status}, not active: confirm it first (POST …/connections/{id}/confirm with its code; config fields can come with the code)${status === 'pending' ? '' : ', or create a new one'}`,
      );
    const integration = await this.#repo.findIntegration(row.integrationType);
    if (integration) this.#operator.require(integration);
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
      const merged = this.#mergeSecrets(integration, row, input.config);
      fields.config = this.#sealChecked(integration, row.id, merged.plain, merged.keepEncrypted);
    } else {
      // Any write protects a value the registry has made secret since it was stored.
      const sealed = this.#sealPlainSecrets(row, integration);
      if (sealed) fields.config = sealed.config;
    }
    await this.#repo.update(userId, id, fields);
    return this.#view({ ...row, ...fields }, integration);
  }

  /** Soft delete: the row stays (history), `isActive` false, `disconnectedAt` set. Repeating it is a no-op. */
  async disconnect(userId: string, id: string): Promise<ConnectionView> {
    const row = await this.#find(userId, id);
    const integration = await this.#repo.findIntegration(row.integrationType);
    // A pending (or expired, or locked) connection is cancelled the same way; its code goes.
    if (connectionStatus(row, this.#now()) !== 'disconnected') {
      const now = this.#now();
      const sealed = this.#sealPlainSecrets(row, integration);
      const fields: Partial<ConnectionRecord> = {
        isActive: false,
        disconnectedAt: now,
        updatedAt: now,
        ...(sealed ? { config: sealed.config } : {}),
        ...(row.verificationCodeHash
          ? {
              verificationCodeHash: null,
              verificationExpiresAt: null,
              verificationAttemptsLeft: null,
            }
          : {}),
      };
      await this.#repo.update(userId, id, fields);
      Object.assign(row, fields);
    }
    return this.#view(row, integration);
  }

  /** One page of the connections of one integration type across users (admin), by user. */
  async listByIntegration(
    integrationType: string,
    options: ConnectionPage & { includeDisconnected?: boolean },
  ): Promise<ConnectionViewPage> {
    const rows = await this.#repo.listByType(integrationType, {
      ...options,
      limit: options.limit + 1,
    });
    return this.#page(rows, options.limit);
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
    if (!isUuid(id)) return false;
    return this.#repo.touch(id, this.#now(), scope);
  }

  /**
   * Re-encrypts every stored secret not already under the current key (what `regsync
   * connections rekey` runs after a rotation), and encrypts every value stored plain at a path
   * the integration's current schema marks `x-secret` (a property the registry made secret
   * later). A value encrypted at a path that is no longer secret stays encrypted (re-keyed).
   * Rows changed meanwhile are skipped (optimistic on `updated_at`) and picked up by a second
   * pass; their save already encrypted them.
   */
  async rekey(): Promise<RekeyReport> {
    const report: RekeyReport = { scanned: 0, reencrypted: 0, plainEncrypted: 0, failed: [] };
    const current = this.#box.currentKeyId;
    if (!current)
      throw new ConnectionError(
        'SECRET_KEY_MISSING',
        'REGSYNC_SECRET_KEY is not set: nothing to re-encrypt with',
      );
    for await (const { row, integration } of this.#everyRow()) {
      report.scanned++;
      const sealed = this.#sealPlainSecrets(row, integration);
      let config = sealed?.config ?? row.config;
      let changed = sealed !== undefined;
      let failed = false;
      for (const [pointer, value] of inspectStoredSecrets(row.config, undefined).encrypted) {
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
      if (changed && !failed && (await this.#repo.replaceConfig(row.id, row.updatedAt, config))) {
        report.reencrypted++;
        report.plainEncrypted += sealed?.count ?? 0;
      }
    }
    return report;
  }

  /**
   * Every stored connection, oldest id first, 200 rows a page, each with its integration's
   * manifest (undefined when the registry no longer has it): the walk `rekey` and
   * `migrateOperatorFields` share.
   */
  async *#everyRow(): AsyncGenerator<{
    row: ConnectionRecord;
    integration: IntegrationSchemaInfo | undefined;
  }> {
    let after: string | undefined;
    for (;;) {
      const rows = await this.#repo.page(after, 200);
      if (rows.length === 0) return;
      const integrations = await this.#repo.findIntegrations(rows.map((r) => r.integrationType));
      for (const row of rows) yield { row, integration: integrations.get(row.integrationType) };
      after = rows[rows.length - 1]?.id;
    }
  }

  /**
   * Moves operator fields out of stored configs (what `regsync connections migrate-operator-fields`
   * runs after a registry moved fields into `operatorSettings`): a stored key that is now an
   * operator setting and no longer a config field is removed (the operator supplies it once;
   * its value is never reported), a key a config property lists in `x-renamedFrom` is renamed,
   * every secret is re-encrypted under its (new) pointer, and the result is re-validated and
   * reported. The moved config is written even when a finding remains, so an operator secret
   * never stays in a user's row; the finding shows on the connection as usual. Optimistic per
   * row (`updated_at`); safe to run again (nothing left to move: `unchanged`).
   */
  async migrateOperatorFields(options: { dryRun?: boolean } = {}): Promise<OperatorFieldsReport> {
    const dryRun = options.dryRun === true;
    const report: OperatorFieldsReport = {
      dryRun,
      scanned: 0,
      migrated: 0,
      unchanged: 0,
      invalid: 0,
      items: [],
    };
    for await (const { row, integration } of this.#everyRow()) {
      report.scanned++;
      const plan = integration ? planOperatorMove(integration, row.config) : undefined;
      if (!integration || !plan) {
        report.unchanged++;
        continue;
      }
      const item: OperatorFieldMigration = {
        id: row.id,
        userId: row.userId,
        integrationType: row.integrationType,
        removed: plan.removed,
        renamed: plan.renamed,
        findings: [],
      };
      report.items.push(item);
      const opened = this.#openAll(row);
      if (opened.failures.length > 0) {
        item.findings = opened.failures;
        report.invalid++;
        continue;
      }
      const plain: Record<string, unknown> = { ...opened.plain };
      for (const name of plan.removed) delete plain[name];
      for (const [from, to] of plan.renamed) {
        plain[to] = plain[from];
        delete plain[from];
      }
      item.findings = validateConnectionConfig({
        cacheKey: `${integration.key}@${integration.checksum}`,
        schema: integration.connectionConfig,
        config: plain,
      });
      if (item.findings.length > 0) report.invalid++;
      if (dryRun) continue;
      let sealed = plain;
      for (const path of secretPaths(integration.connectionConfig)) {
        const value = getPath(plain, path);
        if (value !== undefined)
          sealed = setPath(sealed, path, this.#box.encrypt(value, aad(row.id, pathPointer(path))));
      }
      if (await this.#repo.replaceConfig(row.id, row.updatedAt, sealed)) report.migrated++;
    }
    return report;
  }

  async #find(userId: string, id: string): Promise<ConnectionRecord> {
    const row = isUuid(id) ? await this.#repo.findForUser(userId, id) : undefined;
    if (!row)
      throw new ConnectionError(
        'NOT_FOUND',
        `no connection ${JSON.stringify(id.slice(0, 64))} for this user`,
      );
    return row;
  }

  /**
   * Validates a plaintext config (400 with pointers), then encrypts its secrets (refused
   * without a key): the current schema's secret paths and `keepEncrypted`, values that were
   * encrypted at rest and kept although their property is no longer secret.
   */
  #sealChecked(
    integration: IntegrationSchemaInfo,
    id: string,
    plain: Record<string, unknown>,
    keepEncrypted: string[][] = [],
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
    for (const path of [...secretPaths(integration.connectionConfig), ...keepEncrypted]) {
      const value = getPath(plain, path);
      if (value === undefined) continue;
      sealed = setPath(sealed, path, this.#box.encrypt(value, aad(id, pathPointer(path))));
    }
    return sealed;
  }

  /**
   * The stored config with its plain values at secret paths encrypted, and how many there
   * were; undefined when there are none, or no key to encrypt with (the finding then stays).
   */
  #sealPlainSecrets(
    row: ConnectionRecord,
    integration: IntegrationSchemaInfo | undefined,
  ): { config: Record<string, unknown>; count: number } | undefined {
    if (!integration || !this.#box.canEncrypt) return undefined;
    const { plain } = inspectStoredSecrets(row.config, integration.connectionConfig);
    if (plain.length === 0) return undefined;
    let config = row.config;
    for (const pointer of plain) {
      const path = pointerPath(pointer);
      config = setPath(
        config,
        path,
        this.#box.encrypt(getPath(config, path), aad(row.id, pointer)),
      );
    }
    return { config, count: plain.length };
  }

  /** The stored config with every secret decrypted (in memory only), and what failed to decrypt. */
  #openAll(row: ConnectionRecord): {
    plain: Record<string, unknown>;
    failures: FieldError[];
  } {
    let plain = row.config;
    const failures: FieldError[] = [];
    for (const [pointer, value] of inspectStoredSecrets(row.config, undefined).encrypted) {
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

  /**
   * PATCH semantics for secrets: omitted or `{ "set": true }` keeps the stored value, `null`
   * removes it. A value stored encrypted whose property is no longer secret is treated the same
   * way (the client only ever saw `{ "set": true }` for it); kept, it stays encrypted
   * (`keepEncrypted`), and a new value sent for it is stored as the schema now says, plain.
   */
  #mergeSecrets(
    integration: IntegrationSchemaInfo,
    row: ConnectionRecord,
    next: Record<string, unknown>,
  ): { plain: Record<string, unknown>; keepEncrypted: string[][] } {
    let merged = next;
    const keepEncrypted: string[][] = [];
    const stored = this.#openAll(row);
    const secret = secretPaths(integration.connectionConfig);
    const known = new Set(secret.map(pathPointer));
    const formerlySecret = inspectStoredSecrets(row.config, undefined)
      .encrypted.map(([pointer]) => pointer)
      .filter((pointer) => !known.has(pointer))
      .map(pointerPath);
    for (const path of [...secret, ...formerlySecret]) {
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
        if (!known.has(pathPointer(path)) && kept !== undefined) keepEncrypted.push(path);
      }
    }
    return { plain: merged, keepEncrypted };
  }

  /** The first `limit` of `rows` (read with one more) as views, and the next page's start. */
  async #page(rows: ConnectionRecord[], limit: number): Promise<ConnectionViewPage> {
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: await this.#views(page),
      next:
        rows.length > limit && last
          ? { userId: last.userId, connectedAt: last.connectedAt, id: last.id }
          : null,
    };
  }

  async #views(rows: ConnectionRecord[]): Promise<ConnectionView[]> {
    const integrations = await this.#repo.findIntegrations(rows.map((r) => r.integrationType));
    return rows.map((row) => this.#view(row, integrations.get(row.integrationType)));
  }

  /** The API view: re-validated against the current schema (findings as data), secrets masked. */
  #view(
    row: ConnectionRecord,
    integration: IntegrationSchemaInfo | undefined,
    code?: string,
  ): ConnectionView {
    const status = connectionStatus(row, this.#now());
    let findings: FieldError[] = [];
    const storedPlain = integration
      ? inspectStoredSecrets(row.config, integration.connectionConfig).plain
      : [];
    if (integration) {
      const { plain, failures } = this.#openAll(row);
      const undecryptable = new Set(failures.map((f) => f.pointer));
      const errors = validateConnectionConfig({
        cacheKey: `${integration.key}@${integration.checksum}`,
        schema: integration.connectionConfig,
        config: plain,
      });
      findings = [
        ...failures,
        ...errors.filter((e) => !undecryptable.has(e.pointer)),
        ...storedPlain.map((pointer) => ({
          pointer: `/config${pointer}`,
          rule: 'secret-stored-plain',
          message:
            'the registry marks this property x-secret, but its value is stored in plain text; the next save of the connection or `regsync connections rekey` encrypts it',
        })),
      ];
    }
    return {
      id: row.id,
      userId: row.userId,
      integrationType: row.integrationType,
      label: row.label ?? null,
      config: maskConfig(row.config, integration?.connectionConfig),
      isActive: row.isActive,
      status,
      verification: verificationView(row, status, code),
      connectedAt: row.connectedAt.toISOString(),
      disconnectedAt: row.disconnectedAt?.toISOString() ?? null,
      lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      integrationRemoved: !integration,
      configValid: integration ? findings.length === 0 : false,
      secretsEncrypted: storedPlain.length === 0,
      findings,
    };
  }
}

/**
 * What a stored config needs to match a manifest that moved fields into `operatorSettings` or
 * renamed them (`x-renamedFrom`); undefined when nothing.
 */
function planOperatorMove(
  integration: IntegrationSchemaInfo,
  config: Record<string, unknown>,
): { removed: string[]; renamed: Array<[string, string]> } | undefined {
  const fields = (integration.connectionConfig.properties ?? {}) as Record<
    string,
    Record<string, unknown>
  >;
  const operator = Object.keys(
    (integration.operatorSettings?.properties ?? {}) as Record<string, unknown>,
  );
  const removed = operator.filter(
    (name) => Object.hasOwn(config, name) && !Object.hasOwn(fields, name),
  );
  const renamed: Array<[string, string]> = [];
  for (const [name, property] of Object.entries(fields)) {
    const former = Array.isArray(property['x-renamedFrom']) ? property['x-renamedFrom'] : [];
    for (const old of former) {
      if (typeof old === 'string' && Object.hasOwn(config, old) && !Object.hasOwn(config, name)) {
        renamed.push([old, name]);
        break;
      }
    }
  }
  return removed.length + renamed.length > 0 ? { removed: removed.sort(), renamed } : undefined;
}

/** Additional authenticated data of one secret (secretAad.ts, shared with the importer). */
const aad = secretAad;

function isSetMarker(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1 &&
    (value as { set?: unknown }).set === true
  );
}
