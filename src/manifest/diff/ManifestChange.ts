import type { ManifestKind } from '../types.js';
import type { DiffRuleId } from './diffRules.js';

export type { ChangeArea, ChangeKind, ChangeSeverity } from './changeTerms.js';
import type { ChangeArea, ChangeKind, ChangeSeverity } from './changeTerms.js';

/** The manifest a change belongs to (for a rename: the new key). */
export interface ManifestRef {
  key: string;
  kind: ManifestKind;
}

/**
 * One difference between two versions of a manifest, as data. `area`, `kind` and `severity`
 * follow from `rule` (see DIFF_RULES); `path` is `/`-separated keys from the manifest root
 * (`entityTypes/contact/attributes/email`, `integration/connectionConfig/properties/apiKey`,
 * `mappings/contact/fields/email`; `""` is the whole manifest). `before`/`after` hold the
 * values compared (absent for the side that does not exist); `reason` is one sentence for
 * people.
 */
export interface ManifestChange {
  manifest: ManifestRef;
  rule: DiffRuleId;
  area: ChangeArea;
  kind: ChangeKind;
  path: string;
  before?: unknown;
  after?: unknown;
  severity: ChangeSeverity;
  reason: string;
}

/** A manifest file that could not be diffed because it is unreadable or invalid on one side. */
export interface UndiffableManifest {
  /** Registry-relative path (`integrations/<key>/manifest.json`). */
  file: string;
  side: 'base' | 'head';
  /** Why: the error findings (or the read problem), one line each. */
  messages: string[];
}

/** Everything `regsync diff` reports: the changes and the manifests it could not diff. */
export interface DiffReport {
  /** The revisions as the user named them (`origin/main`, `HEAD`). */
  base: string;
  head: string;
  changes: ManifestChange[];
  undiffable: UndiffableManifest[];
}

/** Counts for a summary line. */
export interface DiffSummary {
  breaking: number;
  compatible: number;
  /** Manifests with at least one change. */
  manifests: number;
  undiffable: number;
}

/** Counts breaking and compatible changes and the manifests they touch. */
export function summarizeDiff(report: DiffReport): DiffSummary {
  const manifests = new Set(report.changes.map((c) => `${c.manifest.kind}/${c.manifest.key}`));
  const breaking = report.changes.filter((c) => c.severity === 'breaking').length;
  return {
    breaking,
    compatible: report.changes.length - breaking,
    manifests: manifests.size,
    undiffable: report.undiffable.length,
  };
}
