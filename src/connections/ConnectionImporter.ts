import type { OperatorSettingsInput } from '../config/operatorSettings.js';
import { checkImportLine, type ImportCandidate } from './checkImportLine.js';
import { dropStoredLines, fingerprint } from './dropStoredLines.js';
import { ImportRun, type ImportOptions, type ImportReport } from './ImportRun.js';
import { OperatorGate } from './OperatorGate.js';
import { parseImportLine, type ImportLine } from './parseImportLine.js';
import type { ConnectionImportStore, ImportedConnection } from './ports.js';
import type { SecretBox } from './SecretBox.js';
import { importedRow, writeImportBatch } from './writeImportBatch.js';

export type { ImportLineError, ImportOptions, ImportReport } from './ImportRun.js';

/** A batch checked and ready to write: its new rows, the lines they come from, its last line. */
interface Prepared {
  fresh: ImportCandidate[];
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
    const candidates: ImportCandidate[] = [];
    for (const { lineNo, line } of parsed) {
      const integration = integrations.get(line.integrationType);
      const errors = checkImportLine({
        line,
        integration,
        operator: this.#operator,
        box: this.#box,
      });
      if (errors.length > 0 || !integration) run.fail(lineNo, errors);
      else
        candidates.push({
          lineNo,
          line,
          integration,
          ...(line.importKey === undefined ? { fingerprint: fingerprint(line) } : {}),
        });
    }
    const fresh = await dropStoredLines(candidates, { store: this.#store, box: this.#box, run });
    const now = this.#now();
    return {
      fresh,
      rows: fresh.map((c) => importedRow(c, this.#box, now)),
      lastLine: batch.at(-1)?.lineNo ?? 0,
    };
  }

  /** Writes a prepared batch (counts it, with dryRun) and reports its problems. */
  async #commit(prepared: Prepared, run: ImportRun): Promise<void> {
    if (run.dryRun) run.report.imported += prepared.rows.length;
    else if (prepared.rows.length > 0)
      await writeImportBatch({
        store: this.#store,
        rows: prepared.rows,
        lines: prepared.fresh,
        run,
      });
    run.progress(prepared.lastLine);
  }
}
