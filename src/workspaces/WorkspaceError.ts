import type { UserDataFieldError } from '../connections/ConnectionError.js';

/** Codes of the workspace service; src/http/routes/connectionsProblems.ts maps them to statuses. */
export type WorkspaceErrorCode =
  | 'NOT_FOUND'
  | 'TEMPLATE_NOT_FOUND'
  | 'TEMPLATE_NOT_INSTALLED'
  | 'TEMPLATE_ALREADY_INSTALLED'
  | 'KEY_CONFLICT'
  | 'READONLY_ENTITY_TYPE'
  | 'MODEL_INVALID'
  | 'RESOLUTION_INVALID';

/** An operational error of the workspace service: a code, a caller-facing message, findings. */
export class WorkspaceError extends Error {
  readonly code: WorkspaceErrorCode;
  readonly errors: UserDataFieldError[] | undefined;

  constructor(
    code: WorkspaceErrorCode,
    message: string,
    options: { errors?: UserDataFieldError[]; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'WorkspaceError';
    this.code = code;
    this.errors = options.errors;
  }
}
