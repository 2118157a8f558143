import { RegsyncError, type ErrorPolicy } from '../errors/RegsyncError.js';
import type { FieldError } from '../errors/FieldError.js';

/**
 * Codes of the workspace service and their policy (src/http/statusTable.ts gives each its
 * status): every one needs the caller to change the request.
 */
export const WORKSPACE_ERROR_POLICY = {
  NOT_FOUND: 'stalling',
  TEMPLATE_NOT_FOUND: 'stalling',
  TEMPLATE_NOT_INSTALLED: 'stalling',
  TEMPLATE_ALREADY_INSTALLED: 'stalling',
  KEY_CONFLICT: 'stalling',
  /** A readonly copy (an integration's entity type, a readonly attribute) was to be edited. */
  READONLY_COPY: 'stalling',
  MODEL_INVALID: 'stalling',
  RESOLUTION_INVALID: 'stalling',
  /** The template is now served by another source; the upgrade must name it in acceptSource. */
  TEMPLATE_SOURCE_CHANGED: 'stalling',
} as const satisfies Record<string, ErrorPolicy>;

/** Codes of the workspace service. */
export type WorkspaceErrorCode = keyof typeof WORKSPACE_ERROR_POLICY;

/** An operational error of the workspace service: a code, a caller-facing message, findings. */
export class WorkspaceError extends RegsyncError<WorkspaceErrorCode> {
  override readonly name = 'WorkspaceError';
  readonly errors: FieldError[] | undefined;

  constructor(
    code: WorkspaceErrorCode,
    message: string,
    options: { errors?: FieldError[]; cause?: unknown } = {},
  ) {
    super(code, message, WORKSPACE_ERROR_POLICY[code], options);
    this.errors = options.errors;
  }
}
