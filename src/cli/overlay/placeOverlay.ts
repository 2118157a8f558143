/**
 * What an overlay does to the registry it sits on, decided by the same policy the layered
 * sync applies (src/sync/layers/layerPolicy.ts), so `regsync validate --base` and
 * `regsync diff --base` say what an instance will serve. Pure: it takes the valid manifest
 * paths of both sides and the overlay's rights.
 */
import type { Finding } from '../../manifest/Finding.js';
import { kindAndKeyOfPath } from '../../manifest/registryLayout.js';
import {
  collisionFinding,
  namesKey,
  placeCopies,
  type LayerInfo,
  type LayerRights,
} from '../../sync/layers/layerPolicy.js';

/** The two layers: the base (upstream, first) and the overlay on it. */
export interface OverlayLayers {
  /** Source names as findings say them (`upstream`, `acme`). */
  baseName: string;
  overlayName: string;
  rights: LayerRights;
}

/** Where each shared or hidden key lands, and the rights that name nothing. */
export interface OverlayPlacement {
  /** Overlay paths that replace the base's copy (the overlay has the right). */
  overrides: string[];
  /** Overlay paths the base already defines, without the right: the base copy stays served. */
  collisions: Array<{ path: string; finding: Finding }>;
  /** Base paths the overlay hides (`hide`): not served. */
  hidden: string[];
  /** Overlay paths only the overlay defines. */
  added: string[];
  /** `hide` entries that name no valid base manifest. */
  unusedHide: string[];
  /** `override` entries that name no key both sides define. */
  unusedOverride: string[];
}

/**
 * Places every valid overlay path against the valid base paths. A base copy that is invalid
 * is not served, so an overlay copy of its key is an addition, not a collision (as in the sync).
 */
export function placeOverlay(options: {
  base: Iterable<string>;
  overlay: Iterable<string>;
  layers: OverlayLayers;
}): OverlayPlacement {
  const { baseName, overlayName, rights } = options.layers;
  const none: LayerRights = { override: false, hide: [] };
  const base: LayerInfo = { name: baseName, origin: 'base', position: 0, rights: none };
  const top: LayerInfo = { name: overlayName, origin: 'overlay', position: 1, rights };
  const layers = [base, top];
  const basePaths = new Set(options.base);
  const overlayPaths = [...new Set(options.overlay)].sort();
  const out: OverlayPlacement = {
    overrides: [],
    collisions: [],
    hidden: [],
    added: [],
    unusedHide: [],
    unusedOverride: [],
  };
  const overridden = new Set<string>();
  for (const path of overlayPaths) {
    if (!basePaths.has(path)) {
      out.added.push(path);
      continue;
    }
    const { placements } = placeCopies(
      [
        { layer: base, path },
        { layer: top, path },
      ],
      layers,
    );
    const mine = placements.get('overlay');
    const theirs = placements.get('base');
    if (mine?.kind === 'collision')
      out.collisions.push({
        path,
        finding: collisionFinding({ layer: top, path }, { layer: base, path }),
      });
    else if (mine?.kind === 'serve' && theirs?.kind === 'shadow' && !namesKey(rights.hide, path)) {
      out.overrides.push(path);
      overridden.add(path);
    }
  }
  for (const path of [...basePaths].sort()) if (namesKey(rights.hide, path)) out.hidden.push(path);
  for (const entry of rights.hide)
    if (![...basePaths].some((p) => namesKey([entry], p))) out.unusedHide.push(entry);
  if (Array.isArray(rights.override))
    for (const entry of rights.override as readonly string[])
      if (![...overridden].some((p) => namesKey([entry], p))) out.unusedOverride.push(entry);
  return out;
}

/** `templates/<key>/manifest.json` -> its key; undefined for an integration's path. */
export function templateKeyOf(path: string): string | undefined {
  const id = kindAndKeyOfPath(path);
  return id?.kind === 'template' ? id.key : undefined;
}
