/**
 * The JSON shapes the API returns, built from port types. One function per shape, each
 * mirrored by a schema in openapi/schemas.ts (the integration tests hold the two together).
 */
import type { EntityType, IntegrationManifest, TemplateManifest } from '../manifest/types.js';
import type {
  DefinitionDetail,
  DefinitionSummary,
  EntityTypeEntry,
  ManifestStateEntry,
} from './ports.js';

/**
 * The JSON of a definition in a list (`IntegrationSummary` / `TemplateSummary` of the OpenAPI
 * document).
 */
export function summaryJson(d: DefinitionSummary) {
  const base = {
    key: d.key,
    name: d.name,
    description: d.description,
    tags: d.tags,
    path: d.path,
    revision: d.revision,
    checksum: d.checksum,
    updatedAt: d.updatedAt.toISOString(),
    origin: d.origin,
  };
  return d.kind === 'integration' ? { ...base, category: d.category, provider: d.provider } : base;
}

/** Integration entity types are readonly whatever the file says: edits go through templates. */
function entityTypeJson(entityType: EntityType, integration: boolean) {
  return { ...entityType, readonly: integration ? true : (entityType.readonly ?? false) };
}

/**
 * The JSON of one definition (`GET /api/v1/integrations/{key}`, `/templates/{key}`): the
 * manifest's content with its revision and checksum.
 */
export function detailJson(d: DefinitionDetail) {
  const doc = d.document;
  const common = {
    kind: doc.kind,
    key: d.key,
    name: doc.name,
    description: doc.description,
    ...(doc.version !== undefined ? { version: doc.version } : {}),
    ...(doc.maintainers !== undefined ? { maintainers: doc.maintainers } : {}),
    tags: doc.tags ?? [],
    ...(doc.semantic !== undefined ? { semantic: doc.semantic } : {}),
  };
  const meta = {
    path: d.path,
    manifestVersion: d.manifestVersion,
    revision: d.revision,
    checksum: d.checksum,
    updatedAt: d.updatedAt.toISOString(),
    origin: d.origin,
  };
  if (doc.kind === 'integration') {
    const integration = doc as IntegrationManifest;
    return {
      ...common,
      readonly: true,
      integration: integration.integration,
      entityTypes: integration.entityTypes.map((e) => entityTypeJson(e, true)),
      relationships: integration.relationships ?? [],
      mappings: integration.mappings ?? [],
      ...meta,
    };
  }
  const template = doc as TemplateManifest;
  return {
    ...common,
    readonly: false,
    businessType: template.businessType,
    exampleQuestions: template.exampleQuestions ?? [],
    entityTypes: template.entityTypes.map((e) => entityTypeJson(e, false)),
    relationships: template.relationships ?? [],
    ...meta,
  };
}

/** The JSON of an entity type with the definition it belongs to (`GET /api/v1/entity-types`). */
export function entityTypeEntryJson(entry: EntityTypeEntry) {
  return {
    definition: entry.definition,
    ...entityTypeJson(entry.entityType, entry.definition.kind === 'integration'),
  };
}

/** The JSON of one manifest's state (`GET /api/v1/manifests`). */
export function manifestStateJson(m: ManifestStateEntry) {
  return {
    path: m.path,
    kind: m.kind,
    key: m.key,
    state: m.state,
    checksum: m.checksum,
    findings: m.findings,
    detail: m.detail,
    revision: m.revision,
    updatedAt: m.updatedAt.toISOString(),
    source: m.source,
    origin: m.origin,
    served: m.served,
    servedBy: m.servedBy,
  };
}

/** A sync run as the API returns it: the sync's one shape (src/sync/runJson.ts). */
export { runJson } from '../sync/runJson.js';
