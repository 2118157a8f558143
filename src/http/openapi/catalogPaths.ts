/**
 * The catalog's paths: integrations and templates (the same read operations for both kinds,
 * built from one table), the readonly refusals of integrations, the map operation, and the
 * entity types across definitions. Spread `catalogPaths()` into the document's `paths`.
 */
import { ref } from './schemaParts.js';
import { CATEGORIES } from '../../manifest/types.js';
import { PAGE_LIMITS } from './pageLimits.js';
import { nextLink, pageParams } from './paging.js';
import {
  badQuery,
  etagHeaders,
  ifNoneMatch,
  json,
  notModified,
  pathParam,
  problem,
  PUBLIC,
  query,
  unexpected,
  type PathTable,
} from './pathParts.js';

type Kind = 'integration' | 'template';

const keyParam = (kind: Kind) => pathParam('key', `Key of the ${kind}.`);
const typeParam = pathParam('type', 'Key of the entity type.');
const sourceParam = (what: string) =>
  query(
    'source',
    `${what} A name no registry source has is a 400 listing the known ones (GET /api/v1/sync lists them).`,
    { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,39}$' },
  );
const listParams = () => [
  ...pageParams(PAGE_LIMITS.definitions),
  query('tag', 'Only definitions with this tag.', {
    type: 'string',
    pattern: '^[a-z0-9][a-z0-9-]{0,63}$',
  }),
  query('q', 'Free text, matched case-insensitively against key, name and description.'),
  sourceParam('Only definitions served from the registry source of this name.'),
  ifNoneMatch,
];

/** A public catalog read: ETag answers, 304, 400 for the query, 404 when `missing` is set. */
function read(options: {
  operationId: string;
  summary: string;
  parameters: object[];
  ok: ReturnType<typeof json>;
  missing?: string;
}) {
  return {
    operationId: options.operationId,
    tags: ['catalog'],
    security: PUBLIC,
    summary: options.summary,
    parameters: options.parameters,
    responses: {
      '200': options.ok,
      '304': notModified,
      '400': badQuery(),
      ...(options.missing ? { '404': problem(options.missing) } : {}),
      default: unexpected,
    },
  };
}

/** The four read operations of one kind of definition. */
function definitionReadPaths(kind: Kind): PathTable {
  const plural = kind === 'integration' ? 'integrations' : 'templates';
  const Name = kind === 'integration' ? 'Integration' : 'Template';
  const base = `/api/v1/${plural}`;
  const paged = { ...etagHeaders, ...nextLink };
  return {
    [base]: {
      get: read({
        operationId: `list${Name}s`,
        summary: `List ${plural}`,
        parameters:
          kind === 'integration'
            ? [query('category', 'Only this category.', { enum: [...CATEGORIES] }), ...listParams()]
            : listParams(),
        ok: json(`${Name}Page`, `A page of ${plural}, ordered by key.`, paged),
      }),
    },
    [`${base}/{key}`]: {
      parameters: [keyParam(kind)],
      get: read({
        operationId: `get${Name}`,
        summary: `One ${kind} with entity types, attributes, relationships, semantic metadata${kind === 'integration' ? ', mappings' : ''}, revision and checksum`,
        parameters: [
          sourceParam(
            `Only if the served copy comes from the registry source of this name (else 404 naming the source it comes from).`,
          ),
          ifNoneMatch,
        ],
        ok: json(`${Name}Detail`, `The ${kind}.`, etagHeaders),
        missing: `No such ${kind} (from that source, when \`source\` is given).`,
      }),
    },
    [`${base}/{key}/entity-types`]: {
      parameters: [keyParam(kind)],
      get: read({
        operationId: `list${Name}EntityTypes`,
        summary: `Entity types of one ${kind}, in manifest order`,
        parameters: [...pageParams(PAGE_LIMITS.entityTypes), ifNoneMatch],
        ok: json('EntityTypeList', 'A page of its entity types.', paged),
        missing: `No such ${kind}.`,
      }),
    },
    [`${base}/{key}/entity-types/{type}`]: {
      parameters: [keyParam(kind), typeParam],
      get: read({
        operationId: `get${Name}EntityType`,
        summary: `One entity type of one ${kind}`,
        parameters: [ifNoneMatch],
        ok: json('EntityTypeEntry', 'The entity type.', etagHeaders),
        missing: 'No such definition or entity type.',
      }),
    },
  };
}

const readonlyRefusal = (what: string, operationId: string) => ({
  operationId,
  tags: ['catalog'],
  security: PUBLIC,
  summary: `Refused: ${what} are readonly (templates are the editable path)`,
  responses: {
    '400': badQuery(),
    '405': problem('Readonly: change the registry with a Git commit, or customise a template.', {
      Allow: { schema: { type: 'string' } },
    }),
    default: unexpected,
  },
});

/** Integrations are readonly: the methods that would write one answer 405, by path. */
const INTEGRATION_REFUSALS: Array<[path: string, what: string, ids: Record<string, string>]> = [
  [
    '/api/v1/integrations/{key}',
    'integrations',
    { put: 'replaceIntegration', patch: 'updateIntegration', delete: 'deleteIntegration' },
  ],
  [
    '/api/v1/integrations/{key}/entity-types',
    'integration entity types',
    { post: 'createIntegrationEntityType' },
  ],
  [
    '/api/v1/integrations/{key}/entity-types/{type}',
    'integration entity types',
    {
      put: 'replaceIntegrationEntityType',
      patch: 'updateIntegrationEntityType',
      delete: 'deleteIntegrationEntityType',
    },
  ],
];

const mapOperation = () => ({
  operationId: 'mapRecords',
  tags: ['mapping'],
  security: PUBLIC,
  summary: 'Map a batch of raw vendor records with the integration mapping of one model',
  parameters: [
    keyParam('integration'),
    { name: 'model', in: 'path', required: true, schema: { type: 'string' } },
  ],
  requestBody: {
    required: true,
    content: { 'application/json': { schema: ref('MapRequest') } },
  },
  responses: {
    '200': json('MapResponse', 'One result per record, in order, with findings as data.'),
    '400': problem(
      'Malformed JSON (MALFORMED_JSON), too deep (JSON_TOO_DEEP), not the documented shape (VALIDATION_FAILED, with errors), or an undocumented query parameter (INVALID_QUERY).',
    ),
    '404': problem('No such integration, model or mapping.'),
    '413': problem('The body is larger than REGSYNC_BODY_LIMIT_BYTES.'),
    '415': problem('The body is not application/json.'),
    default: unexpected,
  },
});

const entityTypesPath = (): PathTable => ({
  '/api/v1/entity-types': {
    get: {
      operationId: 'listEntityTypes',
      tags: ['catalog'],
      security: PUBLIC,
      summary: 'Entity types of every definition, or of one integration or template',
      parameters: [
        query('integration', 'Key of an integration.'),
        query('template', 'Key of a template.'),
        ...pageParams(PAGE_LIMITS.entityTypes),
        ifNoneMatch,
      ],
      responses: {
        '200': json(
          'EntityTypeList',
          'A page of entity types (integrations first, then templates, each by key, then in manifest order), with the definition each belongs to.',
          { ...etagHeaders, ...nextLink },
        ),
        '304': notModified,
        '400': badQuery('Both filters given, or a query parameter'),
        '404': problem('No such integration or template.'),
        default: unexpected,
      },
    },
  },
});

/** Every catalog and mapping path, integrations first, then templates, then entity types. */
export function catalogPaths(): PathTable {
  const integrations = definitionReadPaths('integration');
  for (const [path, what, ids] of INTEGRATION_REFUSALS)
    for (const [method, operationId] of Object.entries(ids))
      (integrations[path] as Record<string, object>)[method] = readonlyRefusal(what, operationId);
  integrations['/api/v1/integrations/{key}/models/{model}/map'] = { post: mapOperation() };
  return { ...integrations, ...definitionReadPaths('template'), ...entityTypesPath() };
}
