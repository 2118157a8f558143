import { describe, expect, it } from 'vitest';
import type { DiffReport, ManifestChange } from './ManifestChange.js';
import { DIFF_MARKER, FOLD_ROWS } from './formatDiffMarkdown.js';
import { formatDiff } from './formatDiff.js';

const change = (
  over: Partial<ManifestChange> & Pick<ManifestChange, 'rule' | 'path'>,
): ManifestChange => ({
  manifest: { key: 'acme', kind: 'integration' },
  area: 'attribute',
  kind: 'removed',
  severity: 'breaking',
  reason: 'Attribute "fax" (string) was removed: stored values and queries that read it are lost.',
  ...over,
});

const report = (
  changes: ManifestChange[],
  undiffable: DiffReport['undiffable'] = [],
): DiffReport => ({
  base: 'origin/main',
  head: 'HEAD',
  changes,
  undiffable,
});

const removed = change({ rule: 'attribute-removed', path: 'entityTypes/contact/attributes/fax' });
const added = change({
  manifest: { key: 'shop', kind: 'template' },
  rule: 'attribute-added',
  path: 'entityTypes/order/attributes/note',
  kind: 'added',
  severity: 'compatible',
  reason: 'New optional attribute "note" (string).',
});

describe('formatDiff markdown', () => {
  it('opens with the marker and a summary, the breaking section before the per-manifest tables', () => {
    const md = formatDiff(report([removed, added]), 'markdown');
    const lines = md.split('\n');
    expect(lines[0]).toBe(DIFF_MARKER);
    expect(lines[1]).toBe('### Regsync registry diff');
    expect(lines[3]).toBe(
      '**1 breaking**, 1 compatible change(s) in 2 manifest(s) between origin/main and HEAD.',
    );
    const breaking = md.indexOf('#### ⚠️ Breaking changes (1)');
    const perManifest = md.indexOf('#### Changes by manifest');
    expect(breaking).toBeGreaterThan(0);
    expect(perManifest).toBeGreaterThan(breaking);
    expect(md).toContain(
      '| `integration acme` | attribute removed | `entityTypes/contact/attributes/fax` | Attribute "fax" (string) was removed: stored values and queries that read it are lost. |',
    );
    expect(md).toContain('**integration acme**: 1 breaking, 0 compatible');
    expect(md).toContain(
      '| ✅ | optional attribute added | `entityTypes/order/attributes/note` | New optional attribute "note" (string). |',
    );
    expect(md).not.toContain('<details>');
    expect(md.endsWith('\n')).toBe(true);
  });

  it('has no breaking section when nothing breaks, and says so when nothing changed', () => {
    expect(formatDiff(report([added]), 'markdown')).not.toContain('Breaking');
    expect(formatDiff(report([]), 'markdown')).toBe(
      `${DIFF_MARKER}\n### Regsync registry diff\n\nNo manifest changes between origin/main and HEAD.\n`,
    );
  });

  it('folds tables longer than FOLD_ROWS into <details>', () => {
    const many = Array.from({ length: FOLD_ROWS + 1 }, (_, i) => ({
      ...removed,
      path: `entityTypes/contact/attributes/a${String(i).padStart(2, '0')}`,
    }));
    const md = formatDiff(report(many), 'markdown');
    expect(md).toContain(
      `<details><summary>${FOLD_ROWS + 1} breaking change(s)</summary>\n\n| Manifest |`,
    );
    expect(md).toContain(
      `<details><summary>${FOLD_ROWS + 1} change(s) in integration acme</summary>`,
    );
    expect(md.match(/<\/details>/g)).toHaveLength(2);
  });

  it('escapes pipes, HTML and newlines from reasons so a value cannot break the table', () => {
    const evil = change({
      rule: 'attribute-enum-value-removed',
      path: 'entityTypes/contact/attributes/status/enumValues',
      reason: 'Enum value(s) "a|b", "<img src=x>"\nremoved.',
    });
    const md = formatDiff(report([evil]), 'markdown');
    expect(md).toContain('"a\\|b", "&lt;img src=x&gt;" removed.');
    expect(md).not.toContain('<img');
  });

  it('lists manifests that could not be diffed', () => {
    const md = formatDiff(
      report(
        [],
        [
          {
            file: 'integrations/bad/manifest.json',
            side: 'head',
            messages: ['3:5 schema/type: oops'],
          },
        ],
      ),
      'markdown',
    );
    expect(md).toContain('#### ❌ Not diffed (1)');
    expect(md).toContain('- `integrations/bad/manifest.json` (head): 3:5 schema/type: oops');
  });
});

describe('formatDiff text and json', () => {
  it('text: a summary line, then each manifest with its changes', () => {
    expect(formatDiff(report([removed, added]), 'text')).toBe(
      [
        'regsync diff: 1 breaking, 1 compatible change(s) in 2 manifest(s) between origin/main and HEAD.',
        '',
        'integration acme',
        '  BREAKING    attribute removed  entityTypes/contact/attributes/fax',
        '              Attribute "fax" (string) was removed: stored values and queries that read it are lost.',
        '',
        'template shop',
        '  compatible  optional attribute added  entityTypes/order/attributes/note',
        '              New optional attribute "note" (string).',
        '',
      ].join('\n'),
    );
  });

  it('json: the changes as data with a summary', () => {
    const json = JSON.parse(formatDiff(report([removed, added]), 'json')) as Record<
      string,
      unknown
    >;
    expect(json).toEqual({
      base: 'origin/main',
      head: 'HEAD',
      summary: { breaking: 1, compatible: 1, manifests: 2, undiffable: 0 },
      changes: [removed, added],
      undiffable: [],
    });
  });
});
