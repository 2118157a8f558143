import type { EntityType, IntegrationManifest, ModelMapping } from '../manifest/types.js';

/** The mapping of a model and its target entity type, or why there is none. */
export type FindModelMappingResult =
  | { ok: true; mapping: ModelMapping; entityType: EntityType }
  | {
      ok: false;
      reason: 'unknown-model' | 'unknown-entity-type';
      message: string;
      models: string[];
    };

/** Finds a model's mapping in a manifest, with the entity type it targets. */
export function findModelMapping(
  manifest: IntegrationManifest,
  model: string,
): FindModelMappingResult {
  const mappings = manifest.mappings ?? [];
  const models = mappings.map((m) => m.model);
  const mapping = mappings.find((m) => m.model === model);
  if (!mapping) {
    const list = models.length > 0 ? models.join(', ') : '(none)';
    return {
      ok: false,
      reason: 'unknown-model',
      message: `manifest "${manifest.key}" has no mapping for model "${model}"; models: ${list}`,
      models,
    };
  }
  const entityType = manifest.entityTypes.find((e) => e.key === mapping.entityType);
  if (!entityType) {
    return {
      ok: false,
      reason: 'unknown-entity-type',
      message: `model "${model}" maps to unknown entity type "${mapping.entityType}"`,
      models,
    };
  }
  return { ok: true, mapping, entityType };
}
