import { API_DIFF_RULES, type ApiChange, type ApiDiffReport } from './apiDiffRules.js';

/** The output formats of `regsync api-diff`. */
export const API_DIFF_FORMATS = ['text', 'json', 'markdown'] as const;
/** One of `API_DIFF_FORMATS`. */
export type ApiDiffFormat = (typeof API_DIFF_FORMATS)[number];

/** Counts of a report's changes by severity. */
export function summarizeApiDiff(report: ApiDiffReport): { breaking: number; compatible: number } {
  const breaking = report.changes.filter((c) => c.severity === 'breaking').length;
  return { breaking, compatible: report.changes.length - breaking };
}

function summaryLine(report: ApiDiffReport): string {
  const { breaking, compatible } = summarizeApiDiff(report);
  if (report.changes.length === 0)
    return `No HTTP API changes between ${report.base} and ${report.head}.`;
  return `${breaking} breaking, ${compatible} compatible HTTP API change(s) between ${report.base} and ${report.head}.`;
}

/** Markdown table cells: pipes and newlines cannot break the table, backticks stay text. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const code = (text: string) => (text ? `\`${text.replace(/`/g, "'")}\`` : '');

function markdown(report: ApiDiffReport): string {
  const out = ['### Regsync HTTP API contract', '', summaryLine(report)];
  const section = (title: string, changes: ApiChange[]) => {
    if (changes.length === 0) return;
    out.push('', title, '', '| Operation | Change | Where | Detail |', '| --- | --- | --- | --- |');
    for (const c of changes)
      out.push(
        `| ${code(c.operation)} | ${API_DIFF_RULES[c.rule].title} | ${code(c.location)} | ${cell(c.detail)} |`,
      );
  };
  const breaking = report.changes.filter((c) => c.severity === 'breaking');
  if (breaking.length > 0)
    out.push(
      '',
      'Breaking changes fail existing clients; make them only with a new API major version (docs/http-api.md).',
    );
  section(`#### ⚠️ Breaking (${breaking.length})`, breaking);
  section(
    `#### Compatible (${report.changes.length - breaking.length})`,
    report.changes.filter((c) => c.severity === 'compatible'),
  );
  return `${out.join('\n')}\n`;
}

function text(report: ApiDiffReport): string {
  const lines = [summaryLine(report)];
  for (const c of report.changes)
    lines.push(
      `  ${c.severity === 'breaking' ? 'BREAKING  ' : 'compatible'} ${c.operation}${c.location ? ` ${c.location}` : ''}: ${API_DIFF_RULES[c.rule].title}${c.detail ? ` (${c.detail})` : ''} [${c.rule}]`,
    );
  return `${lines.join('\n')}\n`;
}

/** The report as text (terminal), json (`{ base, head, summary, changes }`) or markdown (PR comment). */
export function formatApiDiff(report: ApiDiffReport, format: ApiDiffFormat): string {
  if (format === 'json')
    return `${JSON.stringify({ ...report, summary: summarizeApiDiff(report) }, null, 2)}\n`;
  return format === 'markdown' ? markdown(report) : text(report);
}
