import { RegsyncError, type ErrorPolicy } from '../errors/RegsyncError.js';
import type { FieldError } from '../errors/FieldError.js';

/**
 * Codes of the connections service and their policy (src/http/statusTable.ts gives each its
 * status). Only a missing secret key passes without the caller changing the request, and
 * only once an operator configures it, so every code stalls.
 */
export const CONNECTION_ERROR_POLICY = {
  NOT_FOUND: 'stalling',
  CONFIG_INVALID: 'stalling',
  SECRET_KEY_MISSING: 'stalling',
  INTEGRATION_NOT_FOUND: 'stalling',
  CONNECTION_DISCONNECTED: 'stalling',
  // The operator must supply the setting (environment or settings file) and restart.
  OPERATOR_SETTINGS_MISSING: 'stalling',
  // The confirmation flow (issue 16): each needs the caller to do something else (confirm
  // first, send the right code, start over with a new connection); retrying cannot help.
  CONNECTION_PENDING: 'stalling',
  CONNECTION_NOT_PENDING: 'stalling',
  VERIFICATION_CODE_WRONG: 'stalling',
  VERIFICATION_LOCKED: 'stalling',
  VERIFICATION_EXPIRED: 'stalling',
} as const satisfies Record<string, ErrorPolicy>;

/** Codes of the connections service. */
export type ConnectionErrorCode = keyof typeof CONNECTION_ERROR_POLICY;

/** An operational error of the connections service: a code, a caller-facing message, field errors. */
export class ConnectionError extends RegsyncError<ConnectionErrorCode> {
  override readonly name = 'ConnectionError';
  readonly errors: FieldError[] | undefined;

  constructor(
    code: ConnectionErrorCode,
    message: string,
    options: { errors?: FieldError[]; cause?: unknown } = {},
  ) {
    super(code, message, CONNECTION_ERROR_POLICY[code], options);
    this.errors = options.errors;
  }
}
