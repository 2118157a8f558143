import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { createConnectionConfigAjv } from '../manifest/connectionConfigAjv.js';
import type { FieldError } from '../errors/FieldError.js';
import { joinPointer } from '../manifest/jsonPointer.js';

let ajv: Ajv2020 | undefined;
/** Compiled validators by the integration's manifest checksum (a new manifest version compiles anew). */
const compiled = new Map<string, ValidateFunction>();
const MAX_CACHED = 256;

function instance(): Ajv2020 {
  // The same instance options as the manifest rule that checks these schemas, without the
  // meta-schema check that rule has already made of every schema that reaches here.
  ajv ??= createConnectionConfigAjv({ validateSchema: false });
  return ajv;
}

function validatorFor(
  cacheKey: string,
  schema: Record<string, unknown>,
): ValidateFunction | string {
  const cached = compiled.get(cacheKey);
  if (cached) return cached;
  try {
    // A copy without $id: two versions of one integration's schema never clash in the shared instance.
    const { $id: _id, ...copy } = structuredClone(schema);
    const validate = instance().compile(copy);
    if (compiled.size >= MAX_CACHED) {
      const oldest = compiled.keys().next().value as string;
      compiled.delete(oldest);
    }
    compiled.set(cacheKey, validate);
    return validate;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Validates a plaintext connection config against the integration's `connectionConfig` JSON
 * Schema. Never throws; every problem is a field error whose pointer starts with `/config`.
 * `cacheKey` is the manifest's checksum (plus key), so a compiled schema is reused until the
 * registry changes it.
 */
export function validateConnectionConfig(options: {
  cacheKey: string;
  schema: Record<string, unknown>;
  config: unknown;
}): FieldError[] {
  const validate = validatorFor(options.cacheKey, options.schema);
  if (typeof validate === 'string') {
    return [
      {
        pointer: '/config',
        rule: 'config-schema-invalid',
        message: `the integration's connection config schema does not compile: ${validate}`,
      },
    ];
  }
  if (validate(options.config)) return [];
  return (validate.errors ?? []).slice(0, 50).map(toFieldError);
}

function toFieldError(error: ErrorObject): FieldError {
  const params = error.params as Record<string, unknown>;
  const base = `/config${error.instancePath}`;
  if (error.keyword === 'required') {
    return {
      pointer: joinPointer(base, String(params.missingProperty)),
      rule: 'required',
      message: `${String(params.missingProperty)} is required`,
    };
  }
  if (error.keyword === 'additionalProperties') {
    return {
      pointer: joinPointer(base, String(params.additionalProperty)),
      rule: 'additionalProperties',
      message: `unknown property ${JSON.stringify(params.additionalProperty)}`,
    };
  }
  // Never echo the value: it may be a secret.
  return { pointer: base, rule: error.keyword, message: error.message ?? error.keyword };
}
