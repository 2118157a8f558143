/**
 * What of an error may go into a log line. Database drivers put the statement, and the
 * values that broke a constraint, into the message (knex prefixes `<sql> - `, MikroORM's
 * PostgreSQL converter appends ` - detail: Key (label)=(...)`), and a stack printed with it
 * repeats them: a user's label, id or ciphertext would land in the log. So database errors
 * are reduced to their class, SQLSTATE and the server's own sentence; other errors keep
 * message and stack (our messages never hold bodies or credentials).
 */
export interface LoggableError {
  type: string;
  message: string;
  code?: string;
  stack?: string;
  cause?: LoggableError;
}

/** The loggable form of any thrown value, following `cause` a few levels. */
export function loggableError(error: unknown, depth = 0): LoggableError {
  if (!(error instanceof Error))
    return { type: typeof error, message: String(error).slice(0, 200) };
  const code = (error as { code?: unknown }).code;
  const out: LoggableError = {
    type: error.name,
    message: isDatabaseDriverError(error) ? serverSentence(error.message) : error.message,
    ...(typeof code === 'string' ? { code } : {}),
  };
  if (!isDatabaseDriverError(error) && error.stack) out.stack = error.stack;
  if (error.cause !== undefined && depth < 3) out.cause = loggableError(error.cause, depth + 1);
  return out;
}

/** A driver error: MikroORM's DriverException family, or a pg / PGlite error with a SQLSTATE. */
function isDatabaseDriverError(error: Error): boolean {
  const { code, sqlState, severity } = error as {
    code?: unknown;
    sqlState?: unknown;
    severity?: unknown;
  };
  return (
    /Exception$/.test(error.name) ||
    typeof sqlState === 'string' ||
    (typeof severity === 'string' && typeof code === 'string')
  );
}

/** The server's message without the statement before it and the detail and hint after it. */
export function serverSentence(message: string): string {
  // The converter appends "\n - detail: ..." and "\n - hint: ..."; knex prefixes "<sql> - ",
  // so the server's own sentence is what follows the last " - " before those.
  const body = message.replace(/\n - (detail|hint): [\s\S]*$/, '');
  const cut = body.lastIndexOf(' - ');
  return (cut >= 0 ? body.slice(cut + 3) : body).replace(/\s+/g, ' ').slice(0, 200);
}
