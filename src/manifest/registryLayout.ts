/**
 * Where manifests live in a registry: `integrations/<key>/manifest.json` and
 * `templates/<key>/manifest.json`. The one statement of that layout; the Git and folder
 * sources, the sync and the store all read paths through it.
 */
import type { ManifestKind } from './types.js';

/** A manifest file of the registry layout; groups 1 and 2 are the kind folder and the key folder. */
export const MANIFEST_PATH = /^(integrations|templates)\/([^/]+)\/manifest\.json$/;

/** A key folder of the registry layout (`integrations/<key>`, `templates/<key>`). */
export const KEY_FOLDER = /^(?:integrations|templates)\/[^/]+$/;

/** The folder names of a manifest path, or undefined when the path is not a manifest of the layout. */
export function manifestFolder(
  path: string,
): { kindFolder: 'integrations' | 'templates'; name: string } | undefined {
  const match = MANIFEST_PATH.exec(path);
  if (!match) return undefined;
  return { kindFolder: match[1] as 'integrations' | 'templates', name: match[2] ?? '' };
}

/** The kind and key a manifest path names, or undefined outside the layout. */
export function kindAndKeyOfPath(path: string): { kind: ManifestKind; key: string } | undefined {
  const folder = manifestFolder(path);
  if (!folder) return undefined;
  return {
    kind: folder.kindFolder === 'integrations' ? 'integration' : 'template',
    key: folder.name,
  };
}
