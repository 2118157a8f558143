import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/CliIo.js';
import { runCli } from '../../src/cli/program.js';
import type { Finding } from '../../src/manifest/Finding.js';
import { RULE_CATALOG, SCHEMA_KEYWORDS } from '../../src/manifest/ruleCatalog.js';
import { MAX_MANIFEST_BYTES, validateManifest } from '../../src/manifest/validateManifest.js';
import { inspectMapping } from '../../src/mapping/inspectMapping.js';
import { defaultPluginRegistry } from '../../src/mapping/plugins/index.js';
import { validatePaths } from '../../src/cli/commands/validate.js';
import { CLI_FROM_SOURCES } from '../helpers/cli.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtures = join(repo, 'test/fixtures');

interface JsonReport {
  valid: boolean;
  files: Array<{ file: string; valid: boolean; findings: Finding[] }>;
  counts: { files: number; invalidFiles: number; errors: number; warnings: number };
}

/** Runs `regsync` in-process with captured output. */
async function cli(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stdin: new PassThrough(),
    isTty: false,
    env: {},
    cwd,
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

async function jsonReport(args: string[], cwd: string) {
  const result = await cli([...args, '--format', 'json'], cwd);
  return { ...result, report: JSON.parse(result.stdout) as JsonReport };
}

const M = 'integrations/acme/manifest.json';

/**
 * One fixture registry per rule under test/fixtures/invalid/<folder>: exactly that rule
 * fires, at this file, line, column and pointer.
 */
const TABLE: Array<{
  folder: string;
  rule: string;
  file?: string;
  line: number;
  column: number;
  pointer: string;
}> = [
  { folder: 'json-syntax', rule: 'json-syntax', line: 5, column: 19, pointer: '' },
  { folder: 'json-too-deep', rule: 'json-too-deep', line: 49, column: 115, pointer: '' },
  {
    folder: 'json-duplicate-key',
    rule: 'json-duplicate-key',
    line: 6,
    column: 3,
    pointer: '/name',
  },
  { folder: 'manifest-missing', rule: 'manifest-missing', line: 1, column: 1, pointer: '' },
  {
    folder: 'manifest-version-unsupported',
    rule: 'manifest-version-unsupported',
    line: 2,
    column: 22,
    pointer: '/manifestVersion',
  },
  {
    folder: 'kind-folder-mismatch',
    rule: 'kind-folder-mismatch',
    file: 'integrations/retail/manifest.json',
    line: 3,
    column: 11,
    pointer: '/kind',
  },
  {
    folder: 'key-folder-mismatch',
    rule: 'key-folder-mismatch',
    line: 4,
    column: 10,
    pointer: '/key',
  },
  {
    folder: 'duplicate-entity-type',
    rule: 'duplicate-entity-type',
    line: 24,
    column: 14,
    pointer: '/entityTypes/1/key',
  },
  {
    folder: 'duplicate-attribute',
    rule: 'duplicate-attribute',
    line: 22,
    column: 18,
    pointer: '/entityTypes/0/attributes/2/key',
  },
  {
    folder: 'duplicate-relationship',
    rule: 'duplicate-relationship',
    line: 62,
    column: 14,
    pointer: '/relationships/1/key',
  },
  {
    folder: 'duplicate-model',
    rule: 'duplicate-model',
    line: 35,
    column: 16,
    pointer: '/integration/models/1/key',
  },
  {
    folder: 'duplicate-mapping',
    rule: 'duplicate-mapping',
    line: 54,
    column: 16,
    pointer: '/mappings/1/model',
  },
  {
    folder: 'unknown-entity-type',
    rule: 'unknown-entity-type',
    line: 58,
    column: 13,
    pointer: '/relationships/0/to',
  },
  {
    folder: 'unknown-attribute',
    rule: 'unknown-attribute',
    line: 51,
    column: 9,
    pointer: '/mappings/0/fields/phone',
  },
  {
    folder: 'unknown-model',
    rule: 'unknown-model',
    line: 42,
    column: 16,
    pointer: '/mappings/0/model',
  },
  {
    folder: 'mapping-entity-mismatch',
    rule: 'mapping-entity-mismatch',
    line: 58,
    column: 21,
    pointer: '/mappings/0/entityType',
  },
  {
    folder: 'integration-entity-not-readonly',
    rule: 'integration-entity-not-readonly',
    line: 22,
    column: 19,
    pointer: '/entityTypes/0/readonly',
  },
  {
    folder: 'jsonpath-invalid',
    rule: 'jsonpath-invalid',
    line: 49,
    column: 21,
    pointer: '/mappings/0/fields/email/source',
  },
  {
    folder: 'jsonpath-script',
    rule: 'jsonpath-script',
    line: 49,
    column: 21,
    pointer: '/mappings/0/fields/email/source',
  },
  {
    folder: 'transform-type-mismatch',
    rule: 'transform-type-mismatch',
    line: 58,
    column: 13,
    pointer: '/mappings/0/fields/createdAt/transforms/0',
  },
  {
    folder: 'value-map-enum',
    rule: 'value-map-enum',
    line: 65,
    column: 22,
    pointer: '/mappings/0/fields/status/transforms/0/valueMap/0',
  },
  {
    folder: 'default-type-mismatch',
    rule: 'default-type-mismatch',
    line: 50,
    column: 22,
    pointer: '/mappings/0/fields/email/default',
  },
  {
    folder: 'on-invalid-default-without-default',
    rule: 'on-invalid-default-without-default',
    line: 53,
    column: 28,
    pointer: '/mappings/0/fields/email/transforms/0/onInvalid',
  },
  {
    folder: 'config-schema-invalid',
    rule: 'config-schema-invalid',
    line: 45,
    column: 9,
    pointer: '/integration/connectionConfig/required/1',
  },
  {
    folder: 'config-schema-remote-ref',
    rule: 'config-schema-remote-ref',
    line: 39,
    column: 19,
    pointer: '/integration/connectionConfig/properties/apiKey/$ref',
  },
  {
    folder: 'config-secret-misplaced',
    rule: 'config-secret-misplaced',
    line: 42,
    column: 25,
    pointer: '/integration/connectionConfig/properties/apiKeys/items/x-secret',
  },
  {
    folder: 'invalid-regex',
    rule: 'invalid-regex',
    line: 21,
    column: 24,
    pointer: '/entityTypes/0/attributes/1/validation/pattern',
  },
  {
    folder: 'min-max',
    rule: 'min-max',
    line: 21,
    column: 26,
    pointer: '/entityTypes/0/attributes/1/validation/minLength',
  },
  {
    folder: 'required-attribute-unmapped',
    rule: 'required-attribute-unmapped',
    line: 49,
    column: 17,
    pointer: '/mappings/0/fields',
  },
  {
    folder: 'mapping-too-complex',
    rule: 'mapping-too-complex',
    line: 91,
    column: 45,
    pointer:
      '/mappings/0/fields/email/transforms/0/then/0/then/0/then/0/then/0/then/0/then/0/then/0/then/0',
  },
  {
    folder: 'plugin-options-invalid',
    rule: 'plugin-options-invalid',
    line: 53,
    column: 26,
    pointer: '/mappings/0/fields/email/transforms/0/options',
  },
  {
    folder: 'primary-key-unmapped',
    rule: 'primary-key-unmapped',
    line: 44,
    column: 17,
    pointer: '/mappings/0/fields',
  },
  {
    folder: 'when-without-path',
    rule: 'when-without-path',
    line: 58,
    column: 9,
    pointer: '/mappings/0/when/1',
  },
  {
    folder: 'envelope-paths-equal',
    rule: 'envelope-paths-equal',
    line: 54,
    column: 17,
    pointer: '/mappings/0/envelope/list',
  },
  {
    folder: 'envelope-list-duplicate',
    rule: 'envelope-list-duplicate',
    line: 54,
    column: 35,
    pointer: '/mappings/0/envelope/list/2',
  },
  {
    folder: 'source-alternative-duplicate',
    rule: 'source-alternative-duplicate',
    line: 52,
    column: 13,
    pointer: '/mappings/0/fields/email/source/2',
  },
  {
    folder: 'when-path-invalid',
    rule: 'jsonpath-invalid',
    line: 53,
    column: 17,
    pointer: '/mappings/0/when/path',
  },
  {
    folder: 'plugin-unknown',
    rule: 'plugin-unknown',
    line: 52,
    column: 25,
    pointer: '/mappings/0/fields/email/transforms/0/plugin',
  },
  {
    folder: 'schema-required',
    rule: 'schema/required',
    line: 1,
    column: 1,
    pointer: '/description',
  },
  {
    folder: 'schema-additionalProperties',
    rule: 'schema/additionalProperties',
    line: 20,
    column: 11,
    pointer: '/entityTypes/0/attributes/1/nullable',
  },
  {
    folder: 'schema-enum',
    rule: 'schema/enum',
    line: 19,
    column: 23,
    pointer: '/entityTypes/0/attributes/1/dataType',
  },
  { folder: 'schema-type', rule: 'schema/type', line: 5, column: 11, pointer: '/name' },
  {
    folder: 'schema-oneOf',
    rule: 'schema/oneOf',
    line: 48,
    column: 18,
    pointer: '/mappings/0/fields/email',
  },
  {
    folder: 'operator-setting-shadows-config',
    rule: 'operator-setting-shadows-config',
    line: 43,
    column: 9,
    pointer: '/integration/operatorSettings/properties/bot_token',
  },
  {
    folder: 'operator-setting-env-collision',
    rule: 'operator-setting-env-collision',
    line: 42,
    column: 9,
    pointer: '/integration/operatorSettings/properties/botToken',
  },
  {
    folder: 'verification-code-property',
    rule: 'verification-code-property',
    line: 40,
    column: 23,
    pointer: '/integration/verification/codeProperty',
  },
  {
    folder: 'operator-settings-before-1-2',
    rule: 'schema/false',
    line: 38,
    column: 5,
    pointer: '/integration/operatorSettings',
  },
];

/** Rules whose fixtures are made at run time (git carries neither symlinks nor such files well). */
const RUNTIME_RULES = ['symlink', 'file-too-large', 'file-unreadable'];

describe('regsync validate: one fixture per rule', () => {
  it.each(TABLE)(
    '$folder: only $rule fires, at $line:$column',
    async ({ folder, rule, file = M, line, column, pointer }) => {
      const { code, report } = await jsonReport(
        ['validate', '.'],
        join(fixtures, 'invalid', folder),
      );
      const findings = report.files.flatMap((f) => f.findings);
      const severity = rule.startsWith('schema/')
        ? 'error'
        : RULE_CATALOG[rule as keyof typeof RULE_CATALOG].severity;
      expect(findings.map(({ message: _m, ...rest }) => rest)).toEqual([
        { file, line, column, pointer, rule, severity },
      ]);
      expect(findings[0]?.message.length).toBeGreaterThan(20);
      expect(code).toBe(severity === 'error' ? 1 : 0);
      expect(report.valid).toBe(severity !== 'error');
    },
  );

  it('covers every rule of the catalog', () => {
    const covered = new Set([...TABLE.map((t) => t.rule), ...RUNTIME_RULES]);
    expect(Object.keys(RULE_CATALOG).filter((r) => !covered.has(r))).toEqual([]);
  });
});

describe('regsync validate: symlinks, large and unreadable files (made at run time)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'regsync-validate-'));
    const valid = join(fixtures, 'valid/integrations/acme-crm/manifest.json');
    await mkdir(join(dir, 'integrations/acme-crm'), { recursive: true });
    await copyFile(valid, join(dir, 'integrations/acme-crm/manifest.json'));
    await mkdir(join(dir, 'integrations/linked'), { recursive: true });
    await symlink(
      join(dir, 'integrations/acme-crm/manifest.json'),
      join(dir, 'integrations/linked/manifest.json'),
    );
    await symlink(tmpdir(), join(dir, 'templates-link'));
    await mkdir(join(dir, 'integrations/huge'), { recursive: true });
    await writeFile(
      join(dir, 'integrations/huge/manifest.json'),
      `{"pad": "${'x'.repeat(MAX_MANIFEST_BYTES)}"}`,
    );
    await mkdir(join(dir, 'integrations/latin'), { recursive: true });
    await writeFile(
      join(dir, 'integrations/latin/manifest.json'),
      Buffer.from('{"name": "Caf\xe9"}', 'latin1'),
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports each as a file finding and still validates the rest', async () => {
    const { code, report } = await jsonReport(['validate', '.'], dir);
    expect(code).toBe(1);
    expect(
      report.files.map((f) => [f.file, f.findings.map((x) => `${x.rule}@${x.line}:${x.column}`)]),
    ).toEqual([
      ['integrations/linked/manifest.json', ['symlink@1:1']],
      ['templates-link', ['symlink@1:1']],
      ['integrations/acme-crm/manifest.json', []],
      ['integrations/huge/manifest.json', ['file-too-large@1:1']],
      ['integrations/latin/manifest.json', ['file-unreadable@1:1']],
    ]);
  });

  it('refuses a symlink given as the file to validate', async () => {
    const { code, report } = await jsonReport(
      ['validate', 'integrations/linked/manifest.json'],
      dir,
    );
    expect(code).toBe(1);
    expect(report.files[0]?.findings.map((f) => f.rule)).toEqual(['symlink']);
  });
});

describe('regsync validate: registries, files and formats', () => {
  it('passes the valid fixture registry (exit 0, text summary)', async () => {
    const { code, stdout } = await cli(['validate', 'test/fixtures/valid'], repo);
    expect(stdout).toBe('✔ 2 manifests valid\n');
    expect(code).toBe(0);
  });

  it('validates a single file with the folder checks of its parents', async () => {
    const path = 'test/fixtures/invalid/key-folder-mismatch/integrations/acme/manifest.json';
    const { code, stdout } = await cli(['validate', path], repo);
    expect(code).toBe(1);
    expect(stdout).toContain(
      `${path}\n  4:10  error    key is "acme-crm" but the folder is named "acme"`,
    );
    expect(stdout).toMatch(
      /key-folder-mismatch {2}at \/key\n\n✖ 1 problem \(1 error, 0 warnings\) in 1 file; 0 of 1 valid\n$/,
    );
  });

  it('skips the folder checks for a file outside integrations/ and templates/', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'regsync-single-'));
    try {
      await copyFile(
        join(fixtures, 'invalid/key-folder-mismatch/integrations/acme/manifest.json'),
        join(dir, 'draft.json'),
      );
      const { code, report } = await jsonReport(['validate', join(dir, 'draft.json')], repo);
      expect(report.files).toEqual([{ file: join(dir, 'draft.json'), valid: true, findings: [] }]);
      expect(code).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('validates several PATHs into one report, each file once', async () => {
    const { code, report } = await jsonReport(
      [
        'validate',
        'test/fixtures/valid',
        'test/fixtures/invalid/unknown-model',
        'test/fixtures/valid/templates/retail/manifest.json',
      ],
      repo,
    );
    expect(report.files.map((f) => [f.file, f.valid])).toEqual([
      ['test/fixtures/valid/integrations/acme-crm/manifest.json', true],
      ['test/fixtures/valid/templates/retail/manifest.json', true],
      ['test/fixtures/invalid/unknown-model/integrations/acme/manifest.json', false],
    ]);
    expect(report.counts).toEqual({ files: 3, invalidFiles: 1, errors: 1, warnings: 0 });
    expect(code).toBe(1);
  });

  it('defaults to the current folder', async () => {
    const { code, stdout } = await cli(['validate'], join(fixtures, 'valid'));
    expect([code, stdout]).toEqual([0, '✔ 2 manifests valid\n']);
  });

  it('exits 2 on a path that does not exist, a folder that is no registry, or an unknown format', async () => {
    const missing = await cli(['validate', 'no/such/path'], repo);
    expect([missing.code, missing.stderr]).toEqual([
      2,
      'regsync: no/such/path: no such file or folder\n',
    ]);
    expect((await cli(['validate', 'src'], repo)).code).toBe(2);
    const format = await cli(['validate', 'test/fixtures/valid', '--format', 'xml'], repo);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('Allowed choices are text, json, github');
  });

  it('prints GitHub annotations with --format github', async () => {
    const { code, stdout } = await cli(
      ['validate', 'test/fixtures/invalid/min-max', '--format', 'github'],
      repo,
    );
    expect(stdout).toBe(
      '::error file=test/fixtures/invalid/min-max/integrations/acme/manifest.json,line=21,col=26,title=min-max::"email" has minLength 5 greater than maxLength 2, so no value can pass; swap or fix them. (at /entityTypes/0/attributes/1/validation/minLength)\n',
    );
    expect(code).toBe(1);
  });
});

describe('regsync validate as a process (real exit codes)', () => {
  const exec = promisify(execFile);
  const bin = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await exec(
        process.execPath,
        [...CLI_FROM_SOURCES, 'validate', ...args],
        { cwd: repo },
      );
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  it('exits 0 for a valid registry', async () => {
    expect(await bin('test/fixtures/valid')).toMatchObject({
      code: 0,
      stdout: '✔ 2 manifests valid\n',
    });
  });

  it('exits 1 with an annotation line for an invalid fixture (github format)', async () => {
    const { code, stdout } = await bin('test/fixtures/invalid/unknown-model', '--format', 'github');
    expect(code).toBe(1);
    expect(stdout).toBe(
      '::error file=test/fixtures/invalid/unknown-model/integrations/acme/manifest.json,line=42,col=16,title=unknown-model::Model "acmeLead" is not listed in integration.models (known: acmeContact); add it there or fix the name. (at /mappings/0/model)\n',
    );
  });

  it('exits 2 on a usage error', async () => {
    const { code, stderr } = await bin('does-not-exist');
    expect(code).toBe(2);
    expect(stderr).toContain('does-not-exist: no such file or folder');
  });
});

describe('bundled registry', () => {
  it('every bundled manifest validates', async () => {
    const { code, report } = await jsonReport(['validate', 'registry'], repo);
    const problems = report.files.flatMap((f) =>
      f.findings
        .filter((x) => x.severity === 'error')
        .map((x) => `${x.file}:${x.line}:${x.column} ${x.rule} ${x.message}`),
    );
    expect(problems).toEqual([]);
    expect(code).toBe(0);
  });
});

describe('validator and mapping engine agree', () => {
  it("the engine's static pass finds nothing to skip in any manifest the validator accepts", async () => {
    const plugins = defaultPluginRegistry();
    const reports = await validatePaths(['registry', 'test/fixtures/valid'], repo);
    const problems: string[] = [];
    let mappings = 0;
    for (const report of reports) {
      const result = validateManifest({
        file: report.file,
        text: await readFile(join(repo, report.file), 'utf8'),
      });
      if (!result.success || result.manifest.kind !== 'integration') continue;
      for (const mapping of result.manifest.mappings ?? []) {
        const entityType = result.manifest.entityTypes.find((e) => e.key === mapping.entityType);
        if (!entityType)
          throw new Error(`${report.file}: validated, yet ${mapping.entityType} is unknown`);
        mappings++;
        for (const w of inspectMapping(mapping, entityType, plugins))
          problems.push(`${report.file} ${mapping.model}.${w.attribute}: ${w.rule} ${w.message}`);
      }
    }
    expect(problems).toEqual([]);
    expect(mappings).toBeGreaterThan(0);
  });
});

describe('docs/validation-rules.md', () => {
  it('documents every rule id with its severity, and every schema keyword', async () => {
    const doc = await readFile(join(repo, 'docs/validation-rules.md'), 'utf8');
    for (const [rule, { severity }] of Object.entries(RULE_CATALOG)) {
      const section = doc.split(`\n### \`${rule}\`\n`)[1]?.split('\n### ')[0];
      expect(section, `section for ${rule}`).toBeDefined();
      expect(section, `severity of ${rule}`).toContain(`Severity: ${severity}`);
    }
    for (const keyword of SCHEMA_KEYWORDS)
      expect(doc, `schema/${keyword}`).toContain(`\`schema/${keyword}\``);
  });
});
