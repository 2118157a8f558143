/**
 * Request body schemas of the connection and workspace operations: the OpenAPI document
 * shows these objects (userDataPaths.ts) and the routes compile these same objects to
 * validate bodies (connectionsRouter.ts, workspacesRouter.ts), so what the document promises
 * is what the edge enforces. The map request is in schemas.ts (`mapRequestSchema`).
 *
 * Shapes only where a deeper rule exists: the manifest validator checks a workspace's
 * resulting model (types, enums, references) and answers MODEL_INVALID.
 */
const KEY = {
  type: 'string',
  pattern: '^[a-z0-9][a-z0-9-]{0,63}$',
  description: 'An integration or template key.',
} as const;
const IDENTIFIER = { type: 'string', minLength: 1, maxLength: 64 } as const;
const LABEL = { type: ['string', 'null'], minLength: 1, maxLength: 100 } as const;

/** `POST /users/{userId}/connections`. */
export const createConnectionBody = {
  type: 'object',
  additionalProperties: false,
  required: ['integrationType', 'config'],
  properties: {
    integrationType: KEY,
    label: LABEL,
    config: {
      type: 'object',
      description: "Checked against the integration's connectionConfig schema (CONFIG_INVALID).",
    },
  },
};

/** `PATCH /users/{userId}/connections/{id}`: omitted secrets keep their value, null removes one. */
export const updateConnectionBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { label: LABEL, config: { type: 'object' } },
};

/** Bodies of the workspace operations, by route. */
export const workspaceBodies = {
  upgrade: {
    type: 'object',
    additionalProperties: false,
    properties: {
      resolve: {
        type: 'array',
        maxItems: 1000,
        description:
          "Conflicts to settle: keep the workspace's version (ours) or take upstream's (theirs, attributes and relationships).",
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
      acceptSource: {
        type: 'string',
        minLength: 1,
        maxLength: 200,
        description:
          'The name of the source now serving the template, when it is not the one the workspace installed it from (`sourceChange` of the changes): accepts the move, and the workspace records that source. Without it such an upgrade is refused (409 TEMPLATE_SOURCE_CHANGED).',
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
    description: 'An entity type as in a manifest; the model rules check the rest (MODEL_INVALID).',
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
    description: 'An attribute as in a manifest; the model rules check the rest (MODEL_INVALID).',
    properties: { key: IDENTIFIER, dataType: { type: 'string' } },
  },
  attributePatch: {
    type: 'object',
    minProperties: 1,
    properties: { key: IDENTIFIER, dataType: { type: 'string' } },
  },
};
