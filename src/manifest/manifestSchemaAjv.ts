import { createHash } from 'node:crypto';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Options } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ManifestSchemas } from './loadManifestSchemas.js';

/**
 * The one ajv set-up of the manifest schemas, shared by the run-time compiler
 * (schemaValidation.ts) and the build's ahead-of-time generator (standaloneValidatorsCode.ts),
 * so a precompiled validator is the same code ajv would generate at run time: the same
 * errors, in the same order. Remote `$ref`s are never fetched: there is no `loadSchema`,
 * only the bundled schemas are known. `code` is for the generator (`source: true`).
 */
export function createManifestSchemaAjv(schemas: ManifestSchemas, code?: Options['code']): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictRequired: false,
    strictTypes: false,
    verbose: true,
    ...(code ? { code } : {}),
  });
  addFormats.default(ajv);
  ajv.addKeyword('x-secret');
  ajv.addSchema(schemas.common);
  return ajv;
}

/**
 * A digest of the manifest schemas as loaded (sha256 of their JSON), so validators generated
 * from one version of the schema files are never used with another.
 */
export function manifestSchemasChecksum(schemas: ManifestSchemas): string {
  const text = JSON.stringify([schemas.common, schemas.integration, schemas.template]);
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}
