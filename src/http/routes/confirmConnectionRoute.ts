import type { RequestHandler } from 'express';
import type { ConnectionService } from '../../connections/ConnectionService.js';
import type { ConfirmConnectionInput } from '../../connections/pendingConnection.js';
import { validationError } from '../ApiError.js';
import { confirmConnectionBody } from '../openapi/confirmConnectionPaths.js';
import { compileBodyValidator } from '../openapi/validateBody.js';

/**
 * `POST /users/:userId/connections/:id/confirm` (mounted behind the proxy authentication and
 * the same-user check): the body's shape, then ConnectionService.confirm. The code is never
 * logged or echoed; refusals are problem+json with the codes of the status table.
 */
export function confirmConnectionRoute(connections: ConnectionService): RequestHandler {
  const validate = compileBodyValidator<ConfirmConnectionInput>(confirmConnectionBody);
  return async (req, res) => {
    const checked = validate(req.body);
    if (!checked.ok) throw validationError(checked.errors);
    const view = await connections.confirm(
      String(req.params.userId),
      String(req.params.id),
      checked.value,
    );
    res.set('Cache-Control', 'no-store').json(view);
  };
}
