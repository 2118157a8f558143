import { joinPointer } from '../jsonPointer.js';
import { asString, objectItems, own } from './readShape.js';
import type { Rule } from './RuleContext.js';

/** integration-entity-not-readonly: an integration's entity types are always readonly. */
export const checkReadonly: Rule = ({ doc }) => {
  if (own(doc, 'kind') !== 'integration') return [];
  return objectItems(doc, 'entityTypes', '')
    .filter(({ item }) => own(item, 'readonly') === false)
    .map(({ item, pointer }) => ({
      rule: 'integration-entity-not-readonly' as const,
      pointer: joinPointer(pointer, 'readonly'),
      message: `Entity type "${asString(own(item, 'key')) ?? '?'}" sets readonly to false, but integration entity types are always readonly; remove "readonly" (or use a template for an editable model).`,
    }));
};
