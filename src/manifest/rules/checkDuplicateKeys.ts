import { joinPointer } from '../jsonPointer.js';
import type { RuleId } from '../ruleCatalog.js';
import { asObject, asString, objectItems, own } from './readShape.js';
import type { JsonObject } from './readShape.js';
import type { Rule, RuleIssue } from './RuleContext.js';

type Describe = (key: string, firstIndex: number) => string;

function repeats(
  items: Array<{ item: JsonObject; pointer: string }>,
  keyProperty: string,
  rule: RuleId,
  describe: Describe,
): RuleIssue[] {
  const first = new Map<string, number>();
  const issues: RuleIssue[] = [];
  items.forEach(({ item, pointer }, index) => {
    const key = asString(own(item, keyProperty));
    if (key === undefined) return;
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, index);
    else
      issues.push({
        rule,
        pointer: joinPointer(pointer, keyProperty),
        message: describe(key, earlier),
      });
  });
  return issues;
}

const twice =
  (what: string): Describe =>
  (key, earlier) =>
    `${what} "${key}" is defined twice (first at item ${earlier}); rename or remove one of them.`;

/**
 * duplicate-entity-type, duplicate-attribute, duplicate-relationship, duplicate-model and
 * duplicate-mapping: the second occurrence of a key is reported at its key value.
 */
export const checkDuplicateKeys: Rule = ({ doc }) => {
  const entityTypes = objectItems(doc, 'entityTypes', '');
  const issues = repeats(entityTypes, 'key', 'duplicate-entity-type', twice('Entity type'));
  for (const { item, pointer } of entityTypes) {
    const owner = asString(own(item, 'key')) ?? '?';
    issues.push(
      ...repeats(
        objectItems(item, 'attributes', pointer),
        'key',
        'duplicate-attribute',
        (key, earlier) =>
          `Attribute "${key}" of "${owner}" is defined twice (first at item ${earlier}); rename or remove one of them.`,
      ),
    );
  }
  issues.push(
    ...repeats(
      objectItems(doc, 'relationships', ''),
      'key',
      'duplicate-relationship',
      twice('Relationship'),
    ),
  );
  const integration = asObject(own(doc, 'integration'));
  issues.push(
    ...repeats(
      objectItems(integration, 'models', '/integration'),
      'key',
      'duplicate-model',
      twice('Model'),
    ),
  );
  issues.push(
    ...repeats(
      objectItems(doc, 'mappings', ''),
      'model',
      'duplicate-mapping',
      (key, earlier) =>
        `Model "${key}" already has a mapping (item ${earlier}); merge the two into one mapping.`,
    ),
  );
  return issues;
};
