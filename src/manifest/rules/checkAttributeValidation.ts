import { joinPointer } from '../jsonPointer.js';
import { patternProblem } from '../manifestPattern.js';
import { asObject, asString, objectItems, own } from './readShape.js';
import type { Rule, RuleIssue } from './RuleContext.js';

/**
 * invalid-regex (validation.pattern compiles on RE2, as the mapping engine runs it: see
 * manifestPattern.ts) and min-max (minimum <= maximum, minLength <= maxLength).
 */
export const checkAttributeValidation: Rule = ({ doc }) => {
  const issues: RuleIssue[] = [];
  for (const entity of objectItems(doc, 'entityTypes', '')) {
    for (const { item, pointer } of objectItems(entity.item, 'attributes', entity.pointer)) {
      const validation = asObject(own(item, 'validation'));
      if (!validation) continue;
      const vPointer = joinPointer(pointer, 'validation');
      const name = asString(own(item, 'key')) ?? '?';
      const pattern = asString(own(validation, 'pattern'));
      const problem = pattern === undefined ? undefined : patternProblem(pattern);
      if (problem !== undefined) {
        issues.push({
          rule: 'invalid-regex',
          pointer: joinPointer(vPointer, 'pattern'),
          message: `The pattern of "${name}" is not a valid regular expression (${problem}); fix it (remember to escape backslashes in JSON: "\\\\d").`,
        });
      }
      for (const [low, high] of [
        ['minimum', 'maximum'],
        ['minLength', 'maxLength'],
      ] as const) {
        const lo = own(validation, low);
        const hi = own(validation, high);
        if (typeof lo === 'number' && typeof hi === 'number' && lo > hi) {
          issues.push({
            rule: 'min-max',
            pointer: joinPointer(vPointer, low),
            message: `"${name}" has ${low} ${lo} greater than ${high} ${hi}, so no value can pass; swap or fix them.`,
          });
        }
      }
    }
  }
  return issues;
};
