import { Router, type Request, type RequestHandler } from 'express';
import type { Attribute, EntityType } from '../../manifest/types.js';
import type {
  AttributePatch,
  EntityTypePatch,
  WorkspaceService,
} from '../../workspaces/WorkspaceService.js';
import type { ConflictResolution } from '../../workspaces/threeWayMerge.js';
import { validationError } from '../ApiError.js';
import { compileBodyValidator } from '../openapi/validateBody.js';
import { authenticatedUser } from './connectionsAuth.js';

const KEY = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' } as const;
// Shapes only: the manifest validator checks the resulting model (types, enums, references).
const IDENTIFIER = { type: 'string', minLength: 1, maxLength: 64 } as const;
const schemas = {
  upgrade: {
    type: 'object',
    additionalProperties: false,
    properties: {
      resolve: {
        type: 'array',
        maxItems: 1000,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['element', 'key', 'take'],
          properties: {
            element: { enum: ['entityType', 'attribute', 'relationship'] },
            entityType: { type: 'string', minLength: 1, maxLength: 200 },
            key: { type: 'string', minLength: 1, maxLength: 200 },
            take: { enum: ['ours', 'theirs'] },
          },
        },
      },
    },
  },
  create: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: { name: { type: 'string', minLength: 1, maxLength: 200 } },
  },
  install: {
    type: 'object',
    additionalProperties: false,
    required: ['template'],
    properties: { template: KEY },
  },
  integration: {
    type: 'object',
    additionalProperties: false,
    required: ['integration'],
    properties: { integration: KEY },
  },
  entityType: {
    type: 'object',
    required: ['key', 'displayName'],
    properties: { key: IDENTIFIER, displayName: { type: 'string' }, attributes: { type: 'array' } },
  },
  entityTypePatch: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: {
      key: IDENTIFIER,
      displayName: { type: 'string' },
      description: { type: ['string', 'null'] },
      primaryKey: { type: ['string', 'null'] },
      semantic: { type: ['object', 'null'] },
    },
  },
  attribute: {
    type: 'object',
    required: ['key', 'dataType'],
    properties: { key: IDENTIFIER, dataType: { type: 'string' } },
  },
  attributePatch: {
    type: 'object',
    minProperties: 1,
    properties: { key: IDENTIFIER, dataType: { type: 'string' } },
  },
};

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
  const upgrade = check<{ resolve?: ConflictResolution[] }>(schemas.upgrade);
  const p = (req: Request, name: string): string => String(req.params[name]);

  router.post('/', body, async (req, res) => {
    const view = await workspaces.create(authenticatedUser(res), create(req.body));
    res.status(201).set('Location', `${req.baseUrl}/${view.id}`).json(view);
  });
  router.get('/', async (_req, res) => {
    res
      .set('Cache-Control', 'no-store')
      .json({ items: await workspaces.list(authenticatedUser(res)) });
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
    const { resolve = [] } = upgrade(req.body);
    res.json(
      await workspaces.upgradeTemplate(
        authenticatedUser(res),
        p(req, 'id'),
        p(req, 'key'),
        resolve,
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
