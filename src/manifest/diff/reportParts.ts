import { summarizeDiff } from './ManifestChange.js';
import type { DiffReport, ManifestChange } from './ManifestChange.js';

/** `integration hubspot`: how a manifest is named in reports. */
export function manifestLabel(change: ManifestChange): string {
  return `${change.manifest.kind} ${change.manifest.key}`;
}

/** Groups changes by manifest, keeping their order. */
export function groupByManifest(
  changes: readonly ManifestChange[],
): Array<[string, ManifestChange[]]> {
  const groups = new Map<string, ManifestChange[]>();
  for (const change of changes) {
    const label = manifestLabel(change);
    groups.set(label, [...(groups.get(label) ?? []), change]);
  }
  return [...groups];
}

/** The summary sentence shared by the text and markdown formats. */
export function summaryLine(report: DiffReport): string {
  const s = summarizeDiff(report);
  if (s.breaking + s.compatible === 0 && s.undiffable === 0)
    return `No manifest changes between ${report.base} and ${report.head}.`;
  const parts = [
    `${s.breaking} breaking`,
    `${s.compatible} compatible change(s) in ${s.manifests} manifest(s)`,
  ];
  const undiffable = s.undiffable > 0 ? `; ${s.undiffable} manifest(s) could not be diffed` : '';
  return `${parts.join(', ')} between ${report.base} and ${report.head}${undiffable}.`;
}
