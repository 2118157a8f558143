import { joinPointer } from '../jsonPointer.js';
import { asObject, asString, indexEntityTypes, objectItems, own } from './readShape.js';
import type { JsonObject } from './readShape.js';
import type { Rule, RuleIssue } from './RuleContext.js';
import { forEachField } from './walkMappings.js';

/**
 * The record-level constructs and the key (src/mapping/README.md, "Records a mapping
 * applies to", "source"):
 * - primary-key-unmapped: the mapped entity type's key (`primaryKey`, else `id`) has no
 *   field, so no record the mapping produces could be stored or found again. A required
 *   key is left to required-attribute-unmapped, which already names it.
 * - when-without-path: a `when` condition has no `path`; it would test the whole record.
 * - envelope-paths-equal: `envelope.single` and `envelope.list` (or one of its
 *   alternatives) name the same path, so one payload would be read as both a record and a
 *   list of records.
 * - envelope-list-duplicate: a path appears twice in `envelope.list`'s alternatives; the
 *   second can never be the first array.
 * - source-alternative-duplicate: a path appears twice in a `source` list; the second can
 *   never be reached.
 * The paths themselves are parsed by checkSourcePaths.
 */
export const checkMappingConstructs: Rule = ({ doc, walks }) => {
  const entities = indexEntityTypes(doc, walks);
  const issues: RuleIssue[] = [];
  for (const { item, pointer } of objectItems(doc, 'mappings', '')) {
    const model = asString(own(item, 'model')) ?? '?';
    const entity = entities.get(asString(own(item, 'entityType')) ?? '');
    const fields = asObject(own(item, 'fields'));
    if (entity && fields) {
      const declared = asString(own(entity.node, 'primaryKey'));
      const key = declared ?? (entity.attributes.has('id') ? 'id' : undefined);
      const attribute = key === undefined ? undefined : entity.attributes.get(key);
      if (key !== undefined && attribute && !attribute.required && !Object.hasOwn(fields, key))
        issues.push({
          rule: 'primary-key-unmapped',
          pointer: joinPointer(pointer, 'fields'),
          message: `The key "${key}" of "${entity.key}" has no field in the mapping of model "${model}"; map it, or no record can be stored.`,
        });
    }
    const when = own(item, 'when');
    const conditions = Array.isArray(when) ? when : when === undefined ? [] : [when];
    conditions.forEach((entry, index) => {
      const condition = asObject(entry);
      if (!condition || own(condition, 'path') !== undefined) return;
      issues.push({
        rule: 'when-without-path',
        pointer: Array.isArray(when)
          ? joinPointer(pointer, 'when', index)
          : joinPointer(pointer, 'when'),
        message: `A "when" condition of model "${model}" has no "path"; name the field that tells this model's records apart (for example "message" or "@removed").`,
      });
    });
    issues.push(...checkEnvelope(asObject(own(item, 'envelope')), pointer));
  }
  forEachField(
    doc,
    ({ field, pointer }) => {
      const source = own(field, 'source');
      if (!Array.isArray(source)) return;
      const seen = new Set<unknown>();
      source.forEach((path, index) => {
        if (seen.has(path))
          issues.push({
            rule: 'source-alternative-duplicate',
            pointer: joinPointer(pointer, 'source', index),
            message: `The source alternative ${JSON.stringify(path)} is listed twice; the second is never reached. Remove it.`,
          });
        seen.add(path);
      });
    },
    walks,
  );
  return issues;
};

/** envelope-paths-equal and envelope-list-duplicate for one mapping's `envelope`. */
function checkEnvelope(envelope: JsonObject | undefined, pointer: string): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const single = asString(own(envelope, 'single'));
  const list = own(envelope, 'list');
  const alternatives = Array.isArray(list) ? list : [list];
  const seen = new Set<unknown>();
  alternatives.forEach((path, index) => {
    const at = Array.isArray(list)
      ? joinPointer(pointer, 'envelope', 'list', index)
      : joinPointer(pointer, 'envelope', 'list');
    if (single !== undefined && path === single)
      issues.push({
        rule: 'envelope-paths-equal',
        pointer: at,
        message: `envelope.single and envelope.list are both "${single}"; the single envelope holds one object ({"ticket": {...}}), the list one array ({"tickets": [...]}).`,
      });
    else if (typeof path === 'string' && seen.has(path))
      issues.push({
        rule: 'envelope-list-duplicate',
        pointer: at,
        message: `The envelope.list alternative "${path}" is listed twice; the second is never reached. Remove it.`,
      });
    seen.add(path);
  });
  return issues;
}
