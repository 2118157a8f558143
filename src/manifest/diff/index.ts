/** Public surface of the manifest diff: finding changes (pure) and formatting them. */
export { diffManifests } from './diffManifests.js';
export { diffRegistries } from './diffRegistries.js';
export { BREAKING_RULES, DIFF_RULES } from './diffRules.js';
export type { DiffRuleId } from './diffRules.js';
export { DIFF_FORMATS, formatDiff } from './formatDiff.js';
export type { DiffFormat } from './formatDiff.js';
export { DIFF_MARKER, formatDiffMarkdown } from './formatDiffMarkdown.js';
export { summarizeDiff } from './ManifestChange.js';
export type {
  ChangeArea,
  ChangeKind,
  ChangeSeverity,
  DiffReport,
  DiffSummary,
  ManifestChange,
  ManifestRef,
  UndiffableManifest,
} from './ManifestChange.js';
export { RENAME_SIMILARITY } from './findRenames.js';
