import { parseSourcePath } from '../../mapping/parseSourcePath.js';
import { joinPointer } from '../jsonPointer.js';
import { DATA_TYPES } from '../types.js';
import type { DataType } from '../types.js';
import {
  incompatibleTags,
  inferChainType,
  inferOriginType,
  typeOfValue,
} from './inferChainType.js';
import { asObject, own } from './readShape.js';
import type { AttributeInfo, JsonObject } from './readShape.js';
import type { Rule, RuleContext, RuleIssue } from './RuleContext.js';
import { forEachField, forEachTransform } from './walkMappings.js';

const isMulti = (path: string): boolean => {
  const parsed = parseSourcePath(path);
  return parsed.ok && parsed.path.multi;
};

function describeTarget(attribute: AttributeInfo, dataType: DataType): string {
  return attribute.list ? `a list of ${dataType}` : dataType === 'enum' ? 'enum' : dataType;
}

/**
 * transform-type-mismatch, value-map-enum and default-type-mismatch: what a field can
 * yield, inferred statically, must fit its target attribute. Unknown types (a raw source
 * value, a passthrough) are never reported: only certain mismatches are (and the outputs of
 * a final valueMap, each certain for its key).
 */
export const checkFieldTypes: Rule = (ctx) => {
  const issues: RuleIssue[] = [];
  const { walks } = ctx;
  forEachField(
    ctx.doc,
    ({ field, pointer, attribute, nested }) => {
      if (nested || !attribute) return;
      const dataType = attribute.dataType as DataType | undefined;
      if (!dataType || !DATA_TYPES.includes(dataType)) return;
      const reported = checkOutputType(ctx, field, pointer, attribute, dataType, issues);
      checkValueMapOutputs(field, pointer, attribute, dataType, reported, issues);
      checkDefault(field, pointer, attribute, dataType, issues);
    },
    walks,
  );
  return issues;
};

function checkOutputType(
  ctx: RuleContext,
  field: JsonObject,
  pointer: string,
  attribute: AttributeInfo,
  dataType: DataType,
  issues: RuleIssue[],
): boolean {
  const transforms = own(field, 'transforms');
  const output = inferChainType(transforms, inferOriginType(field, isMulti), {
    plugins: ctx.plugins,
  });
  const bad = incompatibleTags(output, dataType, attribute.list);
  if (bad.length === 0) return false;
  const steps = Array.isArray(transforms) ? transforms.length : 0;
  const at =
    steps > 0
      ? joinPointer(pointer, 'transforms', steps - 1)
      : Object.hasOwn(field, 'const')
        ? joinPointer(pointer, 'const')
        : pointer;
  issues.push({
    rule: 'transform-type-mismatch',
    pointer: at,
    message: `Field "${attribute.key}" can yield ${[...new Set(bad)].join(' or ')}, but the attribute is ${describeTarget(attribute, dataType)}; change the last transform (e.g. coerce to ${dataType === 'enum' || dataType === 'reference' || dataType === 'json' ? 'string' : dataType}) or the attribute's dataType.`,
  });
  return true;
}

/** The valueMap transforms whose output is the field's output (last step, or last in a final if's branches). */
function finalValueMaps(
  chain: unknown,
  pointer: string,
  out: Array<{ t: JsonObject; pointer: string }>,
  depth = 0,
): void {
  if (!Array.isArray(chain) || chain.length === 0 || depth > 16) return;
  const last = asObject(chain[chain.length - 1]);
  const lastPointer = joinPointer(pointer, chain.length - 1);
  if (!last) return;
  if (Object.hasOwn(last, 'valueMap')) out.push({ t: last, pointer: lastPointer });
  if (Object.hasOwn(last, 'if')) {
    finalValueMaps(own(last, 'then'), joinPointer(lastPointer, 'then'), out, depth + 1);
    finalValueMaps(own(last, 'else'), joinPointer(lastPointer, 'else'), out, depth + 1);
  }
}

/**
 * Each output of a final valueMap is certain for its key, even when a miss passes the raw
 * value through: an output the attribute cannot hold is a transform-type-mismatch (unless
 * the whole chain was already reported), a string outside an enum's values value-map-enum.
 */
function checkValueMapOutputs(
  field: JsonObject,
  pointer: string,
  attribute: AttributeInfo,
  dataType: DataType,
  chainReported: boolean,
  issues: RuleIssue[],
): void {
  const maps: Array<{ t: JsonObject; pointer: string }> = [];
  finalValueMaps(own(field, 'transforms'), joinPointer(pointer, 'transforms'), maps);
  const allowed =
    dataType === 'enum' && !attribute.list ? new Set(attribute.enumValues ?? []) : undefined;
  for (const { t, pointer: tPointer } of maps) {
    const table = asObject(own(t, 'valueMap')) ?? {};
    const outputs: Array<[unknown, string]> = Object.keys(table).map((k) => [
      table[k],
      joinPointer(tPointer, 'valueMap', k),
    ]);
    if (Object.hasOwn(t, 'fallback')) outputs.push([t.fallback, joinPointer(tPointer, 'fallback')]);
    for (const [value, at] of outputs) {
      if (value === null) continue;
      const bad = incompatibleTags(typeOfValue(value), dataType, attribute.list);
      if (bad.length > 0) {
        if (!chainReported) {
          issues.push({
            rule: 'transform-type-mismatch',
            pointer: at,
            message: `The valueMap output ${JSON.stringify(value)} is ${bad.join(' or ')}, but "${attribute.key}" is ${describeTarget(attribute, dataType)}; map to a value of that type.`,
          });
        }
      } else if (
        allowed &&
        attribute.enumValues &&
        typeof value === 'string' &&
        !allowed.has(value)
      ) {
        issues.push({
          rule: 'value-map-enum',
          pointer: at,
          message: `"${value}" is not an enum value of "${attribute.key}" (allowed: ${[...allowed].join(', ')}); map to one of them or add it to enumValues.`,
        });
      }
    }
  }
}

/** A default is the field's value when the chain is empty, and what onInvalid "default" yields. */
function checkDefault(
  field: JsonObject,
  pointer: string,
  attribute: AttributeInfo,
  dataType: DataType,
  issues: RuleIssue[],
): void {
  if (!Object.hasOwn(field, 'default')) return;
  const value = field.default;
  const transforms = own(field, 'transforms');
  let yieldsDefault = !Array.isArray(transforms) || transforms.length === 0;
  forEachTransform(transforms, '', (t) => {
    if (own(t, 'onInvalid') === 'default') yieldsDefault = true;
  });
  if (!yieldsDefault) return;
  const at = joinPointer(pointer, 'default');
  const bad = incompatibleTags(typeOfValue(value), dataType, attribute.list);
  if (bad.length > 0) {
    issues.push({
      rule: 'default-type-mismatch',
      pointer: at,
      message: `The default ${JSON.stringify(value)} of "${attribute.key}" is ${bad.join(' or ')}, but the attribute is ${describeTarget(attribute, dataType)}; use a default of that type.`,
    });
    return;
  }
  if (
    dataType === 'enum' &&
    attribute.enumValues &&
    typeof value === 'string' &&
    !attribute.enumValues.includes(value)
  ) {
    issues.push({
      rule: 'default-type-mismatch',
      pointer: at,
      message: `The default "${value}" of "${attribute.key}" is not one of its enum values (${attribute.enumValues.join(', ')}); use one of them.`,
    });
  }
}
