/** The HTTP API contract check: classify the difference between two OpenAPI documents. */
export { API_DIFF_RULES } from './apiDiffRules.js';
export type { ApiChange, ApiChangeSeverity, ApiDiffReport, ApiDiffRuleId } from './apiDiffRules.js';
export { diffApiDocuments } from './diffApiDocuments.js';
export { API_DIFF_FORMATS, formatApiDiff, summarizeApiDiff } from './formatApiDiff.js';
export type { ApiDiffFormat } from './formatApiDiff.js';
export { parseApiDocument, readApiDocument } from './readApiDocument.js';
