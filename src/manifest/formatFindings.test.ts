import { describe, expect, it } from 'vitest';
import type { Finding } from './Finding.js';
import {
  escapeGithubData,
  escapeGithubProperty,
  formatFindings,
  toJsonReport,
} from './formatFindings.js';
import type { FileReport } from './formatFindings.js';

const finding = (over: Partial<Finding>): Finding => ({
  file: 'integrations/acme/manifest.json',
  line: 3,
  column: 7,
  pointer: '/key',
  rule: 'key-folder-mismatch',
  message: 'key is "x"',
  severity: 'error',
  ...over,
});

const reports: FileReport[] = [
  {
    file: 'integrations/acme/manifest.json',
    findings: [
      finding({}),
      finding({
        line: 12,
        column: 15,
        rule: 'plugin-unknown',
        severity: 'warning',
        message: 'Plugin "p" is not registered',
      }),
    ],
  },
  { file: 'templates/retail/manifest.json', findings: [] },
];

describe('formatFindings', () => {
  it('text: findings grouped per file, columns aligned, and a summary', () => {
    expect(formatFindings(reports, 'text')).toBe(
      [
        'integrations/acme/manifest.json',
        '  3:7    error    key is "x"  key-folder-mismatch  at /key',
        '  12:15  warning  Plugin "p" is not registered  plugin-unknown  at /key',
        '',
        '✖ 2 problems (1 error, 1 warning) in 2 files; 1 of 2 valid',
        '',
      ].join('\n'),
    );
  });

  it('text: a clean run says so', () => {
    expect(formatFindings([{ file: 'a.json', findings: [] }], 'text')).toBe('✔ 1 manifest valid\n');
  });

  it('json: valid flags per file and overall, and counts', () => {
    const report = JSON.parse(formatFindings(reports, 'json')) as ReturnType<typeof toJsonReport>;
    expect(report.valid).toBe(false);
    expect(report.files.map((f) => [f.file, f.valid, f.findings.length])).toEqual([
      ['integrations/acme/manifest.json', false, 2],
      ['templates/retail/manifest.json', true, 0],
    ]);
    expect(report.counts).toEqual({ files: 2, invalidFiles: 1, errors: 1, warnings: 1 });
    expect(toJsonReport([{ file: 'a', findings: [finding({ severity: 'warning' })] }]).valid).toBe(
      true,
    );
  });

  it('github: one workflow command per finding', () => {
    expect(formatFindings(reports, 'github')).toBe(
      '::error file=integrations/acme/manifest.json,line=3,col=7,title=key-folder-mismatch::key is "x" (at /key)\n' +
        '::warning file=integrations/acme/manifest.json,line=12,col=15,title=plugin-unknown::Plugin "p" is not registered (at /key)\n',
    );
  });

  it('github: escapes %, CR and LF in messages, and also : and , in properties', () => {
    expect(escapeGithubData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
    expect(escapeGithubProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
    const line = formatFindings(
      [
        {
          file: 'odd,name:1.json',
          findings: [
            finding({ file: 'odd,name:1.json', rule: 'schema/enum', message: 'bad\nvalue 50%' }),
          ],
        },
      ],
      'github',
    );
    expect(line).toBe(
      '::error file=odd%2Cname%3A1.json,line=3,col=7,title=schema/enum::bad%0Avalue 50%25 (at /key)\n',
    );
  });
});
