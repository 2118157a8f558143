/**
 * `regsync/manifest`: parse, validate and diff Regsync manifests the way the service does
 * (the same rules, the same findings, the same checksums), for an application that checks a
 * manifest before it proposes it, or compares two revisions of the catalog it received.
 * Validation never throws: every problem is a `Finding` with file, line, column, JSON
 * pointer and rule id.
 *
 * The surface is deliberate (docs/library.md "Stability"). This module loads no database,
 * HTTP server or Git code (the `library-entries-stay-pure` rule of .dependency-cruiser.cjs
 * and test/integration/library/entryIsolation.test.ts).
 *
 * @packageDocumentation
 */
export {
  MAX_MANIFEST_BYTES,
  validateManifest,
  type PluginInfo,
  type ValidateManifestInput,
  type ValidateManifestOptions,
  type ValidateManifestResult,
} from '../manifest/validateManifest.js';
export {
  MAX_JSON_DEPTH,
  parseJsonDocument,
  type LocateTarget,
  type ParsedJsonDocument,
  type PointerLocator,
} from '../manifest/parseJsonDocument.js';
export type { Position } from '../manifest/locateOffset.js';
export { hasErrors, type Finding, type Severity } from '../manifest/Finding.js';
export {
  countFindings,
  formatFindings,
  REPORT_FORMATS,
  type FileReport,
  type ReportCounts,
  type ReportFormat,
} from '../manifest/formatFindings.js';
export { RULE_CATALOG, severityOf, type RuleId } from '../manifest/ruleCatalog.js';
export { canonicalJson, manifestChecksum } from '../manifest/checksum.js';
export { CURRENT_MANIFEST_VERSION } from '../manifest/upgrade/upgradeSteps.js';
export {
  BREAKING_RULES,
  DIFF_FORMATS,
  DIFF_RULES,
  diffManifests,
  diffRegistries,
  formatDiff,
  formatDiffMarkdown,
  summarizeDiff,
  type ChangeArea,
  type ChangeKind,
  type ChangeSeverity,
  type DiffFormat,
  type DiffReport,
  type DiffRuleId,
  type DiffSummary,
  type ManifestChange,
  type ManifestRef,
  type UndiffableManifest,
} from '../manifest/diff/index.js';
export {
  SUPPORTED_MANIFEST_VERSIONS,
  type Attribute,
  type Condition,
  type EntityType,
  type FieldMapping,
  type IntegrationManifest,
  type Manifest,
  type ManifestKind,
  type ManifestVersion,
  type Model,
  type ModelMapping,
  type Relationship,
  type TemplateManifest,
  type Transform,
} from '../manifest/types.js';
