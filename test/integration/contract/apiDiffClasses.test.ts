/**
 * The breaking-change check of the HTTP API: one fixture pair per class of change
 * (test/fixtures/api-diff/<case>/{base,head}.json), each classified exactly, through the
 * pure diff and through `regsync api-diff` (exit code and the `--json` document).
 */
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { diffApiDocuments, readApiDocument } from '../../../src/contract/index.js';
import { cli } from '../diff/runCliCaptured.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const FIXTURES = join(ROOT, 'test/fixtures/api-diff');

/** Every change of the pair, as `severity rule operation [location]`, in report order. */
const EXPECTED: Record<string, string[]> = {
  'removed-operation': ['breaking operation-removed GET /api/v1/items/{key}'],
  'removed-field': [
    'breaking response-field-removed GET /api/v1/items [response 200 application/json /items/[]/displayName]',
    'breaking response-field-removed GET /api/v1/items/{key} [response 200 application/json /displayName]',
  ],
  'retyped-field': [
    'breaking response-field-retyped GET /api/v1/items [response 200 application/json /items/[]/count]',
    'breaking response-field-retyped GET /api/v1/items/{key} [response 200 application/json /count]',
  ],
  'retyped-parameter': [
    'breaking parameter-retyped GET /api/v1/items [query limit]',
    'compatible parameter-relaxed GET /api/v1/items [query limit]',
    'compatible parameter-relaxed GET /api/v1/items [query limit]',
  ],
  'new-required-parameter': [
    'breaking parameter-added-required GET /api/v1/items [query workspace]',
  ],
  'new-required-body-property': [
    'breaking request-field-added-required POST /api/v1/items/{key}/map [request application/json /model]',
  ],
  'narrowed-enum': [
    'breaking request-field-constrained POST /api/v1/items/{key}/map [request application/json /mode]',
  ],
  'compatible-additions': [
    'compatible version-changed (document) [info.version]',
    'compatible parameter-added-optional GET /api/v1/items [query q]',
    'compatible parameter-relaxed GET /api/v1/items [query state]',
    'compatible response-field-added GET /api/v1/items [response 200 application/json /items/[]/tags]',
    'compatible response-field-added GET /api/v1/items/{key} [response 200 application/json /tags]',
    'compatible response-status-added GET /api/v1/items/{key} [response 304]',
    'compatible operation-added GET /api/v1/items/{key}/history',
    'compatible request-field-added-optional POST /api/v1/items/{key}/map [request application/json /dryRun]',
  ],
};

const side = (name: string, which: 'base' | 'head') => join(FIXTURES, name, `${which}.json`);

describe('api-diff fixture pairs', () => {
  it('every fixture folder has its expectation here, and every expectation a folder', () => {
    const folders = readdirSync(FIXTURES, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(folders).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s', async (name, expected) => {
    const [base, head] = [
      await readApiDocument(side(name, 'base')),
      await readApiDocument(side(name, 'head')),
    ];
    const report = diffApiDocuments(base, head, { base: 'base', head: 'head' });
    expect(
      report.changes.map(
        (c) => `${c.severity} ${c.rule} ${c.operation}${c.location ? ` [${c.location}]` : ''}`,
      ),
    ).toEqual(expected);
    // No pair is empty (an empty report would pass any table of breaking rules).
    expect(report.changes.length).toBeGreaterThan(0);
    // A document compared with itself has no changes.
    expect(diffApiDocuments(head, head, { base: 'head', head: 'head' }).changes).toEqual([]);
  });

  // A 304 removed is not breaking: only a lost 2xx answer fails a client.
  it('the compatible additions, read backwards, are breaking', async () => {
    const base = await readApiDocument(side('compatible-additions', 'base'));
    const head = await readApiDocument(side('compatible-additions', 'head'));
    const rules = diffApiDocuments(head, base, { base: 'head', head: 'base' })
      .changes.filter((c) => c.severity === 'breaking')
      .map((c) => c.rule)
      .sort();
    expect(rules).toEqual([
      'operation-removed',
      'parameter-constrained',
      'parameter-removed',
      'request-field-removed',
      'response-field-removed',
      'response-field-removed',
    ]);
  });
});

describe('regsync api-diff', () => {
  const run = (name: string, ...extra: string[]) =>
    cli(['api-diff', side(name, 'base'), side(name, 'head'), ...extra], { cwd: ROOT });

  it('--json prints { base, head, changes, summary } and exits 1 on a breaking change', async () => {
    const r = await run('new-required-parameter', '--json');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({
      base: side('new-required-parameter', 'base'),
      head: side('new-required-parameter', 'head'),
      changes: [
        {
          rule: 'parameter-added-required',
          severity: 'breaking',
          operation: 'GET /api/v1/items',
          location: 'query workspace',
          detail: '',
        },
      ],
      summary: { breaking: 1, compatible: 0 },
    });
    const same = await run('new-required-parameter', '--format', 'json');
    expect(same.stdout).toBe(r.stdout);
  });

  it('exits 0 on compatible changes, and with --allow-breaking says what it allowed', async () => {
    const compatible = await run('compatible-additions', '--json');
    expect(compatible.code).toBe(0);
    expect(JSON.parse(compatible.stdout)).toMatchObject({
      summary: { breaking: 0, compatible: 8 },
    });
    const allowed = await run('removed-operation', '--allow-breaking');
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain(
      'BREAKING   GET /api/v1/items/{key}: operation removed (clients calling it get 404 or 405) [operation-removed]',
    );
    expect(allowed.stderr).toBe(
      'regsync api-diff: 1 breaking change(s) allowed by --allow-breaking\n',
    );
  });

  it('a file that is not an OpenAPI document is a usage error naming it (exit 2)', async () => {
    const r = await cli(['api-diff', side('removed-field', 'base'), 'package.json', '--json'], {
      cwd: ROOT,
    });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('package.json: not an OpenAPI document');
  });
});
