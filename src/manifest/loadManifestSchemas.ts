import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The three JSON Schemas of manifest format 1.0, as plain objects. */
export interface ManifestSchemas {
  common: Record<string, unknown>;
  integration: Record<string, unknown>;
  template: Record<string, unknown>;
}

/**
 * Loads the bundled schema files through the module loader (no file-system API), from the
 * source tree (`src/manifest` → `schemas/`) or from a build (`dist/src/manifest`).
 */
export function loadManifestSchemas(): ManifestSchemas {
  return {
    common: loadSchema('manifest-common.schema.json'),
    integration: loadSchema('integration-manifest.schema.json'),
    template: loadSchema('template-manifest.schema.json'),
  };
}

function loadSchema(name: string): Record<string, unknown> {
  for (const base of ['../../schemas/', '../../../schemas/']) {
    try {
      return require(`${base}${name}`) as Record<string, unknown>;
    } catch (error) {
      if ((error as { code?: string }).code !== 'MODULE_NOT_FOUND') throw error;
    }
  }
  throw new Error(`schema ${name} not found next to the sources or the build`);
}
