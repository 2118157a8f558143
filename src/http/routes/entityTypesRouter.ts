import { Router } from 'express';
import type { AppDeps } from '../AppDeps.js';
import { validationError, type FieldError } from '../ApiError.js';
import type { ManifestKind } from '../../manifest/types.js';
import { entityTypeEntryJson } from '../serialize.js';
import { checkKey, notFound } from './definitionsRouter.js';
import { nextPageUrl, single } from './listQuery.js';
import { pageEntityTypes, parseEntityTypePage } from './pageEntityTypes.js';
import { serveCatalog } from './serveCatalog.js';

/**
 * `GET /entity-types`: every served entity type, or those of one integration or template, in
 * pages of `limit` (PAGE_LIMITS.entityTypes) with a `next` cursor and a Link header.
 */
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
    const page = parseEntityTypePage(req, errors);
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
      const { items, next } = pageEntityTypes(entries, page);
      const headers: Record<string, string> = {};
      if (next) headers.Link = `<${nextPageUrl(req, next)}>; rel="next"`;
      return { body: { items: items.map(entityTypeEntryJson), next }, headers };
    });
  });
  return router;
}
