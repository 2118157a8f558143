/**
 * `regsync diff BASE HEAD --base UPSTREAM` on an overlay repository: besides what changes in
 * the overlay's manifests, which keys change the source they are served from (an override
 * that starts or ends), which collisions the head has, and, for a template that moves
 * between sources, what that means for the workspaces that installed it.
 */
import { layerFindings } from './layerFindings.js';
import { templateKeyOf, type OverlayLayers, type OverlayPlacement } from './placeOverlay.js';
import type { BaseRegistry } from './readBaseRegistry.js';

/** What the overlay's change does on the upstream registry. */
export interface OverlayDiff {
  upstream: Pick<BaseRegistry, 'description' | 'revision'>;
  baseName: string;
  overlayName: string;
  /** Paths served from the overlay at HEAD that were served from upstream at BASE. */
  nowOverridden: string[];
  /** Paths served from upstream again at HEAD (the overlay's override went away). */
  noLongerOverridden: string[];
  /** Paths the overlay defines at HEAD without the right to (upstream stays served). */
  collisions: string[];
  /** Of `collisions`, those the change introduces. */
  newCollisions: string[];
  /** Warnings a reviewer should read (a template moving between sources, unused rights). */
  warnings: Array<{ path?: string; rule: string; message: string }>;
}

/** Compares the overlay's placement on upstream at the two revisions. */
export function diffOverlay(options: {
  upstream: BaseRegistry;
  layers: OverlayLayers;
  before: OverlayPlacement;
  after: OverlayPlacement;
}): OverlayDiff {
  const { before, after, layers } = options;
  const was = new Set(before.overrides);
  const is = new Set(after.overrides);
  const collided = new Set(before.collisions.map((c) => c.path));
  const collisions = after.collisions.map((c) => c.path);
  const nowOverridden = after.overrides.filter((p) => !was.has(p));
  const noLongerOverridden = before.overrides.filter((p) => !is.has(p));
  const warnings: OverlayDiff['warnings'] = [];
  for (const f of layerFindings({ ...after, overrides: nowOverridden }, layers))
    if (f.severity === 'warning') warnings.push(f);
  for (const path of noLongerOverridden) {
    const key = templateKeyOf(path);
    if (key === undefined) continue;
    warnings.push({
      path,
      rule: 'template-override',
      message:
        `template "${key}" is served from source "${layers.baseName}" again instead of "${layers.overlayName}". ` +
        `Workspaces that installed it from "${layers.overlayName}" do not change by themselves, but their next ` +
        `upgrade of it compares against "${layers.baseName}"'s copy`,
    });
  }
  return {
    upstream: { description: options.upstream.description, revision: options.upstream.revision },
    baseName: layers.baseName,
    overlayName: layers.overlayName,
    nowOverridden,
    noLongerOverridden,
    collisions,
    newCollisions: collisions.filter((p) => !collided.has(p)),
    warnings,
  };
}

/** The overlay section of a text or markdown diff report. */
export function formatOverlayDiff(d: OverlayDiff, format: 'text' | 'markdown'): string {
  const md = format === 'markdown';
  const item = (text: string) => (md ? `- ${text}` : `  ${text}`);
  const code = (path: string) => (md ? `\`${path}\`` : path);
  const lines = [
    md
      ? `### On source \`${d.baseName}\` (${d.upstream.description} at \`${d.upstream.revision}\`)`
      : `on source ${d.baseName} (${d.upstream.description} at ${d.upstream.revision}):`,
  ];
  for (const p of d.nowOverridden)
    lines.push(item(`${code(p)}: now served from ${d.overlayName} instead of ${d.baseName}`));
  for (const p of d.noLongerOverridden)
    lines.push(item(`${code(p)}: served from ${d.baseName} again`));
  for (const p of d.collisions)
    lines.push(
      item(
        `${code(p)}: COLLISION, ${d.overlayName} may not override ${d.baseName}'s copy (it stays served; the overlay's is invalid)${d.newCollisions.includes(p) ? ' (new)' : ''}`,
      ),
    );
  for (const w of d.warnings) lines.push(item(`warning ${w.rule}: ${w.message}`));
  if (lines.length === 1) lines.push(item('no key changes the source it is served from'));
  return `${lines.join('\n')}\n`;
}
