import { Router } from 'express';
import type { AppDeps } from '../AppDeps.js';
import { validationError, type FieldError } from '../ApiError.js';
import type { ManifestKind } from '../../manifest/types.js';
import { entityTypeEntryJson } from '../serialize.js';
import { checkKey, notFound } from './definitionsRouter.js';
import { single } from './listQuery.js';
import { serveCatalog } from './serveCatalog.js';

/** `GET /entity-types`: every served entity type, or those of one integration or template. */
export function entityTypesRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const errors: FieldError[] = [];
    const integration = single(req, 'integration', errors);
    const template = single(req, 'template', errors);
    if (integration !== undefined && template !== undefined) {
      errors.push({
        pointer: '/query/template',
        rule: 'oneOf',
        message: 'filter by integration or by template, not both',
      });
    }
    if (errors.length > 0) throw validationError(errors, 'query');
    const filter: { kind?: ManifestKind; key?: string } = {};
    if (integration !== undefined) Object.assign(filter, { kind: 'integration', key: integration });
    if (template !== undefined) Object.assign(filter, { kind: 'template', key: template });
    if (filter.kind && filter.key !== undefined) checkKey(filter.kind, filter.key);
    await serveCatalog(deps, req, res, async () => {
      const entries = await deps.catalog.listEntityTypes(filter);
      if (
        filter.kind &&
        filter.key !== undefined &&
        entries.length === 0 &&
        !(await deps.catalog.getDefinition(filter.kind, filter.key))
      ) {
        throw notFound(filter.kind, filter.key);
      }
      return { body: { items: entries.map(entityTypeEntryJson) } };
    });
  });
  return router;
}
