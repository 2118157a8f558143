import type { ChangeArea, ChangeKind, ChangeSeverity } from './changeTerms.js';

interface DiffRule {
  area: ChangeArea;
  kind: ChangeKind;
  severity: ChangeSeverity;
  /** Short label for tables ("attribute removed"). */
  title: string;
}

const rule = (
  area: ChangeArea,
  kind: ChangeKind,
  severity: ChangeSeverity,
  title: string,
): DiffRule => ({
  area,
  kind,
  severity,
  title,
});

/**
 * Every class of change `diffManifests` reports, by stable rule id. The severity lives here
 * only: a rule is breaking when some existing consumer (a workspace's data, a saved
 * connection, a query, a mapping) stops working as before. docs/pull-requests.md explains
 * each breaking rule with an example.
 */
export const DIFF_RULES = {
  // Breaking
  'manifest-removed': rule('manifest', 'removed', 'breaking', 'manifest removed'),
  'manifest-renamed': rule('manifest', 'renamed', 'breaking', 'manifest renamed'),
  'integration-category-changed': rule('manifest', 'changed', 'breaking', 'category changed'),
  'integration-provider-changed': rule('manifest', 'changed', 'breaking', 'provider changed'),
  'entity-type-removed': rule('entityType', 'removed', 'breaking', 'entity type removed'),
  'entity-type-renamed': rule('entityType', 'renamed', 'breaking', 'entity type renamed'),
  'attribute-removed': rule('attribute', 'removed', 'breaking', 'attribute removed'),
  'attribute-renamed': rule('attribute', 'renamed', 'breaking', 'attribute renamed'),
  'attribute-retyped': rule('attribute', 'changed', 'breaking', 'attribute type changed'),
  'attribute-enum-value-removed': rule('attribute', 'changed', 'breaking', 'enum value removed'),
  'attribute-references-changed': rule(
    'attribute',
    'changed',
    'breaking',
    'reference target changed',
  ),
  'attribute-made-required': rule('attribute', 'changed', 'breaking', 'attribute made required'),
  'attribute-required-added': rule('attribute', 'added', 'breaking', 'required attribute added'),
  'connection-config-required-field-added': rule(
    'connectionConfig',
    'added',
    'breaking',
    'required config field added',
  ),
  'connection-config-field-made-required': rule(
    'connectionConfig',
    'changed',
    'breaking',
    'config field made required',
  ),
  'connection-config-field-removed': rule(
    'connectionConfig',
    'removed',
    'breaking',
    'config field removed',
  ),
  'connection-config-field-retyped': rule(
    'connectionConfig',
    'changed',
    'breaking',
    'config field type changed',
  ),
  'config-field-moved-to-operator-settings': rule(
    'operatorSettings',
    'changed',
    'breaking',
    'config field moved to operator settings',
  ),
  'operator-setting-moved-to-connection-config': rule(
    'operatorSettings',
    'changed',
    'breaking',
    'operator setting moved to connection config',
  ),
  'operator-setting-required-added': rule(
    'operatorSettings',
    'added',
    'breaking',
    'required operator setting added',
  ),
  'verification-added': rule('operatorSettings', 'added', 'breaking', 'verification added'),
  'model-removed': rule('model', 'removed', 'breaking', 'model removed'),
  'model-mapping-removed': rule('mapping', 'removed', 'breaking', 'model mapping removed'),
  'field-mapping-removed': rule('mapping', 'removed', 'breaking', 'field mapping removed'),
  'relationship-removed': rule('relationship', 'removed', 'breaking', 'relationship removed'),
  'relationship-cardinality-changed': rule(
    'relationship',
    'changed',
    'breaking',
    'cardinality changed',
  ),
  'relationship-endpoints-changed': rule(
    'relationship',
    'changed',
    'breaking',
    'relationship endpoints changed',
  ),
  // Compatible
  'manifest-added': rule('manifest', 'added', 'compatible', 'manifest added'),
  'integration-changed': rule('manifest', 'changed', 'compatible', 'integration setting changed'),
  'entity-type-added': rule('entityType', 'added', 'compatible', 'entity type added'),
  'entity-type-changed': rule('entityType', 'changed', 'compatible', 'entity type changed'),
  'attribute-added': rule('attribute', 'added', 'compatible', 'optional attribute added'),
  'attribute-made-optional': rule('attribute', 'changed', 'compatible', 'attribute made optional'),
  'attribute-enum-value-added': rule('attribute', 'changed', 'compatible', 'enum value added'),
  'attribute-changed': rule('attribute', 'changed', 'compatible', 'attribute changed'),
  'connection-config-field-added': rule(
    'connectionConfig',
    'added',
    'compatible',
    'optional config field added',
  ),
  'connection-config-field-made-optional': rule(
    'connectionConfig',
    'changed',
    'compatible',
    'config field made optional',
  ),
  'connection-config-field-changed': rule(
    'connectionConfig',
    'changed',
    'compatible',
    'config field changed',
  ),
  'connection-config-changed': rule(
    'connectionConfig',
    'changed',
    'compatible',
    'config schema changed',
  ),
  'operator-setting-added': rule(
    'operatorSettings',
    'added',
    'compatible',
    'optional operator setting added',
  ),
  'operator-setting-removed': rule(
    'operatorSettings',
    'removed',
    'compatible',
    'operator setting removed',
  ),
  'operator-setting-changed': rule(
    'operatorSettings',
    'changed',
    'compatible',
    'operator setting changed',
  ),
  'verification-changed': rule('operatorSettings', 'changed', 'compatible', 'verification changed'),
  'model-added': rule('model', 'added', 'compatible', 'model added'),
  'model-changed': rule('model', 'changed', 'compatible', 'model changed'),
  'model-mapping-added': rule('mapping', 'added', 'compatible', 'model mapping added'),
  'field-mapping-added': rule('mapping', 'added', 'compatible', 'field mapping added'),
  'field-mapping-changed': rule('mapping', 'changed', 'compatible', 'field mapping changed'),
  'relationship-added': rule('relationship', 'added', 'compatible', 'relationship added'),
  'relationship-changed': rule('relationship', 'changed', 'compatible', 'relationship changed'),
  'metadata-changed': rule('metadata', 'changed', 'compatible', 'metadata changed'),
} as const satisfies Record<string, DiffRule>;

/** The id of a diff rule. */
export type DiffRuleId = keyof typeof DIFF_RULES;

/** Rule ids whose changes are breaking, in catalog order. */
export const BREAKING_RULES = (Object.keys(DIFF_RULES) as DiffRuleId[]).filter(
  (id) => DIFF_RULES[id].severity === 'breaking',
);
