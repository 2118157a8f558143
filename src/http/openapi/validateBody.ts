import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import type { FieldError } from '../ApiError.js';

const ajv = new Ajv2020({ allErrors: true, strict: true });

/**
 * A request body that matched its schema, or the field errors (JSON pointer, rule, message) of
 * one that did not.
 */
export type BodyCheck<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/**
 * Compiles a request schema (from openapi/schemas.ts, the same object the OpenAPI document
 * shows) into a check that returns every problem as `{ pointer, rule, message }`.
 */
export function compileBodyValidator<T>(schema: object): (body: unknown) => BodyCheck<T> {
  const check = ajv.compile(schema);
  return (body) => {
    if (check(body)) return { ok: true, value: body as T };
    return { ok: false, errors: (check.errors ?? []).slice(0, 50).map(toFieldError) };
  };
}

function toFieldError(error: ErrorObject): FieldError {
  const params = error.params as Record<string, unknown>;
  const pointer =
    error.keyword === 'required'
      ? `${error.instancePath}/${String(params.missingProperty)}`
      : error.keyword === 'additionalProperties'
        ? `${error.instancePath}/${String(params.additionalProperty)}`
        : error.instancePath;
  const message =
    error.keyword === 'additionalProperties'
      ? `unknown property ${JSON.stringify(params.additionalProperty)}`
      : (error.message ?? error.keyword);
  return { pointer, rule: error.keyword, message };
}
