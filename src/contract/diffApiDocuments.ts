import {
  API_DIFF_RULES,
  type ApiChange,
  type ApiDiffReport,
  type ApiDiffRuleId,
} from './apiDiffRules.js';
import { compareSchemas, type SchemaSide } from './compareSchemas.js';
import { splitPointer } from '../manifest/jsonPointer.js';

type Json = Record<string, unknown>;
const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head', 'options', 'trace'];

/** What to call the two sides in the report (`origin/main`, a file name). */
export interface DiffApiLabels {
  base: string;
  head: string;
}

/**
 * Classifies every difference between two OpenAPI 3.1 documents that a client can notice,
 * as breaking or compatible by API_DIFF_RULES: operations (matched by method and path, path
 * parameter names aside), their security, query and header parameters, request bodies and
 * responses, with schemas compared through local `$ref`s. Pure: no I/O; the documents are
 * only read. Wording-only changes (summaries, descriptions) are not changes.
 */
export function diffApiDocuments(base: Json, head: Json, labels: DiffApiLabels): ApiDiffReport {
  const changes: ApiChange[] = [];
  const add = (rule: ApiDiffRuleId, operation: string, location: string, detail: string) =>
    changes.push({ rule, severity: API_DIFF_RULES[rule].severity, operation, location, detail });

  const baseVersion = (base.info as Json | undefined)?.version;
  const headVersion = (head.info as Json | undefined)?.version;
  if (baseVersion !== headVersion)
    add(
      'version-changed',
      '(document)',
      'info.version',
      `${String(baseVersion)} → ${String(headVersion)}`,
    );

  const baseOps = operationsOf(base);
  const headOps = operationsOf(head);
  for (const [id, before] of baseOps) {
    const after = headOps.get(id);
    if (!after) {
      add('operation-removed', before.label, '', 'clients calling it get 404 or 405');
      continue;
    }
    compareOperation({ base, head, before, after, add });
  }
  for (const [id, after] of headOps)
    if (!baseOps.has(id)) add('operation-added', after.label, '', '');

  changes.sort(
    (a, b) =>
      Number(b.severity === 'breaking') - Number(a.severity === 'breaking') ||
      a.operation.localeCompare(b.operation) ||
      a.location.localeCompare(b.location),
  );
  return { base: labels.base, head: labels.head, changes };
}

interface Operation {
  label: string;
  operation: Json;
  parameters: Json[];
  security: unknown[];
}

function operationsOf(doc: Json): Map<string, Operation> {
  const found = new Map<string, Operation>();
  for (const [template, item] of Object.entries((doc.paths as Json | undefined) ?? {})) {
    const pathItem = item as Json;
    const shared = (pathItem.parameters as Json[] | undefined) ?? [];
    for (const method of METHODS) {
      const operation = pathItem[method] as Json | undefined;
      if (!operation) continue;
      const own = ((operation.parameters as Json[] | undefined) ?? []).map((p) => resolve(doc, p));
      const parameters = [
        ...shared.map((p) => resolve(doc, p)).filter((p) => !own.some((o) => sameParameter(o, p))),
        ...own,
      ];
      const security = (operation.security ?? doc.security ?? []) as unknown[];
      const id = `${method} ${template.replace(/\{[^}]*\}/g, '{}')}`;
      found.set(id, {
        label: `${method.toUpperCase()} ${template}`,
        operation,
        parameters,
        security,
      });
    }
  }
  return found;
}

const parameterKey = (p: Json) =>
  `${String(p.in)} ${p.in === 'header' ? String(p.name).toLowerCase() : String(p.name)}`;
const sameParameter = (a: Json, b: Json) => parameterKey(a) === parameterKey(b);

/** Follows a local `$ref` (`#/components/...`) to what it names; anything else as it is. */
function resolve(doc: Json, value: unknown): Json {
  let current = value as Json;
  for (let hops = 0; hops < 20 && typeof current?.$ref === 'string'; hops++) {
    const ref = current.$ref as string;
    if (!ref.startsWith('#/')) break;
    let target: unknown = doc;
    for (const part of splitPointer(ref.slice(1))) target = (target as Json | undefined)?.[part];
    current = (target as Json | undefined) ?? {};
  }
  return current ?? {};
}

const isPublic = (security: unknown[]) =>
  security.length === 0 || security.some((s) => Object.keys(s as Json).length === 0);

function compareOperation(options: {
  base: Json;
  head: Json;
  before: Operation;
  after: Operation;
  add: (rule: ApiDiffRuleId, operation: string, location: string, detail: string) => void;
}): void {
  const { base, head, before, after, add } = options;
  const op = after.label;
  const sides = (where: string): [SchemaSide, SchemaSide] => [
    { doc: base, where },
    { doc: head, where },
  ];
  if (isPublic(before.security) && !isPublic(after.security))
    add('security-added', op, 'security', 'anonymous calls are now refused');
  if (!isPublic(before.security) && isPublic(after.security))
    add('security-removed', op, 'security', '');

  // Parameters (path parameters are part of the path: a different one is another operation).
  const inputs = (list: Json[]) => list.filter((p) => p.in !== 'path' && p.in !== 'cookie');
  for (const b of inputs(before.parameters)) {
    const a = inputs(after.parameters).find((p) => sameParameter(p, b));
    const where = `${String(b.in)} ${String(b.name)}`;
    if (!a) {
      // Undocumented query parameters are refused with 400; an unknown header is ignored.
      if (b.in === 'query') add('parameter-removed', op, where, 'clients sending it get 400');
      continue;
    }
    if (!b.required && a.required) add('parameter-made-required', op, where, '');
    if (b.required && !a.required) add('parameter-made-optional', op, where, '');
    compareSchemas({
      before: b.schema,
      after: a.schema,
      sides: sides(where),
      prefix: 'parameter',
      direction: 'request',
      report: (rule, location, detail) => add(rule, op, location, detail),
    });
  }
  for (const a of inputs(after.parameters)) {
    if (inputs(before.parameters).some((p) => sameParameter(p, a))) continue;
    const where = `${String(a.in)} ${String(a.name)}`;
    add(a.required ? 'parameter-added-required' : 'parameter-added-optional', op, where, '');
  }

  // Request body.
  const bodyBefore = resolve(base, before.operation.requestBody);
  const bodyAfter = resolve(head, after.operation.requestBody);
  const contentBefore = (bodyBefore.content as Json | undefined) ?? {};
  const contentAfter = (bodyAfter.content as Json | undefined) ?? {};
  const hadBody = before.operation.requestBody !== undefined;
  if (!hadBody && after.operation.requestBody !== undefined && bodyAfter.required)
    add('request-body-added-required', op, 'request', '');
  if (hadBody && !bodyBefore.required && bodyAfter.required)
    add('request-body-made-required', op, 'request', '');
  for (const [media, b] of Object.entries(contentBefore)) {
    const a = contentAfter[media] as Json | undefined;
    if (!a) {
      if (after.operation.requestBody !== undefined)
        add('request-media-type-removed', op, `request ${media}`, 'clients sending it get 415');
      continue;
    }
    compareSchemas({
      before: (b as Json).schema,
      after: a.schema,
      sides: sides(`request ${media}`),
      prefix: 'request-field',
      direction: 'request',
      report: (rule, location, detail) => add(rule, op, location, detail),
    });
  }

  // Responses.
  const responsesBefore = (before.operation.responses as Json | undefined) ?? {};
  const responsesAfter = (after.operation.responses as Json | undefined) ?? {};
  for (const [status, raw] of Object.entries(responsesBefore)) {
    const rawAfter = responsesAfter[status];
    if (rawAfter === undefined) {
      if (/^2/.test(status)) add('response-status-removed', op, `response ${status}`, '');
      continue;
    }
    const b = (resolve(base, raw).content as Json | undefined) ?? {};
    const a = (resolve(head, rawAfter).content as Json | undefined) ?? {};
    for (const [media, m] of Object.entries(b)) {
      const ma = a[media] as Json | undefined;
      if (!ma) {
        add('response-media-type-removed', op, `response ${status} ${media}`, '');
        continue;
      }
      compareSchemas({
        before: (m as Json).schema,
        after: ma.schema,
        sides: sides(`response ${status} ${media}`),
        prefix: 'response-field',
        direction: 'response',
        report: (rule, location, detail) => add(rule, op, location, detail),
      });
    }
  }
  for (const status of Object.keys(responsesAfter))
    if (!(status in responsesBefore)) add('response-status-added', op, `response ${status}`, '');
}
