import { describe, expect, it } from 'vitest';
import type { RawChange } from './parseGitOutput.js';
import { toManifestChanges } from './toManifestChanges.js';

const FILE = '100644';
const LINK = '120000';
const NONE = '000000';
const c = (
  status: RawChange['status'],
  path: string,
  oldMode: string,
  newMode: string,
): RawChange => ({ status, path, oldMode, newMode, newOid: 'a'.repeat(40) });

describe('toManifestChanges', () => {
  it('keeps manifest paths only and maps A/M/D/T', () => {
    expect(
      toManifestChanges([
        c('A', 'integrations/a/manifest.json', NONE, FILE),
        c('M', 'integrations/b/manifest.json', FILE, FILE),
        c('D', 'templates/c/manifest.json', FILE, NONE),
        c('T', 'integrations/d/manifest.json', FILE, LINK),
        c('M', 'README.md', FILE, FILE),
        c('A', 'integrations/a/logo.svg', NONE, FILE),
        c('A', 'integrations/a/nested/manifest.json', NONE, FILE),
      ]),
    ).toEqual([
      { path: 'integrations/a/manifest.json', status: 'added' },
      { path: 'integrations/b/manifest.json', status: 'modified' },
      { path: 'integrations/d/manifest.json', status: 'modified' },
      { path: 'templates/c/manifest.json', status: 'deleted' },
    ]);
  });

  it('a manifest hidden by a folder that became a symlink is modified, not deleted', () => {
    expect(
      toManifestChanges([
        c('A', 'integrations/x', NONE, LINK),
        c('D', 'integrations/x/manifest.json', FILE, NONE),
      ]),
    ).toEqual([{ path: 'integrations/x/manifest.json', status: 'modified' }]);
    expect(
      toManifestChanges([
        c('A', 'integrations', NONE, LINK),
        c('D', 'integrations/x/manifest.json', FILE, NONE),
      ]),
    ).toEqual([{ path: 'integrations/x/manifest.json', status: 'modified' }]);
  });

  it('a symlinked key folder stands for its manifest: added, changed, removed, replaced', () => {
    expect(toManifestChanges([c('A', 'integrations/x', NONE, LINK)])).toEqual([
      { path: 'integrations/x/manifest.json', status: 'added' },
    ]);
    expect(toManifestChanges([c('M', 'integrations/x', LINK, LINK)])).toEqual([
      { path: 'integrations/x/manifest.json', status: 'modified' },
    ]);
    expect(toManifestChanges([c('D', 'integrations/x', LINK, NONE)])).toEqual([
      { path: 'integrations/x/manifest.json', status: 'deleted' },
    ]);
    expect(
      toManifestChanges([
        c('D', 'integrations/x', LINK, NONE),
        c('A', 'integrations/x/manifest.json', NONE, FILE),
      ]),
    ).toEqual([{ path: 'integrations/x/manifest.json', status: 'added' }]);
  });

  it('a symlink elsewhere is no manifest change', () => {
    expect(
      toManifestChanges([
        c('A', 'docs/link', NONE, LINK),
        c('A', 'integrations/x/extra', NONE, LINK),
      ]),
    ).toEqual([]);
  });
});
