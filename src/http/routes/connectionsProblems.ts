import type { ErrorRequestHandler } from 'express';
import { ConnectionError } from '../../connections/ConnectionError.js';
import { WorkspaceError } from '../../workspaces/WorkspaceError.js';
import { requestContext } from '../middleware/requestContext.js';
import { problemType, sendProblem } from '../problem.js';

/** Status and title of each code of the connection and workspace services. */
const STATUS: Record<string, [number, string]> = {
  NOT_FOUND: [404, 'Not found'],
  CONFIG_INVALID: [400, 'Invalid connection config'],
  INTEGRATION_NOT_FOUND: [400, 'Unknown integration'],
  SECRET_KEY_MISSING: [503, 'Secret storage not configured'],
  CONNECTION_DISCONNECTED: [409, 'Connection disconnected'],
  TEMPLATE_NOT_FOUND: [400, 'Unknown template'],
  TEMPLATE_NOT_INSTALLED: [404, 'Template not installed'],
  TEMPLATE_ALREADY_INSTALLED: [409, 'Template already installed'],
  KEY_CONFLICT: [409, 'Key already used in this workspace'],
  READONLY_ENTITY_TYPE: [409, 'Entity type is readonly'],
  MODEL_INVALID: [400, 'Invalid workspace model'],
  RESOLUTION_INVALID: [400, 'Conflict resolution not applicable'],
};

/**
 * Problem bodies (RFC 9457, the shape of src/http/problem.ts) for ConnectionError and
 * WorkspaceError; anything else goes on to the app's error handler.
 */
export const userDataProblems: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (!(error instanceof ConnectionError || error instanceof WorkspaceError) || res.headersSent) {
    next(error);
    return;
  }
  const [status, title] = STATUS[error.code] ?? [500, 'Internal server error'];
  const ctx = requestContext(res);
  ctx?.log?.debug({ code: error.code, detail: error.message }, 'request refused');
  sendProblem(res, {
    type: problemType(error.code),
    title,
    status,
    detail: error.message,
    instance: req.originalUrl.split('?')[0] ?? req.originalUrl,
    code: error.code,
    ...(ctx ? { requestId: ctx.requestId } : {}),
    ...(error.errors ? { errors: error.errors } : {}),
  });
};
