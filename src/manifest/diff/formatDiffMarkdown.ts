import { DIFF_RULES } from './diffRules.js';
import { groupByManifest, manifestLabel, summaryLine } from './reportParts.js';
import type { DiffReport, ManifestChange } from './ManifestChange.js';

/** The hidden marker that opens the markdown report and finds the PR comment again. */
export const DIFF_MARKER = '<!-- regsync-diff -->';

/** Tables longer than this are folded into a `<details>` block. */
export const FOLD_ROWS = 10;

/**
 * The report as a pull-request comment: the marker, a title, the summary line, the breaking
 * changes first (under ⚠️), manifests that could not be diffed, then one table per manifest.
 * Long tables are folded. Cell text is escaped so a key or value cannot break the table.
 */
export function formatDiffMarkdown(report: DiffReport): string {
  const breaking = report.changes.filter((c) => c.severity === 'breaking');
  const out = [
    DIFF_MARKER,
    '### Regsync registry diff',
    '',
    summaryLine(report).replace(/^(\d+) breaking/, (m) => (breaking.length > 0 ? `**${m}**` : m)),
  ];

  if (breaking.length > 0) {
    out.push('', `#### ⚠️ Breaking changes (${breaking.length})`, '');
    out.push(
      'These break existing consumers; merge them only on purpose (see `--allow-breaking`).',
      '',
    );
    out.push(
      ...fold(
        `${breaking.length} breaking change(s)`,
        table(
          ['Manifest', 'Change', 'Path', 'Why'],
          breaking.map((c) => [
            code(manifestLabel(c)),
            DIFF_RULES[c.rule].title,
            code(c.path || '(manifest)'),
            cell(c.reason),
          ]),
        ),
      ),
    );
  }
  if (report.undiffable.length > 0) {
    out.push('', `#### ❌ Not diffed (${report.undiffable.length})`, '');
    out.push(
      'These manifests are unreadable or invalid, so what they change is unknown; fix them first (`regsync validate`).',
      '',
    );
    for (const u of report.undiffable) {
      out.push(
        `- ${code(u.file)} (${u.side}): ${cell(u.messages.slice(0, 3).join('; '))}${u.messages.length > 3 ? ` (+${u.messages.length - 3} more)` : ''}`,
      );
    }
  }
  const groups = groupByManifest(report.changes);
  if (groups.length > 0) out.push('', '#### Changes by manifest');
  for (const [label, changes] of groups) {
    const b = changes.filter((c) => c.severity === 'breaking').length;
    out.push('', `**${label}**: ${b} breaking, ${changes.length - b} compatible`, '');
    out.push(
      ...fold(
        `${changes.length} change(s) in ${label}`,
        table(['', 'Change', 'Path', 'Details'], changes.map(row)),
      ),
    );
  }
  return `${out.join('\n')}\n`;
}

function row(c: ManifestChange): string[] {
  return [
    c.severity === 'breaking' ? '⚠️' : '✅',
    DIFF_RULES[c.rule].title,
    code(c.path || '(manifest)'),
    cell(c.reason),
  ];
}

function table(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

/** Wraps a table longer than FOLD_ROWS in `<details>` (the blank lines let GitHub render it). */
function fold(summary: string, lines: string[]): string[] {
  if (lines.length - 2 <= FOLD_ROWS) return lines;
  return [`<details><summary>${cell(summary)}</summary>`, '', ...lines, '', '</details>'];
}

/** Text safe in a table cell: no newline, pipe or HTML. */
function cell(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|');
}

/** An inline code span that survives any backticks in the text. */
function code(text: string): string {
  const t = text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  const fence = t.includes('`') ? '``' : '`';
  return `${fence}${fence === '``' ? ' ' : ''}${t}${fence === '``' ? ' ' : ''}${fence}`;
}
