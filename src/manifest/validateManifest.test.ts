import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { upgradeDocument } from './upgrade/upgradeDocument.js';
import { manifestChecksum } from './checksum.js';
import { MAX_MANIFEST_BYTES, validateManifest } from './validateManifest.js';
import { smallIntegration } from './testing/smallIntegration.js';

const FILE = 'integrations/acme/manifest.json';
const folder = { kindFolder: 'integrations' as const, name: 'acme' };

/** A small valid integration; tests mutate a fresh copy. */
const integration = () =>
  smallIntegration({
    attributes: [
      { key: 'id', dataType: 'string', required: true },
      { key: 'email', dataType: 'string' },
    ],
    fields: { id: { source: 'id' }, email: { source: 'email' } },
  });

const run = (doc: unknown, options?: Parameters<typeof validateManifest>[1]) =>
  validateManifest({ file: FILE, text: JSON.stringify(doc, null, 2), folder }, options);
const rules = (doc: unknown, options?: Parameters<typeof validateManifest>[1]) =>
  run(doc, options).findings.map((f) => f.rule);

describe('validateManifest', () => {
  it('returns the manifest in the current format and its checksum on success', () => {
    const doc = integration();
    const result = run(doc);
    const upgraded = upgradeDocument(doc).doc;
    expect(result).toEqual({
      success: true,
      manifest: upgraded,
      checksum: manifestChecksum(upgraded),
      findings: [],
      upgradedFrom: '1.0',
    });
    expect(upgraded).toMatchObject({
      manifestVersion: '1.2',
      integration: { authKinds: [doc.integration.authKind] },
    });
  });

  it('returns a manifest already in the current format as it is', () => {
    const doc = upgradeDocument(integration()).doc;
    expect(run(doc)).toEqual({
      success: true,
      manifest: doc,
      checksum: manifestChecksum(doc),
      findings: [],
    });
  });

  it('gives the same checksum however the file is formatted or its keys ordered', () => {
    const reorder = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reorder)
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reorder(x)]),
            )
          : v;
    const a = validateManifest({ file: FILE, text: JSON.stringify(integration()), folder });
    const b = validateManifest({
      file: FILE,
      text: JSON.stringify(reorder(integration()), null, '\t'),
      folder,
    });
    if (!a.success || !b.success) throw new Error('expected both to validate');
    expect(b.checksum).toBe(a.checksum);
    const changed = integration();
    changed.name = 'Acme 2';
    const c = validateManifest({ file: FILE, text: JSON.stringify(changed), folder });
    expect(c.success && c.checksum).not.toBe(a.checksum);
  });

  it('succeeds with warnings only', () => {
    const doc = integration();
    delete doc.mappings[0].fields.id;
    const result = run(doc);
    expect(result.success).toBe(true);
    expect(result.findings.map((f) => [f.rule, f.severity])).toEqual([
      ['required-attribute-unmapped', 'warning'],
    ]);
  });

  it('refuses more than 1 MiB before parsing, on the byte length', () => {
    const text = `{"x": "${'é'.repeat(MAX_MANIFEST_BYTES / 2)}"}`; // fewer characters than bytes
    expect(text.length).toBeLessThan(MAX_MANIFEST_BYTES);
    const result = validateManifest({ file: FILE, text });
    expect(result.findings.map((f) => [f.rule, f.line, f.column])).toEqual([
      ['file-too-large', 1, 1],
    ]);
    expect(
      validateManifest({ file: FILE, text: '{', bytes: MAX_MANIFEST_BYTES + 1 }).findings.map(
        (f) => f.rule,
      ),
    ).toEqual(['file-too-large']);
  });

  it('checks manifestVersion before the schema, and stops there', () => {
    const doc = integration();
    doc.manifestVersion = '2.0';
    doc.extra = true;
    expect(rules(doc)).toEqual(['manifest-version-unsupported']);
    expect(run({ ...integration(), manifestVersion: 1 }).findings[0]?.message).toMatch(
      /manifestVersion 1 is not supported.*supported: 1\.0/,
    );
  });

  it('reports a missing or unknown kind without guessing a schema', () => {
    const doc = integration();
    delete doc.kind;
    expect(rules(doc)).toEqual(['schema/required']);
    expect(rules({ ...integration(), kind: 'plugin' })).toEqual(['schema/enum']);
  });

  it('reports a top-level value that is not an object', () => {
    expect(validateManifest({ file: FILE, text: '[1, 2]' }).findings.map((f) => f.rule)).toEqual([
      'schema/type',
    ]);
  });

  it('reports schema and semantic findings together, sorted by position', () => {
    const doc = integration();
    doc.name = 5;
    doc.mappings[0].fields.phone = { source: 'phone' };
    const result = run(doc);
    expect(result.success).toBe(false);
    expect(result.findings.map((f) => f.rule)).toEqual(['schema/type', 'unknown-attribute']);
    const positions = result.findings.map((f) => f.line * 1000 + f.column);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('keeps duplicate-key findings and still validates the rest', () => {
    const text = JSON.stringify(integration(), null, 2).replace(
      '"name": "Acme",',
      '"name": "Acme",\n  "name": "Acme 2",\n  "bogus": 1,',
    );
    const result = validateManifest({ file: FILE, text, folder });
    expect(result.findings.map((f) => [f.rule, f.line])).toEqual([
      ['json-duplicate-key', 6],
      ['schema/unevaluatedProperties', 7],
    ]);
  });

  it('passes the folder to the folder rules only when given', () => {
    const doc = { ...integration(), key: 'other' };
    expect(rules(doc)).toEqual(['key-folder-mismatch']);
    expect(validateManifest({ file: FILE, text: JSON.stringify(doc) }).success).toBe(true);
  });

  it('warns about unknown plugins only when the caller passes the registered ones', () => {
    const doc = integration();
    doc.mappings[0].fields.email = { source: 'email', transforms: [{ plugin: 'nope' }] };
    expect(rules(doc)).toEqual([]);
    const plugins = new Map([['email-domain', { output: 'string' as const }]]);
    const result = run(doc, { plugins });
    expect(result.success).toBe(true);
    expect(result.findings.map((f) => [f.rule, f.pointer])).toEqual([
      ['plugin-unknown', '/mappings/0/fields/email/transforms/0/plugin'],
    ]);
    expect(result.findings[0]?.message).toContain('registered: email-domain');
  });

  it("uses a plugin's declared output for type checks", () => {
    const doc = integration();
    doc.mappings[0].fields.email = { source: 'email', transforms: [{ plugin: 'count-words' }] };
    expect(
      rules(doc, { plugins: new Map([['count-words', { output: 'integer' as const }]]) }),
    ).toEqual(['transform-type-mismatch']);
    expect(rules(doc, { plugins: new Map([['count-words', { output: 'any' as const }]]) })).toEqual(
      [],
    );
    // json means any JSON value: nothing certain
    expect(
      rules(doc, { plugins: new Map([['count-words', { output: 'json' as const }]]) }),
    ).toEqual([]);
  });

  it("runs a registered plugin's own options check", () => {
    const doc = integration();
    doc.mappings[0].fields.email = {
      source: 'name',
      transforms: [{ plugin: 'split-full-name', options: { part: 'middle' } }],
    };
    const checkOptions = (options: Readonly<Record<string, unknown>>) =>
      options.part === 'first' || options.part === 'last'
        ? undefined
        : '"part" must be "first" or "last"';
    const plugins = new Map([['split-full-name', { output: 'string' as const, checkOptions }]]);
    const result = run(doc, { plugins });
    expect(result.findings.map((f) => [f.rule, f.pointer, f.severity])).toEqual([
      ['plugin-options-invalid', '/mappings/0/fields/email/transforms/0/options', 'error'],
    ]);
    expect(result.findings[0]?.message).toContain('"part" must be "first" or "last"');
    // absent options are checked as {} (what the engine passes), and reported at the plugin name
    doc.mappings[0].fields.email = { source: 'name', transforms: [{ plugin: 'split-full-name' }] };
    expect(run(doc, { plugins }).findings.map((f) => f.pointer)).toEqual([
      '/mappings/0/fields/email/transforms/0/plugin',
    ]);
    doc.mappings[0].fields.email = {
      source: 'name',
      transforms: [{ plugin: 'split-full-name', options: { part: 'last' } }],
    };
    expect(run(doc, { plugins }).success).toBe(true);
    // a check that throws is a finding, not a crash
    const throwing = new Map([
      [
        'split-full-name',
        {
          output: 'string' as const,
          checkOptions: () => {
            throw new Error('boom');
          },
        },
      ],
    ]);
    expect(run(doc, { plugins: throwing }).findings.map((f) => f.rule)).toEqual([
      'plugin-options-invalid',
    ]);
  });

  it('never throws, whatever JSON it is given (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = validateManifest({
          file: FILE,
          text: JSON.stringify(value) ?? 'null',
          folder,
        });
        expect(Array.isArray(result.findings)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on a valid manifest with random parts replaced (property)', () => {
    const paths: string[][] = [
      ['entityTypes'],
      ['entityTypes', '0'],
      ['entityTypes', '0', 'attributes'],
      ['entityTypes', '0', 'attributes', '0'],
      ['integration'],
      ['integration', 'models'],
      ['integration', 'connectionConfig'],
      ['integration', 'connectionConfig', 'properties'],
      ['mappings'],
      ['mappings', '0'],
      ['mappings', '0', 'fields'],
      ['mappings', '0', 'fields', 'id'],
      ['mappings', '0', 'fields', 'id', 'source'],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (path, replacement) => {
        const doc = integration();
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        let node: any = doc;
        for (const key of path.slice(0, -1)) node = node[key];
        node[path[path.length - 1]!] = replacement;
        const result = run(doc);
        expect(Array.isArray(result.findings)).toBe(true);
        for (const f of result.findings) expect(f.line).toBeGreaterThan(0);
      }),
      { numRuns: 400 },
    );
  });
});
