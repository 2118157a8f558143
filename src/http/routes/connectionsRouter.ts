import { Router, type Request } from 'express';
import type { ConnectionService } from '../../connections/ConnectionService.js';
import type {
  CreateConnectionInput,
  UpdateConnectionInput,
} from '../../connections/ConnectionService.js';
import type { UserDataServices } from '../AppDeps.js';
import type { AppDeps } from '../AppDeps.js';
import { ApiError, validationError, type FieldError } from '../ApiError.js';
import { readJsonBody } from '../middleware/readJsonBody.js';
import { requireAdmin } from '../middleware/requireAdmin.js';
import { markMountPattern } from '../middleware/requestContext.js';
import { createConnectionBody, updateConnectionBody } from '../openapi/requestBodies.js';
import { compileBodyValidator } from '../openapi/validateBody.js';
import { authenticateUser, requireSameUser } from './connectionsAuth.js';
import { confirmConnectionRoute } from './confirmConnectionRoute.js';
import { linkNext } from './keysetCursor.js';
import {
  readTypeConnectionsPage,
  readUserConnectionsPage,
  typeConnectionsCursor,
  userConnectionsCursor,
} from './userDataCursors.js';
import { workspacesRoutes } from './workspacesRouter.js';

/** AppDeps plus the user-data services (built by createUserDataServices on the runtime's database). */
export type UserDataAppDeps = AppDeps & { userData?: UserDataServices };

/**
 * The user-data routes, mounted on `/api/v1`: a user's connections under
 * `/users/:userId/connections` (the authenticated user only), the admin listing of one
 * integration's connections across users, and the workspaces (workspacesRouter.ts). Without
 * `deps.userData` (not wired) the paths answer 503.
 */
export function userDataRouter(deps: UserDataAppDeps): Router {
  const router = Router();
  const userData = deps.userData;
  if (!userData) {
    router.use(
      ['/users/:userId/connections', '/integrations/:key/connections', '/workspaces'],
      () => {
        throw new ApiError('NOT_READY', 'connections and workspaces are not wired in this process');
      },
    );
    return router;
  }
  const body = readJsonBody({
    limitBytes: deps.settings.bodyLimitBytes,
    maxDepth: deps.settings.maxJsonDepth,
  });
  const user = authenticateUser(userData.settings.proxySecret);
  const connections = userData.connections;

  router.get(
    '/integrations/:key/connections',
    requireAdmin(deps.settings.adminToken),
    async (req, res) => {
      const errors: FieldError[] = [];
      const page = readTypeConnectionsPage(req, errors);
      const withDisconnected = includeDisconnected(req, errors);
      if (errors.length > 0) throw validationError(errors, 'query');
      const { items, next } = await connections.listByIntegration(String(req.params.key), {
        ...page,
        includeDisconnected: withDisconnected,
      });
      const cursor = typeConnectionsCursor(next);
      linkNext(req, res, cursor);
      res
        .set('Cache-Control', 'no-store')
        .json({ integration: String(req.params.key), items, next: cursor });
    },
  );

  router.use(
    '/users/:userId/connections',
    markMountPattern('/api/v1/users/:userId/connections'),
    user,
    requireSameUser,
    userConnections(connections, body),
  );
  router.use(
    '/workspaces',
    markMountPattern('/api/v1/workspaces'),
    user,
    workspacesRoutes(userData.workspaces, body),
  );
  return router;
}

function userConnections(
  connections: ConnectionService,
  body: ReturnType<typeof readJsonBody>,
): Router {
  const router = Router({ mergeParams: true });
  const validateCreate = compileBodyValidator<CreateConnectionInput>(createConnectionBody);
  const validateUpdate = compileBodyValidator<UpdateConnectionInput>(updateConnectionBody);
  const userId = (req: Request): string => String(req.params.userId);

  router.post('/', body, async (req, res) => {
    const checked = validateCreate(req.body);
    if (!checked.ok) throw validationError(checked.errors);
    const view = await connections.create(userId(req), checked.value);
    res
      .status(201)
      .set('Location', `${req.baseUrl}/${view.id}`)
      .set('Cache-Control', 'no-store')
      .json(view);
  });

  router.get('/', async (req, res) => {
    const errors: FieldError[] = [];
    const type = req.query.integrationType;
    if (
      type !== undefined &&
      (typeof type !== 'string' || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(type))
    ) {
      errors.push({
        pointer: '/query/integrationType',
        rule: 'pattern',
        message: 'must be an integration key',
      });
    }
    const page = readUserConnectionsPage(req, errors, userId(req));
    const withDisconnected = includeDisconnected(req, errors);
    if (errors.length > 0) throw validationError(errors, 'query');
    const { items, next } = await connections.list(userId(req), {
      ...page,
      includeDisconnected: withDisconnected,
      ...(typeof type === 'string' ? { integrationType: type } : {}),
    });
    const cursor = userConnectionsCursor(next);
    linkNext(req, res, cursor);
    res.set('Cache-Control', 'no-store').json({ items, next: cursor });
  });

  router.get('/:id', async (req, res) => {
    res
      .set('Cache-Control', 'no-store')
      .json(await connections.get(userId(req), String(req.params.id)));
  });

  router.post('/:id/confirm', body, confirmConnectionRoute(connections));

  router.patch('/:id', body, async (req, res) => {
    const checked = validateUpdate(req.body);
    if (!checked.ok) throw validationError(checked.errors);
    res
      .set('Cache-Control', 'no-store')
      .json(await connections.update(userId(req), String(req.params.id), checked.value));
  });

  router.delete('/:id', async (req, res) => {
    res
      .set('Cache-Control', 'no-store')
      .json(await connections.disconnect(userId(req), String(req.params.id)));
  });
  return router;
}

/** Reads `includeDisconnected` (true or false, default false); a problem is pushed on `errors`. */
function includeDisconnected(req: Request, errors: FieldError[]): boolean {
  const value = req.query.includeDisconnected;
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  errors.push({
    pointer: '/query/includeDisconnected',
    rule: 'enum',
    message: 'must be true or false',
  });
  return false;
}
