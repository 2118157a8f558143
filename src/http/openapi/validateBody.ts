import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { FieldError } from '../ApiError.js';

const ajv = new Ajv2020({ allErrors: true, strict: true });

/**
 * A request body that matched its schema, or the field errors (JSON pointer, rule, message) of
 * one that did not.
 */
export type BodyCheck<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/**
 * Compiles a request schema (from openapi/schemas.ts, the same object the OpenAPI document
 * shows) into a check that returns every problem as `{ pointer, rule, message }`. The
 * schema is compiled on the first body it checks, not when the route is built: compiling
 * every route's schema cost about 0.6 s of `serve`'s time to ready (docs/performance.md).
 */
export function compileBodyValidator<T>(schema: object): (body: unknown) => BodyCheck<T> {
  let compiled: ValidateFunction | undefined;
  return (body) => {
    const check = (compiled ??= ajv.compile(schema));
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
