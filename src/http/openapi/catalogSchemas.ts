/** Schemas of catalog responses: definitions, entity types, attributes, relationships. */
import { DATA_TYPES } from '../../manifest/types.js';
import { dateTime, nullable, ref, str, strings } from './schemaParts.js';

/** Schema `SemanticMetadata`. */
export const semantic = {
  type: 'object',
  properties: { definition: str, classifications: strings, tags: strings, synonyms: strings },
};

/** Schema `Attribute`: an attribute as the catalog serves it. */
export const attribute = {
  type: 'object',
  required: ['key', 'dataType'],
  properties: {
    key: str,
    displayName: str,
    dataType: { enum: [...DATA_TYPES] },
    list: { type: 'boolean' },
    required: { type: 'boolean' },
    enumValues: strings,
    references: str,
    validation: { type: 'object' },
    semantic: ref('SemanticMetadata'),
  },
};

/** The properties of schema `EntityType`. */
export const entityTypeProperties = {
  key: str,
  displayName: str,
  description: str,
  readonly: { type: 'boolean' },
  primaryKey: str,
  attributes: { type: 'array', items: ref('Attribute') },
  semantic: ref('SemanticMetadata'),
};

/** Schema `EntityType`. */
export const entityType = {
  type: 'object',
  required: ['key', 'displayName', 'readonly', 'attributes'],
  properties: entityTypeProperties,
};

/** Schema `Relationship`. */
export const relationship = {
  type: 'object',
  required: ['key', 'from', 'to', 'cardinality'],
  properties: {
    key: str,
    from: str,
    to: str,
    cardinality: { enum: ['one-to-one', 'one-to-many', 'many-to-one', 'many-to-many'] },
    via: str,
    semantic: ref('SemanticMetadata'),
  },
};

/** Schema `ModelMapping`: a model's mapping summary in an integration's detail. */
export const modelMapping = {
  type: 'object',
  required: ['model', 'entityType', 'fields'],
  properties: {
    model: str,
    entityType: str,
    fields: { type: 'object', additionalProperties: { type: 'object' } },
  },
};

const origin = {
  type: 'string',
  description:
    'Name of the registry source the served copy comes from (layered registries; the names GET /api/v1/sync lists, and what ?source= takes).',
};

/** The properties shared by `IntegrationSummary` and `TemplateSummary`. */
export const summaryCommon = {
  key: str,
  name: str,
  description: str,
  tags: strings,
  path: str,
  revision: str,
  checksum: str,
  updatedAt: dateTime,
  origin,
};

/** Schema `IntegrationSummary`: one item of `GET /api/v1/integrations`. */
export const integrationSummary = {
  type: 'object',
  additionalProperties: false,
  required: [...Object.keys(summaryCommon), 'category', 'provider'],
  properties: { ...summaryCommon, category: nullable('string'), provider: nullable('string') },
};

/** Schema `TemplateSummary`: one item of `GET /api/v1/templates`. */
export const templateSummary = {
  type: 'object',
  additionalProperties: false,
  required: Object.keys(summaryCommon),
  properties: summaryCommon,
};

/**
 * A page schema (`IntegrationPage`, `TemplatePage`): `items` of the named schema and the next
 * cursor.
 */
export const page = (item: string) => ({
  type: 'object',
  additionalProperties: false,
  required: ['items', 'next'],
  properties: {
    items: { type: 'array', items: ref(item) },
    next: {
      ...nullable('string'),
      description: 'Cursor of the next page (pass as `cursor`), null on the last page.',
    },
  },
});

/** The properties shared by `IntegrationDetail` and `TemplateDetail`. */
export const detailCommon = {
  kind: str,
  key: str,
  name: str,
  description: str,
  version: str,
  maintainers: strings,
  tags: strings,
  semantic: ref('SemanticMetadata'),
  readonly: { type: 'boolean' },
  entityTypes: { type: 'array', items: ref('EntityType') },
  relationships: { type: 'array', items: ref('Relationship') },
  path: str,
  manifestVersion: str,
  revision: { type: 'string', description: 'Registry revision at which this version was written.' },
  checksum: { type: 'string', description: 'sha256 of the canonical manifest.' },
  updatedAt: dateTime,
  origin,
};

/** The properties of `detailCommon` every detail answer carries. */
export const detailRequired = [
  'kind',
  'key',
  'name',
  'description',
  'tags',
  'readonly',
  'entityTypes',
  'relationships',
  'path',
  'manifestVersion',
  'revision',
  'checksum',
  'updatedAt',
  'origin',
];

/** Schema `IntegrationDetail`: `GET /api/v1/integrations/{key}`. */
export const integrationDetail = {
  type: 'object',
  additionalProperties: false,
  required: [...detailRequired, 'integration', 'mappings'],
  properties: {
    ...detailCommon,
    kind: { const: 'integration' },
    readonly: { const: true },
    integration: {
      type: 'object',
      required: [
        'provider',
        'category',
        'syncDirection',
        'authKinds',
        'models',
        'connectionConfig',
      ],
      properties: {
        provider: str,
        category: str,
        syncDirection: str,
        authKinds: {
          ...strings,
          minItems: 1,
          description:
            'Every way a user can connect, most recommended first (manifests in format 1.0 are served upgraded).',
        },
        docsUrl: str,
        apiVersion: str,
        models: {
          type: 'array',
          items: {
            type: 'object',
            required: ['key', 'entityType'],
            properties: {
              key: str,
              displayName: str,
              description: str,
              entityType: { ...str, description: 'Entity type a payload of this model becomes.' },
              docsUrl: str,
            },
          },
        },
        connectionConfig: { type: 'object' },
      },
    },
    mappings: { type: 'array', items: ref('ModelMapping') },
  },
};

/** Schema `TemplateDetail`: `GET /api/v1/templates/{key}`. */
export const templateDetail = {
  type: 'object',
  additionalProperties: false,
  required: [...detailRequired, 'businessType', 'exampleQuestions'],
  properties: {
    ...detailCommon,
    kind: { const: 'template' },
    businessType: str,
    exampleQuestions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['question', 'entityTypes'],
        properties: { question: str, entityTypes: strings },
      },
    },
  },
};

/** Schema `EntityTypeEntry`: an entity type with its definition (`GET /api/v1/entity-types`). */
export const entityTypeEntry = {
  type: 'object',
  required: ['definition', 'key', 'displayName', 'readonly', 'attributes'],
  properties: {
    definition: {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'key'],
      properties: { kind: { enum: ['integration', 'template'] }, key: str },
    },
    ...entityTypeProperties,
  },
};
