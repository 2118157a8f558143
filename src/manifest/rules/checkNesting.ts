import { MAX_NESTING } from '../../mapping/limits.js';
import { joinPointer } from '../jsonPointer.js';
import { asObject, own } from './readShape.js';
import type { Rule, RuleIssue } from './RuleContext.js';
import { forEachField } from './walkMappings.js';

const NESTING_KINDS = ['if', 'each', 'mapEach'] as const;

/**
 * mapping-too-complex: the engine skips a field whose `if`, `each` or `mapEach` transforms
 * nest more than MAX_NESTING deep (src/mapping/limits.ts). A field's own chain is level 0;
 * the branches of `if`, the chain of `each` and the fields of `mapEach` are one level
 * deeper, so any of the three found in a chain at level MAX_NESTING is one too many.
 */
export const checkNesting: Rule = ({ doc, walks }) => {
  const issues: RuleIssue[] = [];
  const chain = (value: unknown, pointer: string, depth: number) => {
    if (!Array.isArray(value)) return;
    value.forEach((entry, index) => {
      const t = asObject(entry);
      if (!t) return;
      const tPointer = joinPointer(pointer, index);
      const kind = NESTING_KINDS.find((k) => Object.hasOwn(t, k));
      if (!kind) return;
      if (depth >= MAX_NESTING) {
        issues.push({
          rule: 'mapping-too-complex',
          pointer: tPointer,
          message: `This "${kind}" nests transforms more than ${MAX_NESTING} levels deep, so the engine would skip the field; flatten the chain (e.g. combine conditions, or map the sub-structure into a json attribute).`,
        });
        return;
      }
      if (kind === 'if') {
        chain(own(t, 'then'), joinPointer(tPointer, 'then'), depth + 1);
        chain(own(t, 'else'), joinPointer(tPointer, 'else'), depth + 1);
      } else if (kind === 'each') chain(own(t, 'each'), joinPointer(tPointer, 'each'), depth + 1);
      else {
        const fields = asObject(own(t, 'mapEach')) ?? {};
        for (const key of Object.keys(fields)) {
          chain(
            own(asObject(fields[key]), 'transforms'),
            joinPointer(tPointer, 'mapEach', key, 'transforms'),
            depth + 1,
          );
        }
      }
    });
  };
  forEachField(
    doc,
    ({ field, pointer, nested }) => {
      if (!nested) chain(own(field, 'transforms'), joinPointer(pointer, 'transforms'), 0);
    },
    walks,
  );
  return issues;
};
