import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/CliIo.js';
import { runCli } from '../../src/cli/program.js';
import { CLI_FROM_SOURCES } from '../helpers/cli.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  lines: Array<{
    index: number;
    ok: boolean;
    attributes: Record<string, unknown>;
    findings: Array<{ rule: string; severity: string }>;
  }>;
}

async function cli(
  args: string[],
  options: { stdin?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stdin: Readable.from([Buffer.from(options.stdin ?? '')]),
    isTty: false,
    env: options.env ?? {},
    cwd: options.cwd ?? dir,
  };
  const code = await runCli(args, io);
  let lines: Run['lines'] = [];
  try {
    lines = stdout
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Run['lines'][number]);
  } catch {
    // not NDJSON (a --json document printed over several lines): read stdout instead
  }
  return { code, stdout, stderr, lines };
}

/** A small valid integration manifest with one mapping, written to a temp folder. */
const manifest = {
  manifestVersion: '1.0',
  kind: 'integration',
  key: 'acme',
  name: 'Acme',
  description: 'Test integration for regsync map.',
  integration: {
    provider: 'acme',
    category: 'data-source',
    syncDirection: 'inbound',
    authKind: 'api-key',
    models: [{ key: 'person', entityType: 'person' }],
    connectionConfig: {
      type: 'object',
      properties: { apiKey: { type: 'string', 'x-secret': true } },
      required: ['apiKey'],
    },
  },
  entityTypes: [
    {
      key: 'person',
      displayName: 'Person',
      readonly: true,
      primaryKey: 'id',
      attributes: [
        { key: 'id', dataType: 'string', required: true },
        { key: 'age', dataType: 'integer' },
        { key: 'email', dataType: 'string', validation: { format: 'email' } },
      ],
    },
  ],
  mappings: [
    {
      model: 'person',
      entityType: 'person',
      fields: {
        id: { source: 'id', transforms: [{ coerce: 'string' }] },
        age: { source: 'age', transforms: [{ coerce: 'integer' }] },
        email: { source: '$.contact.email', transforms: [{ string: 'lower' }] },
      },
    },
  ],
};

let dir: string;
let manifestFile: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'regsync-map-'));
  mkdirSync(join(dir, 'reg', 'integrations', 'acme'), { recursive: true });
  manifestFile = join(dir, 'reg', 'integrations', 'acme', 'manifest.json');
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...manifest, entityTypes: 'nope' }));
  writeFileSync(
    join(dir, 'records.json'),
    JSON.stringify([
      { id: 1, age: '30', contact: { email: 'A@B.CO' } },
      { id: 2, age: 'old' },
    ]),
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('regsync map', () => {
  it('maps an array document from --input, one JSON line per record', async () => {
    const run = await cli([
      'map',
      '--manifest',
      manifestFile,
      '--model',
      'person',
      '--input',
      'records.json',
    ]);
    expect(run.code).toBe(0);
    expect(run.lines).toEqual([
      { index: 0, ok: true, attributes: { id: '1', age: 30, email: 'a@b.co' }, findings: [] },
      {
        index: 1,
        ok: true,
        attributes: { id: '2' },
        findings: [
          {
            attribute: 'age',
            source: 'age',
            rule: 'coerce-failed',
            message: 'cannot coerce "old" to integer',
            severity: 'warning',
          },
        ],
      },
    ]);
  });

  it('exits 1 in strict mode when a record fails', async () => {
    const run = await cli([
      'map',
      '--manifest',
      manifestFile,
      '--model',
      'person',
      '--input',
      'records.json',
      '--strict',
    ]);
    expect(run.code).toBe(1);
    expect(run.lines.map((l) => l.ok)).toEqual([true, false]);
    expect(run.lines[1]?.findings[0]).toMatchObject({ rule: 'coerce-failed', severity: 'error' });
  });

  it('reads NDJSON and single objects from stdin', async () => {
    const ndjson = await cli(['map', '--manifest', manifestFile, '--model', 'person'], {
      stdin: '{"id":"a"}\n\n{"id":"b","age":4}\nnot json\n',
    });
    expect(ndjson.lines.map((l) => [l.index, l.ok, l.attributes])).toEqual([
      [0, true, { id: 'a' }],
      [1, true, { id: 'b', age: 4 }],
      [2, false, {}],
    ]);
    expect(ndjson.lines[2]?.findings[0]?.rule).toBe('input-invalid-json');
    expect(ndjson.code).toBe(1);
    const single = await cli(
      ['map', '--manifest', manifestFile, '--model', 'person', '--input', '-'],
      { stdin: '{"id": 5}' },
    );
    expect(single.code).toBe(0);
    expect(single.lines).toEqual([{ index: 0, ok: true, attributes: { id: '5' }, findings: [] }]);
  });

  it('resolves a key in REGSYNC_REGISTRY, else in the bundled registry', async () => {
    const local = await cli(['map', '--manifest', 'acme', '--model', 'person'], {
      stdin: '{"id":1}',
      env: { REGSYNC_REGISTRY: join(dir, 'reg') },
    });
    expect(local.code).toBe(0);
    expect(local.lines[0]?.attributes).toEqual({ id: '1' });
    const remote = await cli(['map', '--manifest', 'acme', '--model', 'person'], {
      stdin: '{}',
      env: { REGSYNC_REGISTRY: 'https://github.com/x/y.git' },
    });
    expect(remote.code).toBe(2);
    expect(remote.stderr).toMatch(/no integration "acme"/);
    const bundled = await cli(['map', '--manifest', 'hubspot', '--model', 'contact'], {
      stdin: '{"id":"9","properties":{"email":"X@Y.io"}}',
    });
    expect(bundled.stderr).toBe('');
    expect(bundled.lines[0]?.attributes).toMatchObject({ id: '9', email: 'x@y.io' });
  });

  it('lists the models on an unknown model (exit 2)', async () => {
    const run = await cli(['map', '--manifest', manifestFile, '--model', 'robot'], { stdin: '{}' });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no mapping for model "robot"; models: person/);
  });

  it('prints the findings of an invalid manifest to stderr (exit 1)', async () => {
    const run = await cli(['map', '--manifest', 'bad.json', '--model', 'person'], { stdin: '{}' });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/bad\.json/);
    expect(run.stderr).toMatch(/error/i);
  });

  it('is a usage error without --model, or with a missing manifest', async () => {
    expect((await cli(['map', '--manifest', manifestFile])).code).toBe(2);
    expect((await cli(['map', '--manifest', 'no/such/file.json', '--model', 'x'])).code).toBe(2);
    expect(
      (
        await cli([
          'map',
          '--manifest',
          manifestFile,
          '--model',
          'person',
          '--input',
          'missing.json',
        ])
      ).code,
    ).toBe(2);
  });

  it('prints one JSON document with --json or --format json', async () => {
    for (const flag of [['--json'], ['--format', 'json']]) {
      const run = await cli(['map', '--manifest', manifestFile, '--model', 'person', ...flag], {
        stdin: '[{"id":1},{"id":2,"age":"old"}]',
      });
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      const doc = JSON.parse(run.stdout) as Record<string, unknown>;
      expect(doc).toMatchObject({
        model: 'person',
        mode: 'lenient',
        summary: { records: 2, ok: 2, failed: 0, skipped: 0 },
        warnings: [],
        results: [
          { index: 0, ok: true, attributes: { id: '1' }, findings: [] },
          { index: 1, ok: true, attributes: { id: '2' }, findings: [{ rule: 'coerce-failed' }] },
        ],
      });
    }
    const invalid = await cli(['map', '--manifest', 'bad.json', '--model', 'person', '--json'], {
      stdin: '{}',
    });
    expect(invalid.code).toBe(1);
    expect(JSON.parse(invalid.stdout)).toMatchObject({ valid: false });
  });

  it('refuses a manifest whose plugin options are invalid, as regsync validate does', async () => {
    const file = join(
      root,
      'test/fixtures/invalid/plugin-options-invalid/integrations/acme/manifest.json',
    );
    const run = await cli(['map', '--manifest', file, '--model', 'acmeContact'], {
      stdin: '{"id":"1","name":"Ann Lee"}',
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/plugin-options-invalid/);
  });

  it('maps a bundled vendor response: envelopes, skipped records and the lenient key rule', async () => {
    const zendesk = await cli(['map', '--manifest', 'zendesk', '--model', 'ticket'], {
      stdin: JSON.stringify({ tickets: [{ id: 1, subject: 'a', status: 'open' }, { id: 2 }] }),
    });
    expect(zendesk.lines.map((l) => [l.index, l.attributes.id])).toEqual([
      [0, '1'],
      [1, '2'],
    ]);
    const graph = await cli(['map', '--manifest', 'office365-mail', '--model', 'message'], {
      stdin: '{"id":"AAMk","@removed":{"reason":"deleted"}}',
    });
    expect(graph.code).toBe(0);
    expect(graph.lines[0]).toMatchObject({ ok: true, skipped: true, attributes: {} });
    const stripeAsHubspot = await cli(['map', '--manifest', 'hubspot', '--model', 'contact'], {
      stdin: '{"object":"charge","amount":100}',
    });
    expect(stripeAsHubspot.code).toBe(1);
    expect(stripeAsHubspot.lines[0]?.ok).toBe(false);
  });

  it('runs as a real process: regsync map', () => {
    const input = readFileSync(join(dir, 'records.json'), 'utf8');
    const child = spawnSync(
      process.execPath,
      [...CLI_FROM_SOURCES, 'map', '--manifest', manifestFile, '--model', 'person', '--strict'],
      {
        input,
        encoding: 'utf8',
        cwd: dir,
        env: { ...process.env, REGSYNC_REGISTRY: '' },
      },
    );
    expect(child.status).toBe(1);
    const lines = child.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { index: number; ok: boolean });
    expect(lines.map((l) => [l.index, l.ok])).toEqual([
      [0, true],
      [1, false],
    ]);
  });
});
