/**
 * The operations of a served OpenAPI 3.1 document, flattened for the fuzzer: method, path
 * template, the parameters (path-level and operation-level, `$ref`s resolved) by location,
 * and whether it takes a JSON body (with its schema, `$ref`s into components resolved lazily).
 */

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  [keyword: string]: unknown;
}

export interface Operation {
  method: string;
  template: string;
  parameters: Parameter[];
  body?: Schema;
}

interface Document {
  paths: Record<string, Record<string, unknown>>;
  components?: { parameters?: Record<string, Parameter>; schemas?: Record<string, Schema> };
}

const METHODS = ['get', 'head', 'post', 'put', 'patch', 'delete', 'options'];

/** Every operation of `doc`, in document order. */
export function openApiOperations(doc: Document): Operation[] {
  const resolve = (p: Parameter | { $ref: string }): Parameter => {
    if ('$ref' in p) {
      const name = p.$ref.split('/').pop() ?? '';
      const found = doc.components?.parameters?.[name];
      if (!found) throw new Error(`unresolved parameter ${p.$ref}`);
      return found;
    }
    return p;
  };
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    const shared = ((item.parameters as Parameter[] | undefined) ?? []).map(resolve);
    for (const method of METHODS) {
      const op = item[method] as
        | {
            parameters?: Parameter[];
            requestBody?: { content?: Record<string, { schema?: Schema }> };
          }
        | undefined;
      if (!op) continue;
      const own = (op.parameters ?? []).map(resolve);
      const names = new Set(own.map((p) => `${p.in}:${p.name}`));
      const parameters = [...shared.filter((p) => !names.has(`${p.in}:${p.name}`)), ...own];
      const content = op.requestBody?.content;
      const body = content?.['application/json']?.schema ?? Object.values(content ?? {})[0]?.schema;
      operations.push({
        method: method.toUpperCase(),
        template,
        parameters,
        ...(body ? { body } : {}),
      });
    }
  }
  return operations;
}

/** `schema` with a top-level `$ref` into `components.schemas` followed (one level per call). */
export function resolveSchema(doc: Document, schema: Schema | undefined): Schema | undefined {
  let current = schema;
  for (let hops = 0; current?.$ref && hops < 8; hops++)
    current = doc.components?.schemas?.[current.$ref.split('/').pop() ?? ''];
  return current;
}
