import type { RequestHandler } from 'express';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { validationError, type FieldError } from '../ApiError.js';
import { operationTable } from '../openapi/operationTable.js';

interface QueryParameter {
  name: string;
  schema: Record<string, unknown>;
  check: ValidateFunction;
}

const ajv = new Ajv2020({ allErrors: true, strict: false });

/**
 * Checks every request's query string against the operation the OpenAPI document describes
 * for its method and path: a parameter the operation does not document, one given twice, or
 * a value its schema refuses (type, range, enum, pattern, length) is a 400 INVALID_QUERY
 * listing each problem at `/query/<name>`. The document served at /openapi.json is the
 * table, so it cannot promise what the service does not check. Requests for an undocumented
 * path or method go on (the router answers 404 or 405).
 *
 * Refusing an unknown parameter (rather than dropping it) tells a caller at once that a
 * misspelt filter (`?categroy=`) did nothing, and keeps such URLs out of the response cache.
 */
export function validateQuery(document: { paths: Record<string, unknown> }): RequestHandler {
  const table = operationTable(document.paths as Record<string, Record<string, unknown>>);
  const compiled = new WeakMap<object, QueryParameter[]>();
  const queryOf = (parameters: Array<Record<string, unknown>>) =>
    parameters
      .filter((p) => p.in === 'query')
      .map((p) => {
        const schema = (p.schema as Record<string, unknown> | undefined) ?? {};
        return { name: String(p.name), schema, check: ajv.compile(schema) };
      });

  return (req, _res, next) => {
    // No query string, nothing to refuse: skip the operation lookup (every API request runs
    // this, and most carry no query).
    if (!req.url.includes('?')) return next();
    const path = `${req.baseUrl}${req.path}`;
    const found = table.find(req.method, path);
    if (!found) return next();
    let parameters = compiled.get(found.operation);
    if (!parameters) {
      parameters = queryOf(found.parameters);
      compiled.set(found.operation, parameters);
    }
    const errors: FieldError[] = [];
    const query = req.query as Record<string, unknown>;
    for (const name of Object.keys(query)) {
      const parameter = parameters.find((p) => p.name === name);
      const value = query[name];
      if (!parameter) {
        errors.push(unknownParameter(name, parameters));
      } else if (typeof value !== 'string') {
        errors.push({
          pointer: `/query/${name}`,
          rule: 'single',
          message: `give ${name} at most once`,
        });
      } else if (!parameter.check(coerce(value, parameter.schema))) {
        errors.push(describe(parameter, parameter.check.errors?.[0]));
      }
    }
    if (errors.length > 0) throw validationError(errors, 'query');
    next();
  };
}

/** Query values are text; an integer parameter is checked as the number it spells. */
function coerce(value: string, schema: Record<string, unknown>): unknown {
  if (schema.type === 'integer' && /^-?\d{1,15}$/.test(value)) return Number(value);
  return value;
}

function unknownParameter(name: string, parameters: QueryParameter[]): FieldError {
  const shown = name.length > 64 ? `${name.slice(0, 64)}…` : name;
  const accepted = parameters.map((p) => p.name);
  return {
    pointer: `/query/${shown}`,
    rule: 'unknown',
    message: `unknown query parameter ${JSON.stringify(shown)}; ${
      accepted.length > 0
        ? `this operation accepts ${accepted.join(', ')}`
        : 'this operation takes none'
    }`,
  };
}

function describe(parameter: QueryParameter, error: ErrorObject | undefined): FieldError {
  const { name, schema } = parameter;
  const pointer = `/query/${name}`;
  const rule = error?.keyword ?? 'schema';
  if (schema.type === 'integer') {
    const range =
      schema.minimum !== undefined && schema.maximum !== undefined
        ? ` from ${String(schema.minimum)} to ${String(schema.maximum)}`
        : '';
    return { pointer, rule, message: `${name} must be a whole number${range}` };
  }
  if (Array.isArray(schema.enum)) {
    const values = schema.enum.map(String);
    const list =
      values.length === 2 ? `${values[0]} or ${values[1]}` : `one of ${values.join(', ')}`;
    return { pointer, rule, message: `${name} must be ${list}` };
  }
  if (rule === 'maxLength')
    return {
      pointer,
      rule,
      message: `${name} must be at most ${String(schema.maxLength)} characters`,
    };
  if (rule === 'pattern')
    return { pointer, rule, message: `${name} must match ${String(schema.pattern)}` };
  return { pointer, rule, message: `${name} ${error?.message ?? 'is invalid'}` };
}
