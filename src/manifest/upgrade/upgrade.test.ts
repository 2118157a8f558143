import { describe, expect, it } from 'vitest';
import { manifestChecksum } from '../checksum.js';
import { validateManifest } from '../validateManifest.js';
import { upgradeDocument } from './upgradeDocument.js';
import { detectFormatting, rewriteManifestText } from './rewriteManifestText.js';
import { CURRENT_MANIFEST_VERSION, stepsFrom, UPGRADE_STEPS } from './upgradeSteps.js';

const v10 = {
  manifestVersion: '1.0',
  kind: 'integration',
  key: 'acme',
  name: 'Acme',
  description: 'Acme CRM.',
  tags: ['crm', 'sales'],
  integration: {
    provider: 'acme',
    category: 'data-source',
    syncDirection: 'inbound',
    authKind: 'api-key',
    models: [{ key: 'contact', entityType: 'contact' }],
    connectionConfig: {
      type: 'object',
      properties: { apiKey: { type: 'string', 'x-secret': true } },
      required: ['apiKey'],
    },
  },
  entityTypes: [
    {
      key: 'contact',
      displayName: 'Contact',
      readonly: true,
      attributes: [{ key: 'id', dataType: 'string' }],
    },
  ],
};

describe('upgrade steps', () => {
  it('chain from every supported version to the current one', () => {
    expect(CURRENT_MANIFEST_VERSION).toBe('1.2');
    expect(stepsFrom('1.0')?.map((s) => `${s.from}->${s.to}`)).toEqual(['1.0->1.1', '1.1->1.2']);
    expect(stepsFrom('1.1')?.map((s) => `${s.from}->${s.to}`)).toEqual(['1.1->1.2']);
    expect(stepsFrom('1.2')).toEqual([]);
    expect(stepsFrom('0.9')).toBeUndefined();
    for (const step of UPGRADE_STEPS) expect(step.summary.length).toBeGreaterThan(10);
  });

  it('upgrade a 1.0 document in memory, keeping key order, without touching the input', () => {
    const input = structuredClone(v10);
    const { doc, upgradedFrom } = upgradeDocument(input);
    expect(upgradedFrom).toBe('1.0');
    expect(input).toEqual(v10);
    expect(doc.manifestVersion).toBe('1.2');
    expect(Object.keys(doc.integration as object)).toEqual([
      'provider',
      'category',
      'syncDirection',
      'authKinds',
      'models',
      'connectionConfig',
    ]);
    expect((doc.integration as { authKinds: string[] }).authKinds).toEqual(['api-key']);
  });

  it('leave a current document and a template alone apart from the version', () => {
    const current = upgradeDocument(v10).doc;
    expect(upgradeDocument(current)).toEqual({ doc: current });
    const template = upgradeDocument({
      manifestVersion: '1.0',
      kind: 'template',
      key: 't',
      entityTypes: [],
    });
    expect(template.doc).toEqual({
      manifestVersion: '1.2',
      kind: 'template',
      key: 't',
      entityTypes: [],
    });
  });
});

describe('rewriteManifestText', () => {
  it('changes only what the step changes and keeps the author style (2 spaces, inline lists)', () => {
    const text = `${JSON.stringify(v10, null, 2).replace('[\n    "crm",\n    "sales"\n  ]', '["crm", "sales"]')}\n`;
    const result = rewriteManifestText(text);
    expect(result).toMatchObject({ from: '1.0', to: '1.2' });
    const before = text.split('\n');
    const after = result!.text.split('\n');
    expect(after).toHaveLength(before.length);
    const changed = after.flatMap((line, i) => (line === before[i] ? [] : [[before[i], line]]));
    expect(changed).toEqual([
      ['  "manifestVersion": "1.0",', '  "manifestVersion": "1.2",'],
      ['    "authKind": "api-key",', '    "authKinds": ["api-key"],'],
    ]);
  });

  it('keeps tabs and CRLF line endings', () => {
    const text = JSON.stringify(v10, null, '\t').replace(/\n/g, '\r\n');
    expect(detectFormatting(text)).toEqual({ insertSpaces: false, tabSize: 1, eol: '\r\n' });
    const result = rewriteManifestText(text)!;
    expect(result.text).not.toMatch(/[^\r]\n/);
    expect(result.text).toContain('\t\t"authKinds": [');
    expect(JSON.parse(result.text)).toEqual(upgradeDocument(v10).doc);
  });

  it('gives the same document, and so the same checksum, as the in-memory upgrade', () => {
    const text = JSON.stringify(v10, null, 4);
    const rewritten = rewriteManifestText(text)!.text;
    const fromFile = validateManifest({ file: 'integrations/acme/manifest.json', text: rewritten });
    const inMemory = validateManifest({ file: 'integrations/acme/manifest.json', text });
    expect(fromFile.success && inMemory.success).toBe(true);
    if (!fromFile.success || !inMemory.success) return;
    expect(fromFile.checksum).toBe(inMemory.checksum);
    expect(fromFile.upgradedFrom).toBeUndefined();
    expect(inMemory.upgradedFrom).toBe('1.0');
    expect(JSON.stringify(JSON.parse(rewritten))).toBe(JSON.stringify(inMemory.manifest));
    expect(fromFile.checksum).toBe(manifestChecksum(upgradeDocument(v10).doc));
  });

  it('is a no-op on a current file and refuses what it cannot read', () => {
    const current = JSON.stringify(upgradeDocument(v10).doc, null, 2);
    expect(rewriteManifestText(current)).toEqual({
      text: current,
      from: '1.2',
      to: '1.2',
      applied: [],
    });
    expect(rewriteManifestText('{ not json')).toBeUndefined();
    expect(rewriteManifestText('{"manifestVersion": "7.0"}')).toBeUndefined();
  });

  it('upgrades a 1.1 file to 1.2 by its version alone, and refuses operatorSettings or verification before 1.2', () => {
    const v11: Record<string, unknown> = { ...upgradeDocument(v10).doc, manifestVersion: '1.1' };
    const text = JSON.stringify(v11, null, 2);
    const result = rewriteManifestText(text)!;
    expect(result).toMatchObject({ from: '1.1', to: '1.2' });
    expect(result.text).toBe(text.replace('"manifestVersion": "1.1"', '"manifestVersion": "1.2"'));
    const early = validateManifest({
      file: 'integrations/acme/manifest.json',
      text: JSON.stringify(
        {
          ...v11,
          integration: {
            ...(v11.integration as object),
            operatorSettings: { type: 'object', properties: {} },
          },
        },
        null,
        2,
      ),
    });
    expect(early.success).toBe(false);
    if (!early.success)
      expect(early.findings.map((f) => f.pointer)).toContain('/integration/operatorSettings');
  });

  it('refuses a 1.1 file that still says authKind, and a 1.0 file that says authKinds', () => {
    const mixed = {
      ...upgradeDocument(v10).doc,
      integration: { ...v10.integration, authKinds: ['api-key'] },
    };
    const r11 = validateManifest({
      file: 'integrations/acme/manifest.json',
      text: JSON.stringify(mixed, null, 2),
    });
    expect(r11.success).toBe(false);
    if (!r11.success) expect(r11.findings.map((f) => f.pointer)).toContain('/integration/authKind');
    const r10 = validateManifest({
      file: 'integrations/acme/manifest.json',
      text: JSON.stringify(
        { ...v10, integration: { ...v10.integration, authKinds: ['x'] } },
        null,
        2,
      ),
    });
    expect(r10.success).toBe(false);
  });
});
