import { DIFF_RULES } from './diffRules.js';
import { formatDiffMarkdown } from './formatDiffMarkdown.js';
import { summarizeDiff } from './ManifestChange.js';
import type { DiffReport } from './ManifestChange.js';
import { groupByManifest, summaryLine } from './reportParts.js';

/** Output formats of `regsync diff`. */
export const DIFF_FORMATS = ['text', 'markdown', 'json'] as const;
/** One of `DIFF_FORMATS`. */
export type DiffFormat = (typeof DIFF_FORMATS)[number];

/** Renders a diff report; the result ends with a newline. Pure and deterministic. */
export function formatDiff(report: DiffReport, format: DiffFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify({ base: report.base, head: report.head, summary: summarizeDiff(report), changes: report.changes, undiffable: report.undiffable }, null, 2)}\n`;
    case 'markdown':
      return formatDiffMarkdown(report);
    case 'text':
      return formatText(report);
  }
}

function formatText(report: DiffReport): string {
  const lines = [`regsync diff: ${summaryLine(report)}`];
  for (const u of report.undiffable) {
    lines.push(
      '',
      `not diffed: ${u.file} (invalid at ${u.side})`,
      ...u.messages.map((m) => `  ${m}`),
    );
  }
  for (const [label, changes] of groupByManifest(report.changes)) {
    lines.push('', label);
    for (const c of changes) {
      const severity = c.severity === 'breaking' ? 'BREAKING  ' : 'compatible';
      lines.push(
        `  ${severity}  ${DIFF_RULES[c.rule].title}  ${c.path || '(manifest)'}`,
        `              ${c.reason}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
