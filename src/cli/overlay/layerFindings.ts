/**
 * The findings of an overlay's placement on its base, in words a contributor acts on. A
 * collision is an error (the sync records the overlay's copy as invalid); the rest are
 * warnings: a template the overlay replaces or hides (workspaces that installed it), and a
 * right that names nothing in the base (a typo, or a key upstream removed).
 */
import type { Severity } from '../../manifest/Finding.js';
import type { OverlayLayers, OverlayPlacement } from './placeOverlay.js';
import { templateKeyOf } from './placeOverlay.js';

/** A finding before it is placed in a file: `path` is overlay-relative, absent for the folder. */
export interface LayerFinding {
  path?: string;
  rule:
    'key-collision' | 'template-override' | 'template-hidden' | 'hide-unused' | 'override-unused';
  severity: Severity;
  message: string;
}

/** Every finding of `placement`, collisions first. */
export function layerFindings(placement: OverlayPlacement, layers: OverlayLayers): LayerFinding[] {
  const { baseName, overlayName } = layers;
  const out: LayerFinding[] = placement.collisions.map((c) => ({
    path: c.path,
    rule: 'key-collision',
    severity: 'error',
    // The sync's own message, plus the flag that grants the right here.
    message: `${c.finding.message} (here: --override ${c.path.split('/')[0] === 'templates' ? `templates/${templateKeyOf(c.path) ?? ''}` : (c.path.split('/')[1] ?? '')})`,
  }));
  for (const path of placement.overrides) {
    const key = templateKeyOf(path);
    if (key === undefined) continue;
    out.push({
      path,
      rule: 'template-override',
      severity: 'warning',
      message:
        `this copy replaces source "${baseName}"'s template "${key}". Workspaces that installed "${key}" ` +
        `from "${baseName}" do not change by themselves, but their next upgrade of it compares against ` +
        `this copy (GET /api/v1/workspaces/{id}/templates/${key}/changes shows what it would change): keep ` +
        `the entity types and attributes they use, or give this template its own key`,
    });
  }
  for (const path of placement.hidden) {
    const key = templateKeyOf(path);
    if (key === undefined) continue;
    out.push({
      rule: 'template-hidden',
      severity: 'warning',
      message:
        `--hide ${key}: source "${overlayName}" hides source "${baseName}"'s template "${key}" (${path}). ` +
        `Workspaces that installed it keep their copy; its upgrade answers that it is no longer in the catalog`,
    });
  }
  for (const entry of placement.unusedHide)
    out.push({
      rule: 'hide-unused',
      severity: 'warning',
      message: `--hide ${entry}: source "${baseName}" has no valid definition of that key, so nothing is hidden (a typo, or removed upstream?)`,
    });
  for (const entry of placement.unusedOverride)
    out.push({
      rule: 'override-unused',
      severity: 'warning',
      message: `--override ${entry}: source "${overlayName}" does not redefine a key of source "${baseName}" by that name, so the right is not used`,
    });
  return out;
}
