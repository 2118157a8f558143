import { RegsyncError, type ErrorPolicy } from '../errors/RegsyncError.js';

/**
 * Codes of the database adapter's operational errors, each with its retry policy:
 * - `DATABASE_UNAVAILABLE`: the server cannot be reached or dropped the connection; retry.
 * - `DATABASE_TIMEOUT`: a statement or lock wait passed its deadline (a held lock, a stall); retry.
 * - `DATABASE_IN_USE`: another process holds the embedded data folder; a human must stop it.
 * - `DATABASE_MIGRATION_FAILED`: the schema could not be brought up to date; needs a human.
 */
export const DATABASE_ERROR_POLICY = {
  DATABASE_UNAVAILABLE: 'transient',
  DATABASE_TIMEOUT: 'transient',
  DATABASE_IN_USE: 'stalling',
  DATABASE_MIGRATION_FAILED: 'stalling',
} as const satisfies Record<string, ErrorPolicy>;

/** Codes of the database adapter's operational errors. */
export type DatabaseErrorCode = keyof typeof DATABASE_ERROR_POLICY;

/**
 * An operational database error. Its message never holds a credential: anything derived from
 * DATABASE_URL is redacted before it is put in a message (see redactDatabaseUrl).
 */
export class DatabaseError extends RegsyncError<DatabaseErrorCode> {
  override readonly name = 'DatabaseError';

  constructor(code: DatabaseErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, DATABASE_ERROR_POLICY[code], options);
  }
}
