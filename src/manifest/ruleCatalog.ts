import type { Severity } from './Finding.js';

/**
 * Every rule id the validator can report, with its severity and a one-line description.
 * docs/validation-rules.md documents each with a bad and a fixed example; a test checks the
 * two stay in step. Schema findings use the family `schema/<keyword>` (see SCHEMA_RULE_PREFIX).
 */
export const RULE_CATALOG = {
  'json-syntax': {
    severity: 'error',
    description: 'The file is not valid JSON (comments and trailing commas are not allowed).',
  },
  'json-too-deep': {
    severity: 'error',
    description: 'Arrays and objects are nested more than 100 levels deep.',
  },
  'json-duplicate-key': { severity: 'error', description: 'An object has the same key twice.' },
  'file-too-large': { severity: 'error', description: 'The manifest is larger than 1 MiB.' },
  'file-unreadable': {
    severity: 'error',
    description: 'The manifest could not be read (permissions, not a regular file, not UTF-8).',
  },
  symlink: {
    severity: 'error',
    description: 'The registry contains a symbolic link; links are never followed.',
  },
  'manifest-missing': {
    severity: 'error',
    description: 'A folder under integrations/ or templates/ has no manifest.json.',
  },
  'manifest-version-unsupported': {
    severity: 'error',
    description: 'manifestVersion is not a version this build reads.',
  },
  'kind-folder-mismatch': {
    severity: 'error',
    description: 'kind does not match the folder (integrations/ or templates/).',
  },
  'key-folder-mismatch': {
    severity: 'error',
    description: "key is not equal to the name of the manifest's folder.",
  },
  'duplicate-entity-type': {
    severity: 'error',
    description: 'Two entity types have the same key.',
  },
  'duplicate-attribute': {
    severity: 'error',
    description: 'Two attributes of one entity type have the same key.',
  },
  'duplicate-relationship': {
    severity: 'error',
    description: 'Two relationships have the same key.',
  },
  'duplicate-model': { severity: 'error', description: 'Two models have the same key.' },
  'duplicate-mapping': { severity: 'error', description: 'Two mappings map the same model.' },
  'unknown-entity-type': {
    severity: 'error',
    description: 'A reference names an entity type the manifest does not define.',
  },
  'unknown-attribute': {
    severity: 'error',
    description: 'A reference names an attribute the entity type does not define.',
  },
  'unknown-model': {
    severity: 'error',
    description: 'A mapping names a model not listed in integration.models.',
  },
  'mapping-entity-mismatch': {
    severity: 'error',
    description: "A mapping's entityType differs from its model's entityType.",
  },
  'integration-entity-not-readonly': {
    severity: 'error',
    description: 'An integration entity type sets readonly to false.',
  },
  'jsonpath-invalid': {
    severity: 'error',
    description: 'A source path is not a valid dot path or JSONPath.',
  },
  'jsonpath-script': {
    severity: 'error',
    description: 'A source path contains a script expression ([?(...)] or [(...)]).',
  },
  'transform-type-mismatch': {
    severity: 'error',
    description: "A field's value cannot have the target attribute's data type.",
  },
  'value-map-enum': {
    severity: 'error',
    description: 'A valueMap output or fallback is not one of the target enum values.',
  },
  'default-type-mismatch': {
    severity: 'error',
    description: "A field's default does not fit the target attribute.",
  },
  'on-invalid-default-without-default': {
    severity: 'error',
    description: 'onInvalid is "default" but the field has no default.',
  },
  'config-schema-invalid': {
    severity: 'error',
    description: 'integration.connectionConfig is not a valid JSON Schema.',
  },
  'config-schema-remote-ref': {
    severity: 'error',
    description: 'connectionConfig has a $ref that is not local (#...).',
  },
  'operator-setting-shadows-config': {
    severity: 'error',
    description: 'A name is both an operator setting and a field of the connection config.',
  },
  'operator-setting-env-collision': {
    severity: 'error',
    description: 'Two operator settings are read from the same environment variable.',
  },
  'verification-code-property': {
    severity: 'error',
    description:
      'verification names a code property that is not a string x-secret config field, an expiry that is not a date-time field, or a code the property refuses.',
  },
  'config-secret-misplaced': {
    severity: 'error',
    description:
      'x-secret is set somewhere the connection store does not encrypt (items, $defs, allOf, ...).',
  },
  'invalid-regex': {
    severity: 'error',
    description: 'validation.pattern is not a valid regular expression.',
  },
  'min-max': {
    severity: 'error',
    description: 'A minimum is greater than its maximum (minimum/maximum, minLength/maxLength).',
  },
  'mapping-too-complex': {
    severity: 'error',
    description:
      'if/each/mapEach transforms nest more than 8 levels deep (the engine skips the field).',
  },
  'plugin-options-invalid': {
    severity: 'error',
    description: "A plugin transform's options fail the registered plugin's own check.",
  },
  'required-attribute-unmapped': {
    severity: 'warning',
    description: 'A required attribute of a mapped entity type has no field in the mapping.',
  },
  'primary-key-unmapped': {
    severity: 'error',
    description: "A mapping has no field for its entity type's key (primaryKey, else id).",
  },
  'when-without-path': {
    severity: 'error',
    description: 'A mapping\'s "when" condition names no path of the record.',
  },
  'envelope-paths-equal': {
    severity: 'error',
    description:
      'envelope.single and envelope.list (or one of its alternatives) name the same path.',
  },
  'envelope-list-duplicate': {
    severity: 'error',
    description: "A path appears twice in a mapping's envelope.list alternatives.",
  },
  'source-alternative-duplicate': {
    severity: 'error',
    description: "A path appears twice in a field's list of source alternatives.",
  },
  'plugin-unknown': {
    severity: 'warning',
    description: 'A transform names a plugin that is not registered.',
  },
} as const satisfies Record<string, { severity: Severity; description: string }>;

/** A semantic or file-level rule id. */
export type RuleId = keyof typeof RULE_CATALOG;

/** Schema findings are `schema/<ajv keyword>`, e.g. `schema/required`, all errors. */
export const SCHEMA_RULE_PREFIX = 'schema/';

/** Schema keywords whose findings the validator can emit, documented as the `schema/*` family. */
export const SCHEMA_KEYWORDS = [
  'required',
  'additionalProperties',
  'unevaluatedProperties',
  'enum',
  'const',
  'type',
  'pattern',
  'not',
  'oneOf',
  'anyOf',
  'propertyNames',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'minProperties',
  'maxProperties',
  'minimum',
  'maximum',
  'uniqueItems',
  'format',
] as const;

/** Severity of a rule id (catalog rules, or `schema/*` which are always errors). */
export function severityOf(rule: string): Severity {
  const entry = (RULE_CATALOG as Record<string, { severity: Severity } | undefined>)[rule];
  return entry?.severity ?? 'error';
}
