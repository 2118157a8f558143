/**
 * Every class of change `diffApiDocuments` reports between two OpenAPI documents, by stable
 * rule id, with its severity. The severity lives here only. A change is breaking when a
 * client written against the base document can fail against the head one: a call it makes
 * is refused (removed operation, new required input, tightened constraint, a field it sends
 * no longer accepted, since undocumented input is refused), or an answer it reads lacks or
 * retypes a field. docs/http-api.md ("The contract") explains each class.
 */
export type ApiChangeSeverity = 'breaking' | 'compatible';

interface ApiDiffRule {
  severity: ApiChangeSeverity;
  /** Short label for tables. */
  title: string;
}

const breaking = (title: string): ApiDiffRule => ({ severity: 'breaking', title });
const compatible = (title: string): ApiDiffRule => ({ severity: 'compatible', title });

/**
 * Every rule of `regsync api-diff`, by id, with its severity and its words; docs/http-api.md
 * has the table.
 */
export const API_DIFF_RULES = {
  // Breaking
  'operation-removed': breaking('operation removed'),
  'security-added': breaking('credentials now required'),
  'parameter-removed': breaking('parameter removed (now refused)'),
  'parameter-added-required': breaking('required parameter added'),
  'parameter-made-required': breaking('parameter made required'),
  'parameter-retyped': breaking('parameter type changed'),
  'parameter-constrained': breaking('parameter constraint tightened'),
  'request-body-added-required': breaking('required request body added'),
  'request-body-made-required': breaking('request body made required'),
  'request-media-type-removed': breaking('request media type removed'),
  'request-field-removed': breaking('request field removed (now refused)'),
  'request-field-added-required': breaking('required request field added'),
  'request-field-made-required': breaking('request field made required'),
  'request-field-retyped': breaking('request field type changed'),
  'request-field-constrained': breaking('request field constraint tightened'),
  'response-status-removed': breaking('success status removed'),
  'response-media-type-removed': breaking('response media type removed'),
  'response-field-removed': breaking('response field removed'),
  'response-field-made-optional': breaking('response field no longer always present'),
  'response-field-retyped': breaking('response field type changed'),
  // Compatible
  'operation-added': compatible('operation added'),
  'security-removed': compatible('credentials no longer required'),
  'parameter-added-optional': compatible('optional parameter added'),
  'parameter-made-optional': compatible('parameter made optional'),
  'parameter-relaxed': compatible('parameter constraint loosened'),
  'request-field-added-optional': compatible('optional request field added'),
  'request-field-made-optional': compatible('request field made optional'),
  'request-field-relaxed': compatible('request field constraint loosened'),
  'response-status-added': compatible('status added'),
  'response-field-added': compatible('response field added'),
  'response-field-made-required': compatible('response field now always present'),
  'response-field-narrowed': compatible('response field type narrowed'),
  'version-changed': compatible('info.version changed'),
} as const satisfies Record<string, ApiDiffRule>;

/** The id of an api-diff rule. */
export type ApiDiffRuleId = keyof typeof API_DIFF_RULES;

/** One change between the base and the head document. */
export interface ApiChange {
  rule: ApiDiffRuleId;
  severity: ApiChangeSeverity;
  /** `GET /api/v1/sync`, or `(document)`. */
  operation: string;
  /** Where in the operation: `query limit`, `request application/json /config`, `response 200 application/json /items/[]/key`. */
  location: string;
  /** What changed, in words (`string → integer`, `maximum 100 → 50`). */
  detail: string;
}

/** The classified difference between two documents. */
export interface ApiDiffReport {
  base: string;
  head: string;
  changes: ApiChange[];
}
