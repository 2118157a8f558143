/**
 * JSON Schemas (draft 2020-12, as OpenAPI 3.1 uses) of every request and response body.
 * They describe what serialize.ts writes; the integration tests validate real responses of
 * every route against them, so the two cannot drift apart unnoticed.
 */
import { UUID_PATTERN } from '../../manifest/uuid.js';
import { DEFAULT_MAX_MAP_RECORDS } from './pageLimits.js';
import { count, ref, str } from './schemaParts.js';
import * as catalog from './catalogSchemas.js';
import * as sync from './syncSchemas.js';

/** The map request schema, also used by the route to validate bodies. */
export function mapRequestSchema(maxRecords: number) {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['records'],
    properties: {
      records: {
        type: 'array',
        minItems: 1,
        maxItems: maxRecords,
        items: { type: 'object' },
        description: 'Raw vendor records (payloads of the model), each a JSON object.',
      },
      mode: {
        enum: ['strict', 'lenient'],
        description: 'strict: a record with an error finding is ok: false. Default lenient.',
      },
      connectionId: {
        type: 'string',
        pattern: UUID_PATTERN.source,
        description:
          "The user's connection these records came through: it must be an active connection of this integration; its lastUsedAt is updated.",
      },
    },
  };
}

const fieldError = {
  type: 'object',
  additionalProperties: false,
  required: ['pointer', 'rule', 'message'],
  properties: { pointer: str, rule: str, message: str },
};

const problem = {
  type: 'object',
  description: 'RFC 9457 problem details (application/problem+json).',
  required: ['type', 'title', 'status', 'detail', 'instance', 'code'],
  additionalProperties: false,
  properties: {
    type: { type: 'string', format: 'uri' },
    title: str,
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: str,
    instance: str,
    code: str,
    requestId: str,
    errors: { type: 'array', items: ref('FieldError') },
  },
};

const mappingFinding = {
  type: 'object',
  required: ['attribute', 'source', 'rule', 'message', 'severity'],
  properties: {
    attribute: str,
    source: str,
    rule: str,
    message: str,
    severity: { enum: ['error', 'warning'] },
  },
};

const mapResponse = {
  type: 'object',
  additionalProperties: false,
  required: [
    'integration',
    'model',
    'entityType',
    'mode',
    'revision',
    'checksum',
    'compileWarnings',
    'results',
    'counts',
  ],
  properties: {
    compileWarnings: {
      type: 'array',
      items: ref('MappingFinding'),
      description: 'Fields the compiler skipped (bad path, unregistered plugin), once per batch.',
    },
    integration: str,
    model: str,
    entityType: str,
    mode: { enum: ['strict', 'lenient'] },
    revision: str,
    checksum: str,
    results: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['index', 'ok', 'attributes', 'findings'],
        properties: {
          index: count,
          ok: { type: 'boolean' },
          attributes: { type: 'object' },
          findings: { type: 'array', items: ref('MappingFinding') },
        },
      },
    },
    counts: {
      type: 'object',
      additionalProperties: false,
      required: ['records', 'ok', 'failed', 'warnings', 'errors'],
      properties: { records: count, ok: count, failed: count, warnings: count, errors: count },
    },
  },
};

/** Every named schema of the document (`#/components/schemas/<name>`). */
export function componentSchemas(maxMapRecords = DEFAULT_MAX_MAP_RECORDS): Record<string, object> {
  return {
    Problem: problem,
    FieldError: fieldError,
    Finding: sync.finding,
    SemanticMetadata: catalog.semantic,
    Attribute: catalog.attribute,
    EntityType: catalog.entityType,
    Relationship: catalog.relationship,
    ModelMapping: catalog.modelMapping,
    IntegrationSummary: catalog.integrationSummary,
    TemplateSummary: catalog.templateSummary,
    IntegrationPage: catalog.page('IntegrationSummary'),
    TemplatePage: catalog.page('TemplateSummary'),
    IntegrationDetail: catalog.integrationDetail,
    TemplateDetail: catalog.templateDetail,
    EntityTypeEntry: catalog.entityTypeEntry,
    EntityTypeList: {
      type: 'object',
      additionalProperties: false,
      required: ['items', 'next'],
      properties: {
        items: { type: 'array', items: ref('EntityTypeEntry') },
        next: {
          type: ['string', 'null'],
          description: 'Cursor of the next page (pass it as `cursor`); null on the last page.',
        },
      },
    },
    MapRequest: mapRequestSchema(maxMapRecords),
    MappingFinding: mappingFinding,
    MapResponse: mapResponse,
    SyncCounts: sync.syncCounts,
    SyncRun: sync.syncRun,
    SyncRunList: {
      type: 'object',
      additionalProperties: false,
      required: ['items'],
      properties: { items: { type: 'array', items: ref('SyncRun') } },
    },
    SyncStatus: sync.syncStatus,
    SourceStatus: sync.sourceStatus,
    SourceRunBrief: sync.sourceRunBrief,
    SyncAccepted: sync.syncAccepted,
    ManifestState: sync.manifestState,
    ManifestList: sync.manifestList,
    WebhookAnswer: sync.webhookAnswer,
    Health: sync.health,
    Readiness: sync.readiness,
  };
}
