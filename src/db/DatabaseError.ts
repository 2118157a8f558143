/** Codes of the database adapter's operational errors. */
export type DatabaseErrorCode =
  'DATABASE_UNAVAILABLE' | 'DATABASE_IN_USE' | 'DATABASE_MIGRATION_FAILED';

/**
 * An operational database error. Its message never holds a credential: anything derived from
 * DATABASE_URL is redacted before it is put in a message (see redactDatabaseUrl).
 */
export class DatabaseError extends Error {
  readonly code: DatabaseErrorCode;

  constructor(code: DatabaseErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseError';
    this.code = code;
  }
}
