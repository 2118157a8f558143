import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { joinPointer, splitPointer } from './jsonPointer.js';
import { loadManifestSchemas, type ManifestSchemas } from './loadManifestSchemas.js';
import { createManifestSchemaAjv, manifestSchemasChecksum } from './manifestSchemaAjv.js';
import {
  precompiledManifestValidators,
  type PrecompiledManifestValidators,
} from './precompiledValidators.js';
import type { LocateTarget } from './parseJsonDocument.js';
import { SCHEMA_RULE_PREFIX } from './ruleCatalog.js';

/** One schema violation, before it is located in the text. */
export interface SchemaIssue {
  /** `schema/<keyword>`. */
  rule: string;
  pointer: string;
  message: string;
  at: LocateTarget;
}

/** The validators of the two manifest kinds, and where they came from. */
export interface ManifestValidators {
  integration: ValidateFunction;
  template: ValidateFunction;
  headerProperties: string[];
  /** `precompiled`: the build's standalone code; `compiled`: ajv at run time. */
  origin: 'precompiled' | 'compiled';
}

let validators: ManifestValidators | undefined;

/**
 * The validators for `schemas`: the build's precompiled ones when they were generated from
 * exactly these schemas (same checksum), else compiled now with ajv (the sources, or a build
 * whose schema files changed after it). Either way the same code, so the same findings.
 */
export function selectManifestValidators(
  schemas: ManifestSchemas,
  precompiled: PrecompiledManifestValidators | undefined,
): ManifestValidators {
  const header = (schemas.common.$defs as Record<string, { properties: Record<string, unknown> }>)
    .header;
  const headerProperties = Object.keys(header?.properties ?? {});
  if (precompiled && precompiled.schemaChecksum === manifestSchemasChecksum(schemas)) {
    const { integration, template } = precompiled;
    return { integration, template, headerProperties, origin: 'precompiled' };
  }
  const ajv = createManifestSchemaAjv(schemas);
  return {
    integration: ajv.compile(schemas.integration),
    template: ajv.compile(schemas.template),
    headerProperties,
    origin: 'compiled',
  };
}

/**
 * Validates a parsed document against the integration or template schema and turns ajv's
 * errors into contributor-friendly issues: the `if` wrapper errors are dropped, a failed
 * `oneOf`/`anyOf` of "one of these keys" becomes one issue naming the keys, and an extra
 * property is pointed at itself.
 */
export function validateAgainstSchema(
  value: unknown,
  kind: 'integration' | 'template',
): SchemaIssue[] {
  validators ??= selectManifestValidators(loadManifestSchemas(), precompiledManifestValidators);
  const validate = validators[kind];
  validate(value);
  const errors = validate.errors ?? [];
  const issues: SchemaIssue[] = [];
  const seen = new Set<string>();
  const push = (issue: SchemaIssue) => {
    const id = `${issue.rule}\u0000${issue.pointer}\u0000${issue.message}`;
    if (seen.has(id)) return;
    seen.add(id);
    issues.push(issue);
  };
  // Keys present on an object with a failed "one kind key" oneOf: extra-property errors
  // naming a second kind key are noise next to the oneOf issue.
  const kindConflicts = new Map<string, Set<string>>();
  for (const e of errors) {
    const keys = choiceKeys(e);
    if (e.keyword === 'oneOf' && keys) kindConflicts.set(e.instancePath, new Set(keys));
  }
  for (const e of errors) {
    if (e.keyword === 'if') continue;
    if (/\/(oneOf|anyOf)\/\d+\//.test(e.schemaPath)) continue; // branch detail, summarised by the parent
    if (e.propertyName !== undefined) continue; // reported once by the propertyNames error
    if (e.keyword === 'additionalProperties') {
      const extra = String((e.params as { additionalProperty: string }).additionalProperty);
      if (kindConflicts.get(e.instancePath)?.has(extra)) continue;
    }
    push(describe(e, value, validators.headerProperties));
  }
  return issues;
}

/** For a oneOf/anyOf whose branches each only require one key, those keys. */
function choiceKeys(e: ErrorObject): string[] | undefined {
  if (e.keyword !== 'oneOf' && e.keyword !== 'anyOf') return undefined;
  const branches = e.schema as unknown;
  if (!Array.isArray(branches)) return undefined;
  const keys: string[] = [];
  for (const b of branches as Array<Record<string, unknown>>) {
    const req = b.required;
    if (Object.keys(b).length !== 1 || !Array.isArray(req) || req.length !== 1) return undefined;
    keys.push(String(req[0]));
  }
  return keys;
}

const PATTERN_HINTS: Record<string, string> = {
  '^[a-z][a-z0-9]*(-[a-z0-9]+)*$':
    'lowercase letters and digits, words separated by single dashes (e.g. "hub-spot")',
  '^[A-Za-z][A-Za-z0-9_]*$': 'a letter, then letters, digits or underscores (e.g. "lineItem_2")',
  '^[a-z0-9][a-z0-9-]*$': 'lowercase letters, digits and dashes (e.g. "crm")',
  '^https://': 'an https:// address',
  '^\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?$': 'a semantic version such as "1.2.0"',
};

const ITEM_NOUNS: Record<string, [noun: string, keyProperty: string]> = {
  entityTypes: ['entity type', 'key'],
  attributes: ['attribute', 'key'],
  relationships: ['relationship', 'key'],
  models: ['model', 'key'],
  mappings: ['the mapping of model', 'model'],
};

/** Reads the value at a pointer (own properties only), or undefined. */
function valueAt(root: unknown, tokens: string[]): unknown {
  let node = root;
  for (const token of tokens) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, token)) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

/**
 * How a message names the value at a pointer: `"dataType"`, `attribute "email"` for a keyed
 * item, `item 2 of "tags"` otherwise, `the manifest` for the root.
 */
function nameOf(pointer: string, root: unknown): string {
  const tokens = splitPointer(pointer);
  const last = tokens[tokens.length - 1];
  if (last === undefined) return 'the manifest';
  if (!/^\d+$/.test(last)) return `"${last}"`;
  const list = tokens[tokens.length - 2] ?? '';
  const noun = ITEM_NOUNS[list];
  const key = noun ? valueAt(root, [...tokens, noun[1]]) : undefined;
  if (noun && typeof key === 'string') return `${noun[0]} "${key}"`;
  return `item ${last} of "${list}"`;
}

function show(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return `a ${typeof v}`;
}

function allowedProperties(e: ErrorObject, headerProperties: string[]): string[] {
  const parent = e.parentSchema as { properties?: Record<string, unknown> } | undefined;
  const own = Object.keys(parent?.properties ?? {});
  return e.keyword === 'unevaluatedProperties' ? [...headerProperties, ...own] : own;
}

function describe(e: ErrorObject, root: unknown, headerProperties: string[]): SchemaIssue {
  // ajv names a `false` subschema "false schema"; rule ids have no spaces.
  const rule = `${SCHEMA_RULE_PREFIX}${e.keyword === 'false schema' ? 'false' : e.keyword}`;
  const pointer = e.instancePath;
  const name = nameOf(pointer, root);
  const params = e.params as Record<string, unknown>;
  const issue = (message: string, p = pointer, at: LocateTarget = 'value'): SchemaIssue => ({
    rule,
    pointer: p,
    message,
    at,
  });
  switch (e.keyword) {
    case 'false schema': {
      // The format's version conditions forbid a property with `false` (authKind after 1.0,
      // operatorSettings and verification before 1.2).
      const version = (root as { manifestVersion?: unknown } | null)?.manifestVersion;
      return issue(
        `${name} is not allowed in manifestVersion ${show(version)}; use the version that has it (regsync upgrade rewrites a manifest to the current one) or remove it.`,
        pointer,
        'key',
      );
    }
    case 'required': {
      const missing = String(params.missingProperty);
      const where = pointer === '' ? 'the manifest' : name;
      return issue(
        `Missing required property "${missing}" in ${where}; add it.`,
        joinPointer(pointer, missing),
      );
    }
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const extra = String(params.additionalProperty ?? params.unevaluatedProperty);
      const allowed = allowedProperties(e, headerProperties);
      const list = allowed.length > 0 ? ` Allowed here: ${allowed.join(', ')}.` : '';
      return issue(
        `Property "${extra}" is not allowed here; remove it or fix its spelling.${list}`,
        joinPointer(pointer, extra),
        'key',
      );
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((v) => show(v)).join(', ');
      return issue(`${name} is ${show(e.data)}, which is not allowed; use one of: ${allowed}.`);
    }
    case 'const':
      return issue(`${name} must be ${show(params.allowedValue)} here (found ${show(e.data)}).`);
    case 'type':
      return issue(
        `${name} must be ${String(params.type).replace(/^(\w)/, (c) => (/[aeiou]/.test(c) ? `an ${c}` : `a ${c}`))}, not ${typeName(e.data)}.`,
      );
    case 'pattern': {
      const pattern = String(params.pattern);
      const hint = PATTERN_HINTS[pattern] ?? `text matching /${pattern}/`;
      return issue(`${name} is ${show(e.data)}; it must be ${hint}.`);
    }
    case 'not':
      return issue(`${name} is ${show(e.data)}, a reserved name; choose another key.`);
    case 'propertyNames': {
      const key = String(params.propertyName);
      return issue(
        `Key "${key}" is not allowed here; keys must be a letter, then letters, digits or underscores, and not a reserved name (__proto__, constructor, prototype, ...).`,
        joinPointer(pointer, key),
        'key',
      );
    }
    case 'oneOf':
    case 'anyOf':
      return describeChoice(e, issue, root);
    case 'minItems':
      return issue(`${name} needs at least ${String(params.limit)} item(s); add some.`);
    case 'maxItems':
      return issue(`${name} has more than ${String(params.limit)} items; split or shorten it.`);
    case 'minLength':
      return issue(`${name} must be at least ${String(params.limit)} character(s) long.`);
    case 'maxLength':
      return issue(`${name} must be at most ${String(params.limit)} characters long; shorten it.`);
    case 'minProperties':
      return issue(
        `${name} needs at least ${String(params.limit)} entr${params.limit === 1 ? 'y' : 'ies'}; add one.`,
      );
    case 'maxProperties':
      return issue(`${name} has more than ${String(params.limit)} entries; shorten it.`);
    case 'minimum':
    case 'maximum':
      return issue(
        `${name} must be ${e.keyword === 'minimum' ? '>=' : '<='} ${String(params.limit)} (found ${show(e.data)}).`,
      );
    case 'uniqueItems':
      return issue(
        `${name} lists the same value twice (items ${String(params.j)} and ${String(params.i)}); remove the repeat.`,
      );
    case 'format':
      return issue(
        `${name} is ${show(e.data)}, which is not a valid ${String(params.format)}; ${params.format === 'uri' ? 'write a complete address such as "https://example.com/docs"' : 'correct it'}.`,
      );
    default:
      return issue(`${name}: ${e.message ?? 'is invalid'}.`);
  }
}

function describeChoice(
  e: ErrorObject,
  issue: (message: string) => SchemaIssue,
  root: unknown,
): SchemaIssue {
  const keys = choiceKeys(e);
  const data = e.data as Record<string, unknown> | undefined;
  if (!keys) return issue(`${nameOf(e.instancePath, root)} does not match any allowed shape.`);
  const present = keys.filter(
    (k) => data !== null && typeof data === 'object' && Object.hasOwn(data, k),
  );
  const what = keys.includes('coerce')
    ? 'A transform'
    : keys.includes('source')
      ? 'A field mapping'
      : keys.includes('then')
        ? 'An "if" transform'
        : nameOf(e.instancePath, root);
  const list = keys.map((k) => `"${k}"`).join(', ');
  if (e.keyword === 'anyOf') return issue(`${what} needs at least one of ${list}; add one.`);
  if (present.length === 0) return issue(`${what} needs exactly one of ${list}; none is present.`);
  const fix =
    what === 'A transform'
      ? 'keep one and move the others into steps of their own'
      : 'keep only one';
  return issue(
    `${what} takes exactly one of ${list}, but has ${present.map((k) => `"${k}"`).join(' and ')}; ${fix}.`,
  );
}
