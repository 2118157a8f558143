/**
 * The report of one connection import and the state a run carries from batch to batch: its
 * counts, its problems (released in line order as batches end) and what it already took, so
 * that a line repeated later in the same file is unchanged.
 */
import type { FieldError } from '../errors/FieldError.js';
import type { ImportKeyOwner } from './ports.js';

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

/** The counts and the run-wide memory of what this run already took (for in-file repeats). */
export class ImportRun {
  /** The report being filled in; final once the run's last batch ended. */
  readonly report: ImportReport;
  /** Validate and count only. */
  readonly dryRun: boolean;
  /** The import keys this run wrote (or, with dryRun, would have), with their owners. */
  readonly keys = new Map<string, ImportKeyOwner>();
  /** The fingerprints of the unkeyed lines this run wrote (or would have). */
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

  /** Counts the line as failed; its problems join the report when its batch ends (progress). */
  fail(line: number, errors: FieldError[]): void {
    this.report.failed++;
    for (const error of errors) this.#pending.push({ line, ...error });
  }

  /** Counts one line as already stored. */
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
