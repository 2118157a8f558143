/**
 * The bundled JSON Schemas of the manifest format, as static JSON module imports: the module
 * graph carries them, so the core reads no file at run time (no `fs`, no `createRequire`),
 * and `tsc` copies them into a build beside the code (`dist/schemas/`), where the same
 * relative import finds them.
 */
import common from '../../schemas/manifest-common.schema.json' with { type: 'json' };
import integration from '../../schemas/integration-manifest.schema.json' with { type: 'json' };
import template from '../../schemas/template-manifest.schema.json' with { type: 'json' };

/** The three JSON Schemas of the manifest format, as plain objects. */
export interface ManifestSchemas {
  common: Record<string, unknown>;
  integration: Record<string, unknown>;
  template: Record<string, unknown>;
}

/**
 * The bundled schemas. Returns the same objects on every call: callers compile them and
 * must not change them.
 */
export function loadManifestSchemas(): ManifestSchemas {
  return {
    common: common as Record<string, unknown>,
    integration: integration as Record<string, unknown>,
    template: template as Record<string, unknown>,
  };
}
