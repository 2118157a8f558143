/** Codes of the connection and workspace services; src/http/routes/connectionsProblems.ts maps them to statuses. */
export type UserDataErrorCode =
  | 'NOT_FOUND'
  | 'CONFIG_INVALID'
  | 'SECRET_KEY_MISSING'
  | 'INTEGRATION_NOT_FOUND'
  | 'CONNECTION_DISCONNECTED';

/** One problem in a request body, as the HTTP layer shows it (`pointer` into the body). */
export interface UserDataFieldError {
  pointer: string;
  rule: string;
  message: string;
}

/** An operational error of the connections service: a code, a caller-facing message, field errors. */
export class ConnectionError extends Error {
  readonly code: UserDataErrorCode;
  readonly errors: UserDataFieldError[] | undefined;

  constructor(
    code: UserDataErrorCode,
    message: string,
    options: { errors?: UserDataFieldError[]; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ConnectionError';
    this.code = code;
    this.errors = options.errors;
  }
}
