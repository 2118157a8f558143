import { createHash, randomUUID } from 'node:crypto';
import type { OperatorSettingsInput } from '../config/operatorSettings.js';
import type { FieldError } from '../errors/FieldError.js';
import { canonicalJson } from '../manifest/checksum.js';
import { OperatorGate } from './OperatorGate.js';
import { parseImportLine, type ImportLine } from './parseImportLine.js';
import type {
  ConnectionImportStore,
  ImportedConnection,
  ImportKeyOwner,
  IntegrationSchemaInfo,
} from './ports.js';
import type { SecretBox } from './SecretBox.js';
import { secretAad } from './secretAad.js';
import { getPath, pathPointer, secretPaths, setPath } from './secretPaths.js';
import { inspectStoredSecrets, pointerPath } from './storedSecrets.js';
import { validateConnectionConfig } from './validateConnectionConfig.js';

/** One problem of one line: its 1-based line number, the JSON pointer into the line, the rule. */
export interface ImportLineError extends FieldError {
  line: number;
}

/**
 * What an import did (`regsync connections import --json`, `POST /api/v1/connections/import`).
 * Every non-blank line is counted once: `imported` (written; with `dryRun`, would be),
 * `unchanged` (already stored: its `importKey`, or without one the same user, type and
 * config) or `failed` (nothing of it stored; its problems are in `errors`).
 */
export interface ImportReport {
  dryRun: boolean;
  imported: number;
  unchanged: number;
  failed: number;
  /** Every problem of every failed line, in line order (at most `maxErrors` of them). */
  errors: ImportLineError[];
  /** Problems past `maxErrors`, counted but not listed (0 unless capped). */
  errorsOmitted: number;
}

/** Options of one import run. */
export interface ImportOptions {
  /** Validate and count, write nothing. */
  dryRun?: boolean;
  /** List at most this many problems (the HTTP endpoint caps them; the CLI lists all). */
  maxErrors?: number;
  /** Called after each batch with the counts so far (a terminal shows progress). */
  onProgress?: (progress: {
    lines: number;
    imported: number;
    unchanged: number;
    failed: number;
  }) => void;
}

/** A line that passed every check, ready to be compared and written. */
interface Candidate {
  lineNo: number;
  line: ImportLine;
  integration: IntegrationSchemaInfo;
  /** Hash of (user, type, plain config): the identity of a line without an importKey (only those). */
  fingerprint?: string;
}

/** A batch checked and ready to write: its new rows, the lines they come from, its last line. */
interface Prepared {
  fresh: Candidate[];
  rows: ImportedConnection[];
  lastLine: number;
}

/**
 * Imports connections from NDJSON, one connection a line (docs/connections.md, "Importing
 * legacy connections"). Lines are read as a stream and handled in batches: each line is
 * checked alone (shape, integration in the catalog, operator settings, config against the
 * integration's schema, a key for its secrets), and the good lines of a batch are written in
 * one multi-row INSERT. Should that statement fail, the batch is retried a line at a time, so
 * a line is always its own unit: stored whole or not at all, whatever its neighbours do.
 * Re-running a file changes nothing: a line whose `importKey` is stored, or without one whose
 * user, type and plain config match a stored connection, is `unchanged`.
 */
export class ConnectionImporter {
  readonly #store: ConnectionImportStore;
  readonly #box: SecretBox;
  readonly #operator: OperatorGate;
  readonly #now: () => Date;
  readonly #batchSize: number;

  constructor(options: {
    store: ConnectionImportStore;
    box: SecretBox;
    operator?: OperatorSettingsInput;
    now?: () => Date;
    /** Lines per INSERT (default 1,000). */
    batchSize?: number;
  }) {
    this.#store = options.store;
    this.#box = options.box;
    this.#operator = new OperatorGate(options.operator);
    this.#now = options.now ?? (() => new Date());
    this.#batchSize = options.batchSize ?? 1000;
  }

  /**
   * Imports every line of `lines` (without their line breaks); never throws for a bad line.
   * One batch is written while the next is read and checked (at most one write in flight), so
   * the database's work and ours overlap; batches still commit in file order.
   */
  async run(lines: AsyncIterable<string>, options: ImportOptions = {}): Promise<ImportReport> {
    const run = new ImportRun(options);
    let batch: Array<{ lineNo: number; text: string }> = [];
    let lineNo = 0;
    let writing: Promise<void> = Promise.resolve();
    const next = async () => {
      const prepared = await this.#prepare(batch, run);
      batch = [];
      await writing;
      writing = this.#commit(prepared, run);
    };
    try {
      for await (const text of lines) {
        lineNo++;
        if (text.trim() === '') continue;
        batch.push({ lineNo, text });
        if (batch.length >= this.#batchSize) await next();
      }
      if (batch.length > 0) await next();
    } finally {
      // Also when reading failed (a body line too long): the write in flight ends first.
      await writing;
    }
    return run.report;
  }

  /** Parses, checks and compares a batch, and builds its rows (writes nothing). */
  async #prepare(
    batch: Array<{ lineNo: number; text: string }>,
    run: ImportRun,
  ): Promise<Prepared> {
    const parsed: Array<{ lineNo: number; line: ImportLine }> = [];
    for (const { lineNo, text } of batch) {
      const result = parseImportLine(text);
      if (result.ok) parsed.push({ lineNo, line: result.line });
      else run.fail(lineNo, result.errors);
    }
    const integrations = await this.#store.findIntegrations(
      parsed.map((p) => p.line.integrationType),
    );
    const candidates: Candidate[] = [];
    for (const { lineNo, line } of parsed) {
      const integration = integrations.get(line.integrationType);
      const errors = integration ? this.#check(line, integration) : [unknownIntegration(line)];
      if (errors.length > 0 || !integration) run.fail(lineNo, errors);
      else
        candidates.push({
          lineNo,
          line,
          integration,
          ...(line.importKey === undefined ? { fingerprint: fingerprint(line) } : {}),
        });
    }
    const fresh = await this.#dropStored(candidates, run);
    const now = this.#now();
    return {
      fresh,
      rows: fresh.map((c) => this.#row(c, now)),
      lastLine: batch.at(-1)?.lineNo ?? 0,
    };
  }

  /** Writes a prepared batch (counts it, with dryRun) and reports its problems. */
  async #commit(prepared: Prepared, run: ImportRun): Promise<void> {
    if (run.dryRun) run.report.imported += prepared.rows.length;
    else if (prepared.rows.length > 0) await this.#write(prepared.rows, prepared.fresh, run);
    run.progress(prepared.lastLine);
  }

  /** The line's problems against its integration (empty: it can be written). */
  #check(line: ImportLine, integration: IntegrationSchemaInfo): FieldError[] {
    const status = this.#operator.status(integration);
    if (!status.ready)
      return [
        {
          pointer: '/integrationType',
          rule: 'operator-settings-missing',
          message: `the ${integration.key} integration is disabled on this instance: its operator has not supplied ${status.missing.join(', ')}`,
        },
      ];
    const errors = validateConnectionConfig({
      cacheKey: `${integration.key}@${integration.checksum}`,
      schema: integration.connectionConfig,
      config: line.config,
    });
    if (errors.length > 0 || this.#box.canEncrypt) return errors;
    return secretPaths(integration.connectionConfig)
      .filter((path) => getPath(line.config, path) !== undefined)
      .map((path) => ({
        pointer: `/config${pathPointer(path)}`,
        rule: 'secret-key-missing',
        message: 'this secret cannot be stored: REGSYNC_SECRET_KEY is not set',
      }));
  }

  /** The candidates not stored yet (nor earlier in this run); the others are counted. */
  async #dropStored(candidates: Candidate[], run: ImportRun): Promise<Candidate[]> {
    const keyed = candidates.filter((c) => c.line.importKey !== undefined);
    const storedKeys = await this.#store.findImportKeys(keyed.map((c) => c.line.importKey!));
    const unkeyed = candidates.filter((c) => c.line.importKey === undefined);
    const storedPrints = await this.#storedFingerprints(unkeyed);
    const fresh: Candidate[] = [];
    for (const c of candidates) {
      const key = c.line.importKey;
      if (key === undefined) {
        const print = c.fingerprint!;
        if (storedPrints.has(print) || run.prints.has(print)) run.unchanged();
        else {
          run.prints.add(print);
          fresh.push(c);
        }
        continue;
      }
      const owner = storedKeys.get(key) ?? run.keys.get(key);
      if (!owner) {
        run.keys.set(key, { userId: c.line.userId, integrationType: c.integration.key });
        fresh.push(c);
      } else if (owner.userId === c.line.userId && owner.integrationType === c.integration.key) {
        run.unchanged();
      } else {
        run.fail(c.lineNo, [
          {
            pointer: '/importKey',
            rule: 'import-key-conflict',
            message: 'this importKey already names a connection of another user or integration',
          },
        ]);
      }
    }
    return fresh;
  }

  /** Fingerprints of the stored connections of these lines' users and types (secrets opened in memory). */
  async #storedFingerprints(lines: Candidate[]): Promise<Set<string>> {
    const pairs = new Map<string, ImportKeyOwner>();
    for (const c of lines)
      pairs.set(`${c.integration.key}\u0000${c.line.userId}`, {
        userId: c.line.userId,
        integrationType: c.integration.key,
      });
    const prints = new Set<string>();
    for (const row of await this.#store.listForUsers([...pairs.values()])) {
      let plain = row.config;
      let opened = true;
      for (const [pointer, value] of inspectStoredSecrets(row.config, undefined).encrypted) {
        const result = this.#box.decrypt(value, secretAad(row.id, pointer));
        if (!result.ok) opened = false;
        else plain = setPath(plain, pointerPath(pointer), result.value);
      }
      if (opened)
        prints.add(
          fingerprint({ userId: row.userId, integrationType: row.integrationType, config: plain }),
        );
    }
    return prints;
  }

  /** The row of a new connection, its secrets encrypted under its own id. */
  #row(c: Candidate, now: Date): ImportedConnection {
    const id = randomUUID();
    let config = c.line.config;
    for (const path of secretPaths(c.integration.connectionConfig)) {
      const value = getPath(config, path);
      if (value !== undefined)
        config = setPath(config, path, this.#box.encrypt(value, secretAad(id, pathPointer(path))));
    }
    return {
      id,
      userId: c.line.userId,
      integrationType: c.integration.key,
      label: null,
      config,
      isActive: c.line.isActive ?? c.line.disconnectedAt === undefined,
      connectedAt: c.line.connectedAt ?? now,
      disconnectedAt: c.line.disconnectedAt ?? null,
      lastUsedAt: c.line.lastUsedAt ?? null,
      createdAt: now,
      updatedAt: now,
      importKey: c.line.importKey ?? null,
    };
  }

  /** One INSERT for the batch; if it fails, one per line, so only the failing line is lost. */
  async #write(rows: ImportedConnection[], lines: Candidate[], run: ImportRun): Promise<void> {
    try {
      const written = await this.#store.insertMany(rows);
      run.report.imported += written.length;
      // A key another import stored meanwhile: ON CONFLICT skipped the row, which is unchanged.
      for (let i = written.length; i < rows.length; i++) run.unchanged();
      return;
    } catch {
      // Fall through: find the line(s) the database refused.
    }
    for (const [i, row] of rows.entries()) {
      try {
        if ((await this.#store.insertMany([row])).length === 1) run.report.imported++;
        else run.unchanged();
      } catch (error) {
        run.fail(lines[i]!.lineNo, [
          {
            pointer: '',
            rule: 'write-failed',
            message: `the database refused this connection: ${String((error as Error).message).slice(0, 200)}`,
          },
        ]);
      }
    }
  }
}

/** The counts and the run-wide memory of what this run already took (for in-file repeats). */
class ImportRun {
  readonly report: ImportReport;
  readonly dryRun: boolean;
  readonly keys = new Map<string, ImportKeyOwner>();
  readonly prints = new Set<string>();
  readonly #maxErrors: number;
  readonly #onProgress: ImportOptions['onProgress'];
  #pending: ImportLineError[] = [];

  constructor(options: ImportOptions) {
    this.dryRun = options.dryRun === true;
    this.#maxErrors = options.maxErrors ?? Number.POSITIVE_INFINITY;
    this.#onProgress = options.onProgress;
    this.report = {
      dryRun: this.dryRun,
      imported: 0,
      unchanged: 0,
      failed: 0,
      errors: [],
      errorsOmitted: 0,
    };
  }

  fail(line: number, errors: FieldError[]): void {
    this.report.failed++;
    for (const error of errors) this.#pending.push({ line, ...error });
  }

  unchanged(): void {
    this.report.unchanged++;
  }

  /**
   * Ends the batch through `throughLine`: its problems join the report in line order. Those
   * of later lines (the next batch is checked while this one is written) wait for theirs.
   */
  progress(throughLine: number): void {
    this.#pending.sort((a, b) => a.line - b.line);
    const done = this.#pending.filter((e) => e.line <= throughLine);
    this.#pending = this.#pending.filter((e) => e.line > throughLine);
    for (const error of done) {
      if (this.report.errors.length < this.#maxErrors) this.report.errors.push(error);
      else this.report.errorsOmitted++;
    }
    const { imported, unchanged, failed } = this.report;
    this.#onProgress?.({ lines: imported + unchanged + failed, imported, unchanged, failed });
  }
}

function unknownIntegration(line: ImportLine): FieldError {
  return {
    pointer: '/integrationType',
    rule: 'integration-exists',
    message: `no integration ${JSON.stringify(line.integrationType)} in the catalog`,
  };
}

/**
 * The identity of a connection without an importKey: a hash of the user, the type and the
 * canonical plain config (only hashes are kept in memory, not the secrets).
 */
function fingerprint(line: Pick<ImportLine, 'userId' | 'integrationType' | 'config'>): string {
  return createHash('sha256')
    .update(canonicalJson([line.userId, line.integrationType, line.config]))
    .digest('base64url');
}
