import { Router, type Request, type RequestHandler } from 'express';
import type { Attribute, EntityType } from '../../manifest/types.js';
import type {
  AttributePatch,
  EntityTypePatch,
  WorkspaceService,
} from '../../workspaces/WorkspaceService.js';
import type { ConflictResolution } from '../../workspaces/threeWayMerge.js';
import { validationError, type FieldError } from '../ApiError.js';
import { workspaceBodies as schemas } from '../openapi/requestBodies.js';
import { compileBodyValidator } from '../openapi/validateBody.js';
import { authenticatedUser } from './connectionsAuth.js';
import { linkNext } from './keysetCursor.js';
import { readWorkspacesPage, workspacesCursor } from './userDataCursors.js';

/**
 * `/api/v1/workspaces`: the authenticated user's workspaces, template installs, model edits,
 * and the three-way template upgrade (docs/workspaces.md). Mounted after authenticateUser.
 */
export function workspacesRoutes(workspaces: WorkspaceService, body: RequestHandler): Router {
  const router = Router();
  const check = <T>(schema: object) => {
    const validate = compileBodyValidator<T>(schema);
    return (value: unknown): T => {
      const result = validate(value);
      if (!result.ok) throw validationError(result.errors);
      return result.value;
    };
  };
  const create = check<{ name: string }>(schemas.create);
  const install = check<{ template: string }>(schemas.install);
  const integration = check<{ integration: string }>(schemas.integration);
  const entityType = check<EntityType>(schemas.entityType);
  const entityTypePatch = check<EntityTypePatch>(schemas.entityTypePatch);
  const attribute = check<Attribute>(schemas.attribute);
  const attributePatch = check<AttributePatch>(schemas.attributePatch);
  const upgrade = check<{ resolve?: ConflictResolution[]; acceptSource?: string }>(schemas.upgrade);
  const p = (req: Request, name: string): string => String(req.params[name]);

  router.post('/', body, async (req, res) => {
    const view = await workspaces.create(authenticatedUser(res), create(req.body));
    res.status(201).set('Location', `${req.baseUrl}/${view.id}`).json(view);
  });
  router.get('/', async (req, res) => {
    const errors: FieldError[] = [];
    const page = readWorkspacesPage(req, errors);
    if (errors.length > 0) throw validationError(errors, 'query');
    const { items, next } = await workspaces.list(authenticatedUser(res), page);
    const cursor = workspacesCursor(next);
    linkNext(req, res, cursor);
    res.set('Cache-Control', 'no-store').json({ items, next: cursor });
  });
  router.get('/:id', async (req, res) => {
    res
      .set('Cache-Control', 'no-store')
      .json(await workspaces.get(authenticatedUser(res), p(req, 'id')));
  });
  router.post('/:id/templates', body, async (req, res) => {
    res
      .status(201)
      .json(
        await workspaces.installTemplate(
          authenticatedUser(res),
          p(req, 'id'),
          install(req.body).template,
        ),
      );
  });
  router.get('/:id/templates/:key/changes', async (req, res) => {
    res
      .set('Cache-Control', 'no-store')
      .json(await workspaces.templateChanges(authenticatedUser(res), p(req, 'id'), p(req, 'key')));
  });
  // The body is optional: without one, the upgrade applies what does not conflict.
  const optionalBody: RequestHandler = (req, res, next) => {
    if (Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined) {
      return body(req, res, next);
    }
    req.body = {};
    next();
  };
  router.post('/:id/templates/:key/upgrade', optionalBody, async (req, res) => {
    const { resolve = [], acceptSource } = upgrade(req.body);
    res.json(
      await workspaces.upgradeTemplate(
        authenticatedUser(res),
        p(req, 'id'),
        p(req, 'key'),
        resolve,
        acceptSource === undefined ? {} : { acceptSource },
      ),
    );
  });
  router.post('/:id/integrations', body, async (req, res) => {
    res
      .status(201)
      .json(
        await workspaces.addIntegration(
          authenticatedUser(res),
          p(req, 'id'),
          integration(req.body).integration,
        ),
      );
  });
  router.post('/:id/entity-types', body, async (req, res) => {
    res
      .status(201)
      .json(
        await workspaces.addEntityType(authenticatedUser(res), p(req, 'id'), entityType(req.body)),
      );
  });
  router.patch('/:id/entity-types/:type', body, async (req, res) => {
    res.json(
      await workspaces.updateEntityType(
        authenticatedUser(res),
        p(req, 'id'),
        p(req, 'type'),
        entityTypePatch(req.body),
      ),
    );
  });
  router.delete('/:id/entity-types/:type', async (req, res) => {
    res.json(
      await workspaces.removeEntityType(authenticatedUser(res), p(req, 'id'), p(req, 'type')),
    );
  });
  router.post('/:id/entity-types/:type/attributes', body, async (req, res) => {
    res
      .status(201)
      .json(
        await workspaces.addAttribute(
          authenticatedUser(res),
          p(req, 'id'),
          p(req, 'type'),
          attribute(req.body),
        ),
      );
  });
  router.patch('/:id/entity-types/:type/attributes/:attribute', body, async (req, res) => {
    res.json(
      await workspaces.updateAttribute(
        authenticatedUser(res),
        p(req, 'id'),
        p(req, 'type'),
        p(req, 'attribute'),
        attributePatch(req.body),
      ),
    );
  });
  router.delete('/:id/entity-types/:type/attributes/:attribute', async (req, res) => {
    res.json(
      await workspaces.removeAttribute(
        authenticatedUser(res),
        p(req, 'id'),
        p(req, 'type'),
        p(req, 'attribute'),
      ),
    );
  });
  return router;
}
