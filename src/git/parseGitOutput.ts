/**
 * Parsers for the plumbing output SimpleGitSource reads (`ls-remote`, `ls-tree -r -l -z`,
 * `diff-tree -r --raw -z`). Pure, so they are tested on literal strings; `-z` output is
 * used wherever a path appears, so no quoting or odd file name can shift a field.
 */

import { KEY_FOLDER, MANIFEST_PATH } from '../manifest/registryLayout.js';

/** Mode of a symbolic link in a git tree. */
export const SYMLINK_MODE = '120000';

/** One line of `git ls-remote --symref`: a ref and its object id, or a symref target. */
export interface RemoteRefs {
  /** Object id by full ref name (`refs/heads/main`, `refs/tags/v1^{}`, `HEAD`). */
  refs: Map<string, string>;
  /** Targets of symbolic refs (`HEAD` -> `refs/heads/main`). */
  symrefs: Map<string, string>;
}

/**
 * Parses `git ls-remote --symref` output into refs and symrefs; lines without a tab are
 * ignored. Never throws.
 */
export function parseLsRemote(output: string): RemoteRefs {
  const refs = new Map<string, string>();
  const symrefs = new Map<string, string>();
  for (const line of output.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const left = line.slice(0, tab);
    const name = line.slice(tab + 1);
    if (left.startsWith('ref: ')) symrefs.set(name, left.slice(5));
    else if (/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(left)) refs.set(name, left);
  }
  return { refs, symrefs };
}

/** One entry of `git ls-tree -r -l -z`. */
export interface TreeEntry {
  /** `100644`, `100755`, `120000` (symlink), `160000` (submodule). */
  mode: string;
  type: 'blob' | 'tree' | 'commit';
  oid: string;
  /** Blob size in bytes; undefined for a submodule. */
  size: number | undefined;
  /** Path from the repository root. */
  path: string;
}

/**
 * Parses `git ls-tree -r -l -z` output into entries (blobs, trees and submodule commits); a
 * record of another type or without a tab is skipped. Never throws.
 */
export function parseLsTree(output: string): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of output.split('\0')) {
    if (record === '') continue;
    const tab = record.indexOf('\t');
    const meta = record.slice(0, tab).trim().split(/\s+/);
    const [mode = '', type = '', oid = '', size = '-'] = meta;
    if (tab < 0 || (type !== 'blob' && type !== 'tree' && type !== 'commit')) {
      throw new Error(`unexpected ls-tree record: ${JSON.stringify(record.slice(0, 200))}`);
    }
    entries.push({
      mode,
      type,
      oid,
      size: size === '-' ? undefined : Number(size),
      path: record.slice(tab + 1),
    });
  }
  return entries;
}

/** One entry of `git diff-tree -r --raw -z --no-renames`. */
export interface RawChange {
  oldMode: string;
  newMode: string;
  /** The object at the path after the change (all zeros for a deletion). */
  newOid: string;
  /** A added, D deleted, M modified, T type changed (e.g. a file became a symlink). */
  status: 'A' | 'D' | 'M' | 'T';
  path: string;
}

/**
 * Parses `git diff-tree -r --raw -z` output (run without rename detection) into raw changes:
 * status letter, modes, path. Throws on a status other than A, D, M or T, which would mean
 * git was asked for renames or copies.
 */
export function parseDiffTreeRaw(output: string): RawChange[] {
  const fields = output.split('\0');
  const changes: RawChange[] = [];
  for (let i = 0; i < fields.length; i++) {
    const meta = fields[i] ?? '';
    if (!meta.startsWith(':')) continue;
    const [oldMode = '', newMode = '', , newOid = '', status = ''] = meta.slice(1).split(' ');
    const path = fields[++i] ?? '';
    const letter = status.charAt(0);
    if (letter !== 'A' && letter !== 'D' && letter !== 'M' && letter !== 'T') {
      throw new Error(
        `unexpected diff-tree status ${JSON.stringify(status)} for ${JSON.stringify(path)}`,
      );
    }
    changes.push({ oldMode, newMode, newOid, status: letter, path });
  }
  return changes;
}

/** True for `integrations/<key>/manifest.json` and `templates/<key>/manifest.json`. */
export function isManifestPath(path: string): boolean {
  return MANIFEST_PATH.test(path);
}

/** True for `integrations/<key>` and `templates/<key>`: the folder that holds one manifest. */
export function isKeyFolder(path: string): boolean {
  return KEY_FOLDER.test(path);
}

/** `a/b/c` -> [`a`, `a/b`]: the folders a path lies in, outermost first. */
export function ancestorsOf(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
}
