/**
 * The logger the git adapter writes to, in a file of its own so that GitRunner and the
 * batch reader it owns (CatFileBatch) can both name it without importing each other.
 */

/** pino's shape; every method optional so any logger (or a test spy) fits. */
export interface SourceLogger {
  debug?(obj: object, msg?: string): void;
  info?(obj: object, msg?: string): void;
  warn?(obj: object, msg?: string): void;
}
