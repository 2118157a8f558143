import type { Ajv2020 } from 'ajv/dist/2020.js';
import { createConnectionConfigAjv } from '../connectionConfigAjv.js';
import { canonicalJson } from '../checksum.js';
import { joinPointer } from '../jsonPointer.js';
import { asObject, own } from './readShape.js';
import type { Rule, RuleIssue } from './RuleContext.js';

const MAX_DEPTH = 64;

/** Every `$ref` in a schema, with its pointer (bounded depth). */
function findRefs(
  node: unknown,
  pointer: string,
  out: Array<{ ref: unknown; pointer: string }>,
  depth = 0,
): void {
  if (depth > MAX_DEPTH || !isContainer(node)) return;
  if (Array.isArray(node)) {
    node.forEach((child, i) => {
      if (isContainer(child)) findRefs(child, joinPointer(pointer, i), out, depth + 1);
    });
    return;
  }
  for (const [key, child] of Object.entries(node)) {
    // A pointer only for a `$ref` or a child to descend into: most values are plain
    // strings and booleans (type, title, x-secret), where nothing can be found.
    if ((key === '$ref' || key === '$dynamicRef') && typeof child !== 'object')
      out.push({ ref: child, pointer: joinPointer(pointer, key) });
    else if (isContainer(child)) findRefs(child, joinPointer(pointer, key), out, depth + 1);
  }
}

/** An object or an array: the only values the schema walks descend into. */
function isContainer(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}

/**
 * Every `"x-secret": true` that the connection store would not honour. The store encrypts
 * the values at paths reached through nested `properties` only (src/connections/secretPaths.ts);
 * a mark anywhere else (array `items`, `$defs` behind a `$ref`, `allOf` / `if` / `then`
 * branches) would leave that value stored and returned in plain text, so it is refused.
 */
function findMisplacedSecrets(
  node: unknown,
  pointer: string,
  onPropertyChain: boolean,
  out: string[],
  depth = 0,
): void {
  if (depth > MAX_DEPTH || !isContainer(node)) return;
  if (Array.isArray(node)) {
    node.forEach((child, i) => {
      if (isContainer(child))
        findMisplacedSecrets(child, joinPointer(pointer, i), false, out, depth + 1);
    });
    return;
  }
  const record = node as Record<string, unknown>;
  if (Object.hasOwn(record, 'x-secret') && !(onPropertyChain && depth > 0))
    out.push(joinPointer(pointer, 'x-secret'));
  for (const [key, child] of Object.entries(record)) {
    // Primitive children hold no mark: no pointer is built for them.
    if (!isContainer(child)) continue;
    const childPointer = joinPointer(pointer, key);
    if (key === 'properties' && onPropertyChain && !Array.isArray(child)) {
      for (const [name, property] of Object.entries(child)) {
        if (isContainer(property))
          findMisplacedSecrets(property, joinPointer(childPointer, name), true, out, depth + 2);
      }
    } else {
      findMisplacedSecrets(child, childPointer, false, out, depth + 1);
    }
  }
}

let shared: Ajv2020 | undefined;
/** Outcomes by canonical JSON: re-validating an unchanged config skips ajv's code generation (~5 ms). */
const outcomes = new Map<string, string | undefined>();
const MAX_CACHED = 256;

/**
 * Compiles a connection config with one shared strict instance and removes it again at
 * once, so one manifest's `$id` never clashes with another's and nothing accumulates.
 * (A fresh instance per manifest costs tens of milliseconds: meta-schemas and formats.)
 */
function compileProblem(config: Record<string, unknown>): string | undefined {
  const key = canonicalJson(config);
  if (outcomes.has(key)) return outcomes.get(key);
  const problem = compile(config);
  if (outcomes.size >= MAX_CACHED) outcomes.delete(outcomes.keys().next().value as string);
  outcomes.set(key, problem);
  return problem;
}

function compile(config: Record<string, unknown>): string | undefined {
  shared ??= createConnectionConfigAjv();
  // A copy: ajv caches by object identity, and the copy is what gets removed afterwards.
  const schema = structuredClone(config);
  try {
    shared.compile(schema);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  } finally {
    shared.removeSchema(schema);
    const id = schema.$id;
    if (typeof id === 'string') shared.removeSchema(id);
  }
}

/**
 * config-secret-misplaced (every `x-secret` sits where secrets are encrypted),
 * config-schema-remote-ref (every `$ref` is local, `#...`) and config-schema-invalid (the
 * schema compiles with a separate strict ajv 2020 instance, and every `required` name is a
 * property), on `integration.connectionConfig` and, in format 1.2, on
 * `integration.operatorSettings` (the same schema subset). Nothing is ever fetched (no
 * `loadSchema`).
 */
export const checkConnectionConfig: Rule = ({ doc }) => {
  const integration = asObject(own(doc, 'integration'));
  return [
    ...checkConfigSchema(
      asObject(own(integration, 'connectionConfig')),
      '/integration/connectionConfig',
      'connection config',
    ),
    ...checkConfigSchema(
      asObject(own(integration, 'operatorSettings')),
      '/integration/operatorSettings',
      'operator settings schema',
    ),
  ];
};

function checkConfigSchema(
  config: Record<string, unknown> | undefined,
  base: string,
  label: string,
): RuleIssue[] {
  if (!config) return [];
  const issues: RuleIssue[] = [];
  const refs: Array<{ ref: unknown; pointer: string }> = [];
  findRefs(config, base, refs);
  for (const { ref, pointer } of refs) {
    if (typeof ref === 'string' && ref.startsWith('#')) continue;
    issues.push({
      rule: 'config-schema-remote-ref',
      pointer,
      message: `$ref ${JSON.stringify(ref)} is not local; remote schemas are never fetched. Copy the definition under "$defs" and refer to it as "#/$defs/<name>".`,
    });
  }

  const misplaced: string[] = [];
  findMisplacedSecrets(config, base, true, misplaced);
  for (const pointer of misplaced) {
    issues.push({
      rule: 'config-secret-misplaced',
      pointer,
      message:
        '"x-secret" is honoured only on a property reached through "properties" (nested objects included), not inside "items", "$defs", "allOf" or other branches; there the value would be stored and returned in plain text. Move the mark onto the property itself.',
    });
  }

  const properties = asObject(own(config, 'properties'));
  const required = own(config, 'required');
  if (Array.isArray(required)) {
    required.forEach((name, i) => {
      if (typeof name === 'string' && !(properties && Object.hasOwn(properties, name))) {
        issues.push({
          rule: 'config-schema-invalid',
          pointer: joinPointer(base, 'required', i),
          message: `"${name}" is required but is not one of the ${label}'s properties; add it under "properties" or remove it from "required".`,
        });
      }
    });
  }

  if (issues.length === 0) {
    const problem = compileProblem(config);
    if (problem) {
      issues.push({
        rule: 'config-schema-invalid',
        pointer: base,
        message: `The ${label} is not a valid JSON Schema (2020-12, strict): ${problem}. Fix the schema keyword it names.`,
      });
    }
  }
  return issues;
}
