import { joinPointer } from '../jsonPointer.js';
import { asObject, asString, indexEntityTypes, objectItems, own } from './readShape.js';
import type { Rule, RuleIssue } from './RuleContext.js';

/**
 * required-attribute-unmapped (warning): a mapping should produce every required attribute
 * of its entity type, or every record it maps will fail with required-missing.
 */
export const checkRequiredMapped: Rule = ({ doc, walks }) => {
  const entities = indexEntityTypes(doc, walks);
  const issues: RuleIssue[] = [];
  for (const { item, pointer } of objectItems(doc, 'mappings', '')) {
    const entity = entities.get(asString(own(item, 'entityType')) ?? '');
    const fields = asObject(own(item, 'fields'));
    if (!entity || !fields) continue;
    for (const attribute of entity.attributes.values()) {
      if (!attribute.required || Object.hasOwn(fields, attribute.key)) continue;
      issues.push({
        rule: 'required-attribute-unmapped',
        pointer: joinPointer(pointer, 'fields'),
        message: `Required attribute "${attribute.key}" of "${entity.key}" has no field in the mapping of model "${asString(own(item, 'model')) ?? '?'}"; map it, or every record will fail.`,
      });
    }
  }
  return issues;
};
