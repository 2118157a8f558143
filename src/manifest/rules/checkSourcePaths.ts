import { parseTemplate } from '../../mapping/compileField.js';
import { parseSourcePath } from '../../mapping/parseSourcePath.js';
import { joinPointer } from '../jsonPointer.js';
import { asObject, asString, objectItems, own } from './readShape.js';
import type { JsonObject } from './readShape.js';
import type { Rule, RuleIssue } from './RuleContext.js';
import { forEachField, forEachTransform } from './walkMappings.js';

/**
 * jsonpath-invalid and jsonpath-script: every path of every field (source, concat sources,
 * template placeholders, condition paths, select.pick), parsed with the mapping engine's own
 * parsers (parseSourcePath, parseTemplate) so the validator and the engine never disagree.
 */
export const checkSourcePaths: Rule = ({ doc, walks }) => {
  const issues: RuleIssue[] = [];
  const check = (value: unknown, pointer: string, what = 'path') => {
    const path = asString(value);
    if (path === undefined) return;
    const parsed = parseSourcePath(path);
    if (!parsed.ok)
      issues.push({
        rule: parsed.rule,
        pointer,
        message: `The ${what} "${path}" is not usable: ${parsed.message}.`,
      });
  };
  const checkCondition = (condition: JsonObject | undefined, pointer: string) => {
    const path = own(condition, 'path');
    if (typeof path === 'string') check(path, joinPointer(pointer, 'path'), 'condition path');
  };

  // The record-level paths: `when` conditions and the envelope.
  for (const { item, pointer } of objectItems(doc, 'mappings', '')) {
    const when = own(item, 'when');
    if (Array.isArray(when))
      when.forEach((c, i) => checkCondition(asObject(c), joinPointer(pointer, 'when', i)));
    else checkCondition(asObject(when), joinPointer(pointer, 'when'));
    const envelope = asObject(own(item, 'envelope'));
    check(
      own(envelope, 'single'),
      joinPointer(pointer, 'envelope', 'single'),
      'envelope.single path',
    );
    const list = own(envelope, 'list');
    if (Array.isArray(list))
      list.forEach((l, i) =>
        check(l, joinPointer(pointer, 'envelope', 'list', i), 'envelope.list alternative path'),
      );
    else check(list, joinPointer(pointer, 'envelope', 'list'), 'envelope.list path');
  }
  forEachField(
    doc,
    ({ field, pointer }) => {
      const source = own(field, 'source');
      if (Array.isArray(source))
        source.forEach((s, i) =>
          check(s, joinPointer(pointer, 'source', i), 'source alternative path'),
        );
      else if (typeof source === 'string')
        check(source, joinPointer(pointer, 'source'), 'source path');
      const sources = own(asObject(own(field, 'concat')), 'sources');
      if (Array.isArray(sources))
        sources.forEach((s, i) =>
          check(s, joinPointer(pointer, 'concat', 'sources', i), 'concat path'),
        );
      const template = asString(own(field, 'template'));
      if (template !== undefined) {
        const tPointer = joinPointer(pointer, 'template');
        const parts = parseTemplate(template);
        if (typeof parts === 'string') {
          issues.push({
            rule: 'jsonpath-invalid',
            pointer: tPointer,
            message: `The template is malformed: ${parts}.`,
          });
        } else {
          for (const part of parts)
            if ('path' in part) check(part.path, tPointer, 'template placeholder');
        }
      }
      forEachTransform(
        own(field, 'transforms'),
        joinPointer(pointer, 'transforms'),
        (transform, tPointer) => {
          // Pointers only for what the transform has: most have neither `if` nor `idOf`.
          const condition = asObject(own(transform, 'if'));
          if (condition) checkCondition(condition, joinPointer(tPointer, 'if'));
          const idOf = own(transform, 'idOf');
          if (idOf !== undefined) check(idOf, joinPointer(tPointer, 'idOf'), 'idOf path');
          const select = asObject(own(transform, 'select'));
          if (select) {
            checkCondition(
              asObject(own(select, 'where')),
              joinPointer(tPointer, 'select', 'where'),
            );
            check(own(select, 'pick'), joinPointer(tPointer, 'select', 'pick'), 'pick path');
          }
        },
      );
    },
    walks,
  );
  return issues;
};
