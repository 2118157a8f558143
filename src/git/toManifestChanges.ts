/**
 * Turns `git diff-tree --raw` entries (paths already relative to the registry folder) into
 * the sync's manifest changes. Pure; the rules that keep "a symlink is never a deletion":
 *
 * - only manifest paths (`integrations/<key>/manifest.json`, `templates/<key>/manifest.json`)
 *   count; A is added, M and T (a file became a symlink or back) are modified, D is deleted;
 * - a manifest deleted because a folder above it became a symlink is modified (reading it
 *   then answers `symlink`), not deleted;
 * - a key folder (`integrations/<key>`) that is a symlink stands for its manifest, as in
 *   `list`: appearing or changing, the manifest is added or modified; disappearing, deleted.
 */
import type { ManifestChange } from '../sync/ports.js';
import {
  ancestorsOf,
  isKeyFolder,
  isManifestPath,
  SYMLINK_MODE,
  type RawChange,
} from './parseGitOutput.js';

/**
 * Turns raw `diff-tree` entries into manifest changes by the rules of the file header; one
 * change per path, sorted by path. Pure.
 */
export function toManifestChanges(raw: readonly RawChange[]): ManifestChange[] {
  const symlinks = new Set(raw.filter((c) => c.newMode === SYMLINK_MODE).map((c) => c.path));
  const byPath = new Map<string, ManifestChange['status']>();
  for (const change of raw) {
    if (!isManifestPath(change.path)) continue;
    const hidden =
      change.status === 'D' && ancestorsOf(change.path).some((dir) => symlinks.has(dir));
    byPath.set(
      change.path,
      change.status === 'A' ? 'added' : change.status === 'D' && !hidden ? 'deleted' : 'modified',
    );
  }
  for (const change of raw) {
    const path = `${change.path}/manifest.json`;
    if (!isKeyFolder(change.path) || byPath.has(path)) continue;
    if (change.newMode === SYMLINK_MODE)
      byPath.set(path, change.status === 'A' ? 'added' : 'modified');
    else if (change.oldMode === SYMLINK_MODE && change.status === 'D') byPath.set(path, 'deleted');
  }
  return [...byPath]
    .map(([path, status]) => ({ path, status }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
