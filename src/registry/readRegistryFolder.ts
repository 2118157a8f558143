/**
 * Reading a registry from a plain folder (adapter: does file-system I/O). Symbolic links
 * are never followed: each one is reported, and a manifest is read only when it is a
 * regular file inside the registry root, opened with O_NOFOLLOW and size-checked on the
 * open handle so a file swapped for a link between the checks is still refused.
 */
import { constants } from 'node:fs';
import { lstat, open, readdir } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { decodeUtf8 } from '../manifest/decodeUtf8.js';
import { MAX_MANIFEST_BYTES } from '../manifest/validateManifest.js';

/** Deepest folder level walked below the root (integrations/<key>/ is level 2). */
export const MAX_SCAN_DEPTH = 8;
/** Folders never walked (version-control metadata is not registry content). */
const SKIPPED = new Set(['.git']);
const KIND_FOLDERS = ['integrations', 'templates'] as const;

/** What a folder scan finds; every path is registry-relative, posix-style and sorted. */
export interface RegistryFolderScan {
  /** `integrations/<key>/manifest.json` and `templates/<key>/manifest.json` regular files. */
  manifests: string[];
  /** Every symbolic link anywhere under the root (never followed). */
  symlinks: string[];
  /** `integrations/<key>` or `templates/<key>` folders that have no manifest.json. */
  missing: string[];
}

const toPosix = (p: string) => p.split(sep).join('/');
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Walks the registry folder (lstat/readdir, never following links, depth-bounded). */
export async function scanRegistryFolder(root: string): Promise<RegistryFolderScan> {
  const manifests: string[] = [];
  const symlinks: string[] = [];
  const missing: string[] = [];

  const walk = async (relDir: string, depth: number): Promise<void> => {
    const entries = await readdir(join(root, relDir), { withFileTypes: true });
    const segments = relDir === '' ? [] : relDir.split('/');
    const isKeyFolder = segments.length === 2 && (KIND_FOLDERS as readonly string[]).includes(segments[0] ?? '');
    let hasManifest = false;
    for (const entry of entries) {
      const rel = relDir === '' ? entry.name : `${relDir}/${entry.name}`;
      if (entry.isSymbolicLink()) {
        symlinks.push(rel);
        if (isKeyFolder && entry.name === 'manifest.json') hasManifest = true;
      } else if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name) && depth < MAX_SCAN_DEPTH) await walk(rel, depth + 1);
      } else if (entry.isFile() && isKeyFolder && entry.name === 'manifest.json') {
        manifests.push(rel);
        hasManifest = true;
      }
    }
    if (isKeyFolder && !hasManifest) missing.push(relDir);
  };

  await walk('', 0);
  return { manifests: manifests.sort(byCodeUnit), symlinks: symlinks.sort(byCodeUnit), missing: missing.sort(byCodeUnit) };
}

/** The outcome of reading one manifest (the shape of the sync port's `ManifestRead`). */
export type ManifestFileRead =
  | { ok: true; text: string; bytes: number }
  | { ok: false; rule: 'symlink' | 'file-too-large' | 'file-unreadable'; message: string };

const unreadable = (message: string): ManifestFileRead => ({ ok: false, rule: 'file-unreadable', message });

/**
 * Reads `relPath` under `root`: refuses a path that leaves the root, a symbolic link (the
 * file or any folder between the root and it), anything but a regular file, more than 1 MiB (without
 * reading it all), and text that is not UTF-8. Never throws for a bad file.
 */
export async function readManifestFile(root: string, relPath: string): Promise<ManifestFileRead> {
  if (isAbsolute(relPath) || relPath.includes('\0')) return unreadable(`"${relPath}" is not a registry-relative path`);
  const absRoot = resolve(root);
  const target = resolve(absRoot, relPath);
  const inside = relative(absRoot, target);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return unreadable(`"${relPath}" is outside the registry`);
  try {
    // A folder on the way may be a link too (integrations/acme -> elsewhere): refuse it,
    // wherever it points, as the scan reports it.
    const parts = inside.split(sep);
    for (let i = 1; i < parts.length; i++) {
      const folder = parts.slice(0, i).join(sep);
      if ((await lstat(join(absRoot, folder))).isSymbolicLink()) {
        return { ok: false, rule: 'symlink', message: `${toPosix(folder)} is a symbolic link; links are never followed. Replace it with the folder itself.` };
      }
    }
    const stats = await lstat(target);
    if (stats.isSymbolicLink()) return { ok: false, rule: 'symlink', message: `${toPosix(inside)} is a symbolic link; links are never followed. Replace it with the file itself.` };
  } catch (error) {
    return unreadable(`${toPosix(inside)} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let handle;
  try {
    handle = await open(target, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { ok: false, rule: 'symlink', message: `${toPosix(inside)} is a symbolic link; links are never followed.` };
    return unreadable(`${toPosix(inside)} cannot be opened (${code ?? (error as Error).message})`);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return unreadable(`${toPosix(inside)} is not a regular file`);
    if (stats.size > MAX_MANIFEST_BYTES) return tooLarge(inside, stats.size);
    // Room for one byte more than the stat said: a file that grows meanwhile is caught.
    const buffer = Buffer.allocUnsafe(Math.min(stats.size, MAX_MANIFEST_BYTES) + 1);
    let bytes = 0;
    while (bytes < buffer.length) {
      const { bytesRead } = await handle.read(buffer, bytes, buffer.length - bytes, bytes);
      if (bytesRead === 0) break;
      bytes += bytesRead;
    }
    if (bytes > MAX_MANIFEST_BYTES) return tooLarge(inside, bytes);
    if (bytes === buffer.length) return unreadable(`${toPosix(inside)} changed while it was read; try again`);
    const text = decodeUtf8(buffer.subarray(0, bytes));
    if (text === undefined)
      return unreadable(`${toPosix(inside)} is not valid UTF-8 text; save it as UTF-8`);
    return { ok: true, text, bytes };
  } catch (error) {
    return unreadable(`${toPosix(inside)} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  } finally {
    await handle.close();
  }
}

function tooLarge(inside: string, bytes: number): ManifestFileRead {
  return {
    ok: false,
    rule: 'file-too-large',
    message: `${toPosix(inside)} is larger than ${MAX_MANIFEST_BYTES} bytes (1 MiB) (at least ${bytes}); manifests must be smaller. Split it or remove unused content.`,
  };
}
