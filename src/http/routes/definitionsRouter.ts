import { Router, type Request } from 'express';
import type { AppDeps } from '../AppDeps.js';
import { ApiError, validationError, type FieldError } from '../ApiError.js';
import type { ManifestKind } from '../../manifest/types.js';
import { detailJson, entityTypeEntryJson, summaryJson } from '../serialize.js';
import { checkSourceKnown, nextPageUrl, parseListQuery, parseSource } from './listQuery.js';
import { pageEntityTypes, parseEntityTypePage } from './pageEntityTypes.js';
import { serveCatalog } from './serveCatalog.js';

const KEY = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** 404 for a key that cannot exist, without a database round trip. */
export function checkKey(kind: ManifestKind, key: string): void {
  if (key.length > 64 || !KEY.test(key)) throw notFound(kind, key);
}

/**
 * The 404 `NOT_FOUND` error for a missing definition; the key is quoted and cut to 64
 * characters.
 */
export function notFound(kind: ManifestKind, key: string): ApiError {
  return new ApiError('NOT_FOUND', `no ${kind} with key ${JSON.stringify(key.slice(0, 64))}`);
}

function param(req: Request, name: string): string {
  const value = req.params[name];
  return typeof value === 'string' ? value : '';
}

/**
 * `GET /integrations` and `GET /templates` (filters, keyset pagination with a `next`
 * cursor and a Link header), `GET /<kind>/:key`, and `GET /<kind>/:key/entity-types/:type`.
 * Integration definitions and their entity types come from Git: writes are refused with 405
 * and a problem saying so (templates are the editable path).
 */
export function definitionsRouter(deps: AppDeps, kind: ManifestKind): Router {
  const router = Router();
  const plural = kind === 'integration' ? 'integrations' : 'templates';

  router.get('/', async (req, res) => {
    const query = parseListQuery(req, { withCategory: kind === 'integration' });
    await serveCatalog(deps, req, res, async () => {
      checkSourceKnown(query.source, await deps.catalog.sourceNames());
      const page = await deps.catalog.listDefinitions({ kind, ...query });
      const next = page.nextCursor ?? null;
      const headers: Record<string, string> = {};
      if (next) headers.Link = `<${nextPageUrl(req, next)}>; rel="next"`;
      return { body: { items: page.items.map(summaryJson), next }, headers };
    });
  });

  router.get('/:key', async (req, res) => {
    const key = param(req, 'key');
    checkKey(kind, key);
    const errors: FieldError[] = [];
    const source = parseSource(req, errors);
    if (errors.length > 0) throw validationError(errors, 'query');
    await serveCatalog(deps, req, res, async () => {
      if (source !== undefined) checkSourceKnown(source, await deps.catalog.sourceNames());
      const detail = await deps.catalog.getDefinition(kind, key);
      if (!detail) throw notFound(kind, key);
      // The served copy is the only one the catalog holds: another source's copy of the key
      // (overridden, hidden or in collision) is in GET /manifests, not here.
      if (source !== undefined && detail.origin !== source)
        throw new ApiError(
          'NOT_FOUND',
          `${kind} ${JSON.stringify(key)} is served from source ${JSON.stringify(detail.origin)}, not ${JSON.stringify(source)}; GET /api/v1/manifests shows every source's copy`,
        );
      return { body: detailJson(detail) };
    });
  });

  router.get('/:key/entity-types', async (req, res) => {
    const key = param(req, 'key');
    checkKey(kind, key);
    const query = parseEntityTypePage(req);
    await serveCatalog(deps, req, res, async () => {
      const entries = await deps.catalog.listEntityTypes({ kind, key });
      if (entries.length === 0 && !(await deps.catalog.getDefinition(kind, key)))
        throw notFound(kind, key);
      const { items, next } = pageEntityTypes(entries, query);
      const headers: Record<string, string> = {};
      if (next) headers.Link = `<${nextPageUrl(req, next)}>; rel="next"`;
      return { body: { items: items.map(entityTypeEntryJson), next }, headers };
    });
  });

  router.get('/:key/entity-types/:type', async (req, res) => {
    const key = param(req, 'key');
    const type = param(req, 'type');
    checkKey(kind, key);
    await serveCatalog(deps, req, res, async () => {
      const entries = await deps.catalog.listEntityTypes({ kind, key });
      const entry = entries.find((e) => e.entityType.key === type);
      if (!entry)
        throw new ApiError(
          'NOT_FOUND',
          `${kind} ${JSON.stringify(key)} has no entity type ${JSON.stringify(type.slice(0, 64))}`,
        );
      return { body: entityTypeEntryJson(entry) };
    });
  });

  if (kind === 'integration') {
    const readonlyEntityType = () => {
      throw new ApiError(
        'READONLY_ENTITY_TYPE',
        'integration entity types are readonly: they come from the Git registry and change only through a commit there. ' +
          'To customise entity types, start from a template (GET /api/v1/templates): templates are the editable path.',
        { headers: { Allow: 'GET, HEAD' } },
      );
    };
    router.put('/:key/entity-types/:type', readonlyEntityType);
    router.patch('/:key/entity-types/:type', readonlyEntityType);
    router.delete('/:key/entity-types/:type', readonlyEntityType);
    router.post('/:key/entity-types', () => {
      throw new ApiError(
        'READONLY_ENTITY_TYPE',
        'integration entity types are readonly; templates are the editable path',
        {
          headers: { Allow: 'GET, HEAD' },
        },
      );
    });
    const readonlyDefinition = () => {
      throw new ApiError(
        'READONLY_DEFINITION',
        `${plural} are defined in the Git registry; change them with a commit there`,
        {
          headers: { Allow: 'GET, HEAD' },
        },
      );
    };
    router.put('/:key', readonlyDefinition);
    router.patch('/:key', readonlyDefinition);
    router.delete('/:key', readonlyDefinition);
  }
  return router;
}
