import type { Rule, RuleIssue } from './RuleContext.js';
import { asString, own } from './readShape.js';

const KIND_OF_FOLDER = { integrations: 'integration', templates: 'template' } as const;

/**
 * kind-folder-mismatch (integrations/ holds kind "integration", templates/ kind "template")
 * and key-folder-mismatch (key equals the folder name). Only when the folder is known.
 */
export const checkFolder: Rule = ({ doc, folder }) => {
  if (!folder) return [];
  const issues: RuleIssue[] = [];
  const kind = asString(own(doc, 'kind'));
  const expected = KIND_OF_FOLDER[folder.kindFolder];
  if (kind !== undefined && (kind === 'integration' || kind === 'template') && kind !== expected) {
    issues.push({
      rule: 'kind-folder-mismatch',
      pointer: '/kind',
      message: `kind is "${kind}" but the manifest is under ${folder.kindFolder}/; set kind to "${expected}" or move the folder to ${kind}s/.`,
    });
  }
  const key = asString(own(doc, 'key'));
  if (key !== undefined && key !== folder.name) {
    issues.push({
      rule: 'key-folder-mismatch',
      pointer: '/key',
      message: `key is "${key}" but the folder is named "${folder.name}"; make them equal (rename the folder or change the key).`,
    });
  }
  return issues;
};
