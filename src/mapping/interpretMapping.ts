import type {
  Attribute,
  Condition,
  EntityType,
  FieldMapping,
  ModelMapping,
  Transform,
} from '../manifest/types.js';
import { coerceValue, INVALID } from './coerceValue.js';
import { checkAttribute } from './interpretCheck.js';
import { interpretPath } from './interpretPath.js';
import { DEFAULT_MAX_ITEMS, MAX_ITEMS } from './limits.js';
import { messages } from './messages.js';
import type { PluginRegistry } from './plugins/PluginRegistry.js';
import { inspectField, inspectMapping, sourceOfField } from './inspectMapping.js';
import { parseSourcePath } from './parseSourcePath.js';
import type { MappingFinding, MappingMode, MappingResult } from './types.js';

/** `interpretMapping`'s result: a record's result plus the compile-time warnings. */
export interface InterpretResult extends MappingResult {
  warnings: MappingFinding[];
}

const STOP = Symbol('interpreter-stop');
const SKIP = Symbol('interpreter-skip');

interface FieldScope {
  label: string;
  source: string;
  field: FieldMapping;
  findings: MappingFinding[];
  mode: MappingMode;
  plugins: PluginRegistry;
  /** Nesting depth of the chain being evaluated (as the compiler counts it). */
  depth: number;
  /** A required attribute or the primary key: errors stay errors in lenient mode. */
  critical: boolean;
}

/**
 * The reference interpreter: evaluates a model mapping straight from the manifest JSON
 * on every call, the plainest way README.md allows (jsonpath-plus for JSONPaths, naive
 * dot paths, a switch over transform kinds, validators rebuilt per value). It is the
 * oracle of the differential test, never used on the hot path.
 */
export function interpretMapping(
  mapping: ModelMapping,
  entityType: EntityType,
  payload: unknown,
  options: { mode?: MappingMode; plugins: PluginRegistry },
): InterpretResult {
  const mode = options.mode ?? 'lenient';
  const warnings = inspectMapping(mapping, entityType, options.plugins);
  const findings: MappingFinding[] = [];
  const attributes = Object.create(null) as Record<string, unknown>;
  // A single envelope holds the record; anything else is the record itself.
  const single =
    mapping.envelope?.single !== undefined && envelopeUsable(mapping.envelope.single)
      ? interpretPath(mapping.envelope.single, payload)
      : undefined;
  const record =
    typeof single === 'object' && single !== null && !Array.isArray(single) ? single : payload;
  const conditions =
    mapping.when === undefined ? [] : Array.isArray(mapping.when) ? mapping.when : [mapping.when];
  if (conditions.some((c) => c.path !== undefined && !parseSourcePath(c.path).ok)) {
    const reason = messages.whenInvalid('a condition is invalid');
    return { ok: true, skipped: true, reason, attributes, findings, warnings };
  }
  const failing = conditions.findIndex((c) => !test(c, record, record));
  const failed = conditions[failing];
  if (failed) {
    const reason = messages.recordSkipped(failed, failing, conditions.length);
    return { ok: true, skipped: true, reason, attributes, findings, warnings };
  }
  const primaryKey =
    entityType.primaryKey ?? (entityType.attributes.some((a) => a.key === 'id') ? 'id' : '');
  for (const [key, field] of Object.entries(mapping.fields)) {
    const attribute = entityType.attributes.find((a) => a.key === key);
    if (!attribute) continue;
    if (inspectField(field, key, 0, options.plugins, null) !== undefined) continue;
    evalField({
      key,
      field,
      record,
      attribute,
      out: attributes,
      scope: {
        label: key,
        source: '',
        field,
        findings,
        mode,
        plugins: options.plugins,
        depth: 0,
        critical: attribute.required === true || key === primaryKey,
      },
    });
  }
  const ok = !findings.some((f) => f.severity === 'error');
  return { ok, attributes, findings, warnings };
}

function envelopeUsable(path: string): boolean {
  return parseSourcePath(path).ok;
}

/**
 * The interpreter's `mapPayload`: the list envelope's elements (at most MAX_ITEMS) each
 * interpreted, else the payload as one record.
 */
export function interpretPayload(
  mapping: ModelMapping,
  entityType: EntityType,
  payload: unknown,
  options: { mode?: MappingMode; plugins: PluginRegistry },
): InterpretResult[] {
  // The alternatives in order, the first array wins; one unusable path voids the list.
  const declared = mapping.envelope?.list;
  const paths = declared === undefined ? [] : typeof declared === 'string' ? [declared] : declared;
  const list = paths.every(envelopeUsable)
    ? paths.map((p) => interpretPath(p, payload)).find((v) => Array.isArray(v))
    : undefined;
  const records = Array.isArray(list) ? list.slice(0, MAX_ITEMS) : [payload];
  return records.map((r) => interpretMapping(mapping, entityType, r, options));
}

function report(
  scope: FieldScope,
  rule: string,
  message: string,
  severity: 'error' | 'warning' = 'error',
): void {
  const s =
    severity === 'error' && scope.mode === 'lenient' && !scope.critical ? 'warning' : severity;
  scope.findings.push({ attribute: scope.label, source: scope.source, rule, message, severity: s });
}

function evalField(args: {
  key: string;
  field: FieldMapping;
  record: unknown;
  attribute: Attribute | undefined;
  out: Record<string, unknown>;
  scope: FieldScope;
}): void {
  const { key, field, record, attribute, out } = args;
  const scope: FieldScope = { ...args.scope, source: sourceOfField(field), field };
  if (!attribute) scope.critical = false;
  let value = evalOrigin(field, record, scope);
  if (value === STOP) return;
  if ((value === undefined || value === null) && Object.hasOwn(field, 'default'))
    value = field.default;
  if (field.transforms) {
    const result = evalChain(field.transforms, value, record, scope);
    if (result === STOP) return;
    value = result === SKIP ? undefined : result;
  }
  if (value === undefined) {
    if (attribute?.required) report(scope, 'required-missing', messages.requiredMissing());
    return;
  }
  if (value === null) {
    if (attribute?.required) report(scope, 'required-null', messages.requiredNull());
    else out[key] = null;
    return;
  }
  const failure = attribute ? checkAttribute(attribute, value) : undefined;
  if (failure) report(scope, failure.rule, failure.message);
  else out[key] = value;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

function evalOrigin(field: FieldMapping, record: unknown, scope: FieldScope): unknown {
  if (Array.isArray(field.source)) {
    for (const path of field.source) {
      const v = interpretPath(path, record);
      if (v !== undefined && v !== null) return v;
    }
    return undefined;
  }
  if (field.source !== undefined) return interpretPath(field.source, record);
  if (field.concat !== undefined) {
    const pieces = field.concat.sources
      .map((s) => text(interpretPath(s, record)))
      .filter((s) => s !== undefined && s !== '');
    return pieces.length > 0 ? pieces.join(field.concat.separator ?? ' ') : undefined;
  }
  if (field.template !== undefined) {
    // Placeholders and literal braces, read left to right (the template is known valid here).
    let out = '';
    let placeholders = 0;
    let found = 0;
    const t = field.template;
    for (let i = 0; i < t.length; i++) {
      if ((t[i] === '{' && t[i + 1] === '{') || (t[i] === '}' && t[i + 1] === '}')) {
        out += t[i];
        i++;
      } else if (t[i] === '{') {
        const close = t.indexOf('}', i);
        let path = t.slice(i + 1, close).trim();
        const optional = path.endsWith('?');
        if (optional) path = path.slice(0, -1).trim();
        const s = text(interpretPath(path, record));
        placeholders++;
        if (s !== undefined && s !== '') {
          out += s;
          found++;
        } else if (!optional) {
          return stop(scope, 'template-incomplete', messages.templateIncomplete(path));
        }
        i = close;
      } else out += t[i];
    }
    return placeholders > 0 && found === 0 ? undefined : out.trim();
  }
  return field.const;
}

function test(condition: Condition, value: unknown, record: unknown): boolean {
  const operand = condition.path !== undefined ? interpretPath(condition.path, record) : value;
  const same = (expected: unknown) => {
    if (typeof expected === 'object' && expected !== null) return false;
    if (condition.ignoreCase && typeof expected === 'string' && typeof operand === 'string') {
      return operand.toLowerCase() === expected.toLowerCase();
    }
    return expected !== undefined && operand === expected;
  };
  switch (condition.op) {
    case 'exists':
      return operand !== undefined && operand !== null;
    case 'notExists':
      return operand === undefined || operand === null;
    case 'equals':
      return same(condition.value);
    case 'notEquals':
      return !same(condition.value);
    case 'in':
      return (condition.values ?? []).some(same);
    case 'notIn':
      return !(condition.values ?? []).some(same);
    case 'startsWith': {
      if (typeof condition.value !== 'string' || typeof operand !== 'string') return false;
      return condition.ignoreCase
        ? operand.toLowerCase().startsWith(condition.value.toLowerCase())
        : operand.startsWith(condition.value);
    }
    default:
      return false;
  }
}

function evalChain(
  transforms: Transform[],
  input: unknown,
  record: unknown,
  scope: FieldScope,
): unknown {
  let value = input;
  for (const t of transforms) {
    value = evalTransform(t, value, record, scope);
    if (value === STOP || value === SKIP) return value;
  }
  return value;
}

function evalTransform(t: Transform, value: unknown, record: unknown, scope: FieldScope): unknown {
  if ('coerce' in t) {
    const result = coerceValue(value, t.coerce, { from: t.from, minorUnits: t.minorUnits });
    if (result !== INVALID) return result;
    switch (t.onInvalid ?? 'fail') {
      case 'null':
        return null;
      case 'skip':
        return SKIP;
      case 'default':
        return scope.field.default;
      default:
        report(scope, 'coerce-failed', messages.coerceFailed(value, t.coerce));
        return STOP;
    }
  }
  if ('valueMap' in t) {
    if (value === undefined) return value;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      const key = t.ignoreCase ? String(value).toLowerCase() : String(value);
      const hit = Object.keys(t.valueMap).find((k) => (t.ignoreCase ? k.toLowerCase() : k) === key);
      if (hit !== undefined) return t.valueMap[hit];
    }
    return 'fallback' in t ? t.fallback : value;
  }
  if ('const' in t) return t.const;
  if ('if' in t) {
    const branch = test(t.if, value, record) ? t.then : t.else;
    return branch ? evalChain(branch, value, record, { ...scope, depth: scope.depth + 1 }) : value;
  }
  if ('select' in t) {
    if (!Array.isArray(value)) return undefined;
    const { where, pick, all } = t.select;
    const matches = value
      .filter((e) => test(where, e, e))
      .map((e) => (pick === undefined ? e : interpretPath(pick, e)));
    if (!all) return matches[0];
    const picked = matches.filter((m) => m !== undefined);
    return picked.length > 0 ? picked : undefined;
  }
  if ('each' in t) {
    if (value === undefined || value === null) return value;
    if (!Array.isArray(value))
      return stop(scope, 'not-an-array', messages.notAnArray('each', value));
    if (value.length > DEFAULT_MAX_ITEMS)
      report(
        scope,
        'array-truncated',
        messages.arrayTruncated('each', value.length, DEFAULT_MAX_ITEMS),
        'warning',
      );
    const out: unknown[] = [];
    for (const element of value.slice(0, DEFAULT_MAX_ITEMS)) {
      const r = evalChain(t.each, element, record, { ...scope, depth: scope.depth + 1 });
      if (r === STOP) return STOP;
      if (r !== SKIP && r !== undefined) out.push(r);
    }
    return out;
  }
  if ('mapEach' in t) {
    if (value === undefined || value === null) return value;
    if (!Array.isArray(value))
      return stop(scope, 'not-an-array', messages.notAnArray('mapEach', value));
    const max = Math.min(t.maxItems ?? DEFAULT_MAX_ITEMS, MAX_ITEMS);
    if (value.length > max)
      report(
        scope,
        'array-truncated',
        messages.arrayTruncated('mapEach', value.length, max),
        'warning',
      );
    return value.slice(0, max).map((element, i) => {
      const obj = Object.create(null) as Record<string, unknown>;
      for (const [key, field] of Object.entries(t.mapEach)) {
        const label = `${scope.label}[${i}].${key}`;
        if (
          inspectField(field, `${scope.label}[].${key}`, scope.depth + 1, scope.plugins, null) !==
          undefined
        )
          continue;
        evalField({
          key,
          field,
          record: element,
          attribute: undefined,
          out: obj,
          scope: { ...scope, label, depth: scope.depth + 1 },
        });
      }
      return obj;
    });
  }
  if ('plugin' in t) {
    if (value === undefined || value === null) return value;
    const plugin = scope.plugins.get(t.plugin);
    if (!plugin) return STOP; // unreachable: inspectField skipped the field
    const context = { record, read: (path: string) => interpretPath(path, record) };
    try {
      const outcome = plugin.apply(value, t.options ?? {}, context);
      return outcome.ok
        ? outcome.value
        : stop(scope, 'plugin-failed', messages.pluginFailed(t.plugin, outcome.message));
    } catch {
      return stop(scope, 'plugin-failed', messages.pluginThrew(t.plugin));
    }
  }
  if ('string' in t) {
    if (typeof value !== 'string') return value;
    return t.string === 'trim'
      ? value.trim()
      : t.string === 'lower'
        ? value.toLowerCase()
        : value.toUpperCase();
  }
  if ('split' in t)
    return typeof value === 'string' ? value.split(t.split).slice(0, MAX_ITEMS) : value;
  if ('idOf' in t) {
    if (value === undefined || value === null || typeof value === 'string') return value;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (typeof value === 'object' && !Array.isArray(value)) return interpretPath(t.idOf, value);
    return stop(scope, 'id-expected', messages.idExpected(value));
  }
  if ('join' in t) {
    if (!Array.isArray(value)) return value;
    return value
      .map(text)
      .filter((s) => s !== undefined && s !== '')
      .join(t.join);
  }
  return value;
}

function stop(scope: FieldScope, rule: string, message: string): typeof STOP {
  report(scope, rule, message);
  return STOP;
}
