import type { EntityType, FieldMapping, ModelMapping, Transform } from '../manifest/types.js';
import { patternProblem } from '../manifest/manifestPattern.js';
import { parseTemplate } from './compileField.js';
import { formatCheck } from './formats.js';
import { MAX_CHAIN_LENGTH, MAX_NESTING } from './limits.js';
import { messages } from './messages.js';
import { parseSourcePath } from './parseSourcePath.js';
import type { PluginRegistry } from './plugins/PluginRegistry.js';
import type { MappingFinding } from './types.js';

interface Problem {
  rule: string;
  message: string;
}

/**
 * The reference interpreter's static pass: the compile-time warnings README.md defines,
 * found by walking the manifest JSON (in the order the compiler meets them).
 */
export function inspectMapping(
  mapping: ModelMapping,
  entityType: EntityType,
  plugins: PluginRegistry,
): MappingFinding[] {
  const warnings: MappingFinding[] = [];
  const warn = (attribute: string, source: string, p: Problem) =>
    warnings.push({ attribute, source, ...p, severity: 'warning' });
  if (mapping.entityType !== entityType.key) {
    warn('', '', {
      rule: 'entity-type-mismatch',
      message: messages.entityTypeMismatch(mapping.entityType, entityType.key),
    });
  }
  const conditions =
    mapping.when === undefined ? [] : Array.isArray(mapping.when) ? mapping.when : [mapping.when];
  for (const c of conditions) {
    const parsed = c.path === undefined ? undefined : parseSourcePath(c.path);
    if (parsed && !parsed.ok) {
      warn('', c.path ?? '', {
        rule: parsed.rule,
        message: messages.whenInvalid(`path "${c.path ?? ''}": ${parsed.message}`),
      });
      break;
    }
  }
  const list = mapping.envelope?.list;
  for (const path of [mapping.envelope?.single, ...(Array.isArray(list) ? list : [list])]) {
    const parsed = path === undefined ? undefined : parseSourcePath(path);
    if (path !== undefined && parsed && !parsed.ok)
      warn('', path, {
        rule: parsed.rule,
        message: messages.envelopeInvalid(`path "${path}": ${parsed.message}`),
      });
  }
  for (const [key, field] of Object.entries(mapping.fields)) {
    const attribute = entityType.attributes.find((a) => a.key === key);
    if (!attribute) {
      warn(key, '', {
        rule: 'unknown-attribute',
        message: messages.unknownAttribute(key, entityType.key),
      });
      continue;
    }
    if (inspectField(field, key, 0, plugins, warnings) !== undefined) continue;
    const source = sourceOfField(field);
    const { format, pattern } = attribute.validation ?? {};
    if (format !== undefined && !formatCheck(format))
      warn(key, source, { rule: 'format-unknown', message: messages.formatUnknown(format) });
    if (pattern !== undefined) {
      if (patternProblem(pattern) !== undefined)
        warn(key, source, { rule: 'pattern-invalid', message: messages.patternInvalid(pattern) });
    }
  }
  for (const a of entityType.attributes) {
    if (a.required && !Object.hasOwn(mapping.fields, a.key))
      warn(a.key, '', { rule: 'required-unmapped', message: messages.requiredUnmapped(a.key) });
  }
  return warnings;
}

/**
 * The problem that makes a field unusable, or undefined. With `warnings`, it is pushed
 * there (after the warnings of skipped `mapEach` sub-fields met on the way).
 */
export function inspectField(
  field: FieldMapping,
  label: string,
  depth: number,
  plugins: PluginRegistry,
  warnings: MappingFinding[] | null,
): Problem | undefined {
  const problem =
    originProblem(field) ??
    (field.transforms?.length
      ? chainProblem(field.transforms, depth, label, plugins, warnings)
      : undefined);
  if (problem && warnings) {
    warnings.push({
      attribute: label,
      source: sourceOfField(field),
      ...problem,
      severity: 'warning',
    });
  }
  return problem;
}

function pathProblem(path: string): Problem | undefined {
  const parsed = parseSourcePath(path);
  return parsed.ok
    ? undefined
    : { rule: parsed.rule, message: messages.pathInvalid(path, parsed.message) };
}

/** A finding's `source` label for a field (alternatives joined by " | "). */
export function sourceOfField(field: FieldMapping): string {
  if (field.source !== undefined)
    return typeof field.source === 'string' ? field.source : field.source.join(' | ');
  return field.concat ? 'concat' : field.template !== undefined ? 'template' : 'const';
}

function originProblem(field: FieldMapping): Problem | undefined {
  if (Array.isArray(field.source)) {
    for (const s of field.source) {
      const p = pathProblem(s);
      if (p) return p;
    }
    return undefined;
  }
  if (field.source !== undefined) return pathProblem(field.source);
  if (field.concat !== undefined) {
    for (const s of field.concat.sources) {
      const p = pathProblem(s);
      if (p) return p;
    }
    return undefined;
  }
  if (field.template !== undefined) {
    const parts = parseTemplate(field.template);
    if (typeof parts === 'string')
      return { rule: 'template-invalid', message: messages.templateInvalid(parts) };
    for (const part of parts) {
      const p = 'path' in part ? pathProblem(part.path) : undefined;
      if (p) return p;
    }
    return undefined;
  }
  if ('const' in field) return undefined;
  return {
    rule: 'origin-missing',
    message: 'the field has no source, concat, template or const; the field is skipped',
  };
}

function chainProblem(
  transforms: Transform[],
  depth: number,
  label: string,
  plugins: PluginRegistry,
  warnings: MappingFinding[] | null,
): Problem | undefined {
  if (transforms.length > MAX_CHAIN_LENGTH) {
    return {
      rule: 'mapping-too-complex',
      message: messages.tooComplex(`a transform chain has more than ${MAX_CHAIN_LENGTH} steps`),
    };
  }
  if (depth > MAX_NESTING)
    return {
      rule: 'mapping-too-complex',
      message: messages.tooComplex(`transforms are nested more than ${MAX_NESTING} deep`),
    };
  for (const t of transforms) {
    const p = transformProblem(t, depth, label, plugins, warnings);
    if (p) return p;
  }
  return undefined;
}

function transformProblem(
  t: Transform,
  depth: number,
  label: string,
  plugins: PluginRegistry,
  warnings: MappingFinding[] | null,
): Problem | undefined {
  if (typeof t !== 'object' || t === null)
    return {
      rule: 'transform-invalid',
      message: 'a transform must be an object; the field is skipped',
    };
  if ('coerce' in t || 'valueMap' in t || 'const' in t) return undefined;
  if ('if' in t) {
    return (
      (t.if.path !== undefined ? pathProblem(t.if.path) : undefined) ??
      (t.then ? chainProblem(t.then, depth + 1, label, plugins, warnings) : undefined) ??
      (t.else ? chainProblem(t.else, depth + 1, label, plugins, warnings) : undefined)
    );
  }
  if ('select' in t) {
    const { where, pick } = t.select;
    return (
      (where.path !== undefined ? pathProblem(where.path) : undefined) ??
      (pick !== undefined ? pathProblem(pick) : undefined)
    );
  }
  if ('each' in t) return chainProblem(t.each, depth + 1, label, plugins, warnings);
  if ('mapEach' in t) {
    if (depth + 1 > MAX_NESTING)
      return {
        rule: 'mapping-too-complex',
        message: messages.tooComplex(`transforms are nested more than ${MAX_NESTING} deep`),
      };
    for (const [k, f] of Object.entries(t.mapEach))
      inspectField(f, `${label}[].${k}`, depth + 1, plugins, warnings);
    return undefined;
  }
  if ('plugin' in t) {
    const plugin = plugins.get(t.plugin);
    if (!plugin)
      return { rule: 'plugin-unregistered', message: messages.pluginUnregistered(t.plugin) };
    const problem = plugin.checkOptions?.(t.options ?? {});
    return problem === undefined
      ? undefined
      : { rule: 'plugin-options-invalid', message: messages.pluginOptions(t.plugin, problem) };
  }
  if ('string' in t) {
    return ['trim', 'lower', 'upper'].includes(t.string)
      ? undefined
      : {
          rule: 'transform-invalid',
          message: `unknown string operation "${String(t.string)}"; the field is skipped`,
        };
  }
  if ('split' in t || 'join' in t) return undefined;
  if ('idOf' in t) return pathProblem(t.idOf);
  return {
    rule: 'transform-invalid',
    message: 'a transform names no known kind; the field is skipped',
  };
}
