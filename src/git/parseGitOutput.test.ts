import { describe, expect, it } from 'vitest';
import {
  ancestorsOf,
  isKeyFolder,
  isManifestPath,
  parseDiffTreeRaw,
  parseLsRemote,
  parseLsTree,
} from './parseGitOutput.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

describe('parseLsRemote', () => {
  it('reads refs, peeled tags and symrefs', () => {
    const out = `ref: refs/heads/main\tHEAD\n${A}\tHEAD\n${A}\trefs/heads/main\n${B}\trefs/tags/v1\n${A}\trefs/tags/v1^{}\n`;
    const { refs, symrefs } = parseLsRemote(out);
    expect(symrefs.get('HEAD')).toBe('refs/heads/main');
    expect(refs.get('refs/heads/main')).toBe(A);
    expect(refs.get('refs/tags/v1')).toBe(B);
    expect(refs.get('refs/tags/v1^{}')).toBe(A);
  });
});

describe('parseLsTree', () => {
  it('reads modes, types, sizes and paths with odd characters', () => {
    const out = `100644 blob ${A}     120\tintegrations/x/manifest.json\u0000120000 blob ${B}      11\tintegrations/y\u0000160000 commit ${A}       -\tvendor/sub\u0000100644 blob ${B}       3\tweird\tname\nwith newline\u0000`;
    expect(parseLsTree(out)).toEqual([
      { mode: '100644', type: 'blob', oid: A, size: 120, path: 'integrations/x/manifest.json' },
      { mode: '120000', type: 'blob', oid: B, size: 11, path: 'integrations/y' },
      { mode: '160000', type: 'commit', oid: A, size: undefined, path: 'vendor/sub' },
      { mode: '100644', type: 'blob', oid: B, size: 3, path: 'weird\tname\nwith newline' },
    ]);
  });
  it('reads empty output as no entries', () => expect(parseLsTree('')).toEqual([]));
});

describe('parseDiffTreeRaw', () => {
  it('reads statuses, modes, the new object and paths', () => {
    const out = `:000000 100644 ${'0'.repeat(40)} ${A} A\u0000integrations/a/manifest.json\u0000:100644 120000 ${A} ${B} T\u0000integrations/b/manifest.json\u0000:100644 000000 ${A} ${'0'.repeat(40)} D\u0000templates/c/manifest.json\u0000:100644 100644 ${A} ${B} M\u0000README.md\u0000`;
    expect(parseDiffTreeRaw(out)).toEqual([
      {
        oldMode: '000000',
        newMode: '100644',
        newOid: A,
        status: 'A',
        path: 'integrations/a/manifest.json',
      },
      {
        oldMode: '100644',
        newMode: '120000',
        newOid: B,
        status: 'T',
        path: 'integrations/b/manifest.json',
      },
      {
        oldMode: '100644',
        newMode: '000000',
        newOid: '0'.repeat(40),
        status: 'D',
        path: 'templates/c/manifest.json',
      },
      { oldMode: '100644', newMode: '100644', newOid: B, status: 'M', path: 'README.md' },
    ]);
  });
});

describe('manifest paths', () => {
  it.each(['integrations/salesforce/manifest.json', 'templates/crm/manifest.json'])(
    '%s is a manifest',
    (p) => expect(isManifestPath(p)).toBe(true),
  );
  it.each([
    'integrations/manifest.json',
    'integrations/a/b/manifest.json',
    'other/a/manifest.json',
    'integrations/a/manifest.jsonc',
  ])('%s is not', (p) => expect(isManifestPath(p)).toBe(false));
  it('knows key folders and ancestors', () => {
    expect(isKeyFolder('integrations/a')).toBe(true);
    expect(isKeyFolder('integrations')).toBe(false);
    expect(ancestorsOf('a/b/c')).toEqual(['a', 'a/b']);
  });
});
