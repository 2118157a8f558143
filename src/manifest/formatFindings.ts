import type { Finding } from './Finding.js';

/** Output formats of a validation report. */
export const REPORT_FORMATS = ['text', 'json', 'github'] as const;
/** One of `REPORT_FORMATS`. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The findings of one validated file (a file with no findings is valid). */
export interface FileReport {
  file: string;
  findings: Finding[];
}

/** Counts of a report. */
export interface ReportCounts {
  files: number;
  invalidFiles: number;
  errors: number;
  warnings: number;
}

/** Counts errors, warnings and files with at least one error. */
export function countFindings(reports: readonly FileReport[]): ReportCounts {
  let errors = 0;
  let warnings = 0;
  let invalidFiles = 0;
  for (const report of reports) {
    const e = report.findings.filter((f) => f.severity === 'error').length;
    errors += e;
    warnings += report.findings.length - e;
    if (e > 0) invalidFiles++;
  }
  return { files: reports.length, invalidFiles, errors, warnings };
}

/** Renders a report in the given format; the result ends with a newline (or is empty). */
export function formatFindings(reports: readonly FileReport[], format: ReportFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(toJsonReport(reports), null, 2)}\n`;
    case 'github':
      return reports.flatMap((r) => r.findings.map(githubLine)).join('');
    default:
      return formatText(reports);
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** eslint-like: a header per file with findings, one indented line per finding, a summary. */
function formatText(reports: readonly FileReport[]): string {
  const lines: string[] = [];
  for (const report of reports) {
    if (report.findings.length === 0) continue;
    lines.push(report.file);
    const width = Math.max(...report.findings.map((f) => `${f.line}:${f.column}`.length));
    for (const f of report.findings) {
      const pos = `${f.line}:${f.column}`.padEnd(width);
      lines.push(
        `  ${pos}  ${f.severity.padEnd(7)}  ${f.message.replace(/\r?\n/g, ' ')}  ${f.rule}${f.pointer ? `  at ${f.pointer}` : ''}`,
      );
    }
    lines.push('');
  }
  const c = countFindings(reports);
  if (c.errors + c.warnings === 0) {
    lines.push(`✔ ${plural(c.files, 'manifest')} valid`);
  } else {
    lines.push(
      `${c.errors > 0 ? '✖' : '⚠'} ${plural(c.errors + c.warnings, 'problem')} (${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}) in ${c.files} ${c.files === 1 ? 'file' : 'files'}; ${c.files - c.invalidFiles} of ${c.files} valid`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The JSON report: `{ valid, files: [{ file, valid, findings }], counts }`. */
export function toJsonReport(reports: readonly FileReport[]) {
  const counts = countFindings(reports);
  return {
    valid: counts.errors === 0,
    files: reports.map((r) => ({
      file: r.file,
      valid: !r.findings.some((f) => f.severity === 'error'),
      findings: r.findings,
    })),
    counts,
  };
}

/** Escapes a workflow-command message: `%`, `\r`, `\n`. */
export function escapeGithubData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow-command property value: as data, plus `:` and `,`. */
export function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::error file=F,line=L,col=C,title=RULE::message` (or `::warning`). */
function githubLine(f: Finding): string {
  const props = [
    `file=${escapeGithubProperty(f.file)}`,
    `line=${f.line}`,
    `col=${f.column}`,
    `title=${escapeGithubProperty(f.rule)}`,
  ].join(',');
  // The pointer goes into the message: annotations have no field for it.
  const at = f.pointer ? ` (at ${f.pointer})` : '';
  return `::${f.severity} ${props}::${escapeGithubData(f.message + at)}\n`;
}
