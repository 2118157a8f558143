/**
 * `regsync validate OVERLAY --base BASE`: the overlay's own findings plus what it does to
 * the base, as findings on the overlay's files (a collision is an error, as the sync records
 * it) and a summary (what it adds, overrides and hides).
 */
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Finding } from '../../manifest/Finding.js';
import { formatFindings, toJsonReport } from '../../manifest/formatFindings.js';
import type { FileReport, ReportFormat } from '../../manifest/formatFindings.js';
import type { PluginInfo } from '../../manifest/validateManifest.js';
import { scanRegistryFolder } from '../../registry/readRegistryFolder.js';
import { UsageError } from '../UsageError.js';
import { baseOf, layersOf, type BaseCliOptions } from './baseOptions.js';
import { layerFindings, type LayerFinding } from './layerFindings.js';
import { placeOverlay, type OverlayPlacement } from './placeOverlay.js';
import { readBaseRegistry, type BaseRegistry } from './readBaseRegistry.js';

/** What `--base` found, beside the per-file findings it added. */
export interface OverlayResult {
  base: Pick<BaseRegistry, 'description' | 'revision'> & { manifests: number; valid: number };
  baseName: string;
  overlayName: string;
  placement: OverlayPlacement;
}

/**
 * Reads the base, places the overlay's valid manifests on it and adds the layer findings to
 * `reports` (in place: to the overlay file's report, or to a report of the overlay folder
 * for a right that names nothing). The overlay is exactly one registry folder.
 */
export async function checkOverlayFolder(options: {
  paths: readonly string[];
  reports: FileReport[];
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  opts: BaseCliOptions;
  plugins?: ReadonlyMap<string, PluginInfo>;
}): Promise<OverlayResult> {
  const { paths, reports, cwd, opts } = options;
  const layers = layersOf(opts);
  if (paths.length > 1) throw new UsageError('--base checks one overlay: give one registry folder');
  const root = resolve(cwd, paths[0] ?? '.');
  const scan = await scanRegistryFolder(root).catch(() => {
    throw new UsageError(`${paths[0] ?? '.'}: --base needs a registry folder as the overlay`);
  });
  const name = (rel: string) => {
    const abs = join(root, rel);
    const shown = relative(cwd, abs);
    return (shown === '' || shown.startsWith('..') || isAbsolute(shown) ? abs : shown)
      .split(sep)
      .join('/');
  };
  const byFile = new Map(reports.map((r) => [r.file, r]));
  const valid = scan.manifests.filter(
    (rel) => !(byFile.get(name(rel))?.findings ?? []).some((f) => f.severity === 'error'),
  );
  const base = await readBaseRegistry({
    ...baseOf(opts, cwd, options.env),
    ...(options.plugins ? { validate: { plugins: options.plugins } } : {}),
  });
  const placement = placeOverlay({ base: base.valid, overlay: valid, layers });
  const folder = name('.') || basename(root);
  for (const finding of layerFindings(placement, layers))
    add(reports, byFile, name, folder, finding);
  return {
    base: {
      description: base.description,
      revision: base.revision,
      manifests: base.valid.length + base.invalid.length,
      valid: base.valid.length,
    },
    baseName: layers.baseName,
    overlayName: layers.overlayName,
    placement,
  };
}

function add(
  reports: FileReport[],
  byFile: Map<string, FileReport>,
  name: (rel: string) => string,
  folder: string,
  finding: LayerFinding,
): void {
  const file = finding.path === undefined ? folder : name(finding.path);
  let report = byFile.get(file);
  if (!report) {
    report = { file, findings: [] };
    byFile.set(file, report);
    reports.push(report);
  }
  const full: Finding = {
    file,
    line: 1,
    column: 1,
    pointer: '',
    rule: finding.rule,
    message: finding.message,
    severity: finding.severity,
  };
  report.findings.push(full);
}

function summaryLines(o: OverlayResult): string[] {
  const p = o.placement;
  const list = (paths: readonly string[]) => (paths.length ? `: ${paths.join(', ')}` : '');
  return [
    `base ${o.baseName}: ${o.base.description} at ${o.base.revision}, ${o.base.manifests} manifest(s), ${o.base.valid} valid`,
    `overlay ${o.overlayName}: ${p.added.length} added${list(p.added)}`,
    `  ${p.overrides.length} override(s)${list(p.overrides)}`,
    `  ${p.hidden.length} hidden${list(p.hidden)}`,
    `  ${p.collisions.length} collision(s)${list(p.collisions.map((c) => c.path))}`,
  ];
}

/**
 * The report in `format`: with an overlay, text ends with the summary, JSON gains an
 * `overlay` object (`base`, `baseName`, `overlayName`, `added`, `overrides`, `hidden`,
 * `collisions`, `unusedHide`, `unusedOverride`); GitHub annotations are unchanged.
 */
export function formatOverlayReport(
  reports: readonly FileReport[],
  overlay: OverlayResult | undefined,
  format: ReportFormat,
): string {
  if (!overlay) return formatFindings(reports, format);
  if (format === 'json') {
    const p = overlay.placement;
    const json = {
      ...toJsonReport(reports),
      overlay: {
        base: overlay.base,
        baseName: overlay.baseName,
        overlayName: overlay.overlayName,
        added: p.added,
        overrides: p.overrides,
        hidden: p.hidden,
        collisions: p.collisions.map((c) => c.path),
        unusedHide: p.unusedHide,
        unusedOverride: p.unusedOverride,
      },
    };
    return `${JSON.stringify(json, null, 2)}\n`;
  }
  const text = formatFindings(reports, format);
  return format === 'text' ? `${text}${summaryLines(overlay).join('\n')}\n` : text;
}
