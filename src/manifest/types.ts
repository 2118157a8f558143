/**
 * The manifest model, format 1.2: the TypeScript twin of `schemas/*.schema.json`.
 *
 * The JSON Schemas are the authority for what a file may contain; these types describe a
 * manifest that has passed schema validation, so the rest of the code can rely on them.
 * Keep both in step: the bundled-registry tests check every bundled manifest
 * against both.
 */

/**
 * Manifest format versions this build reads. Older ones are upgraded in memory by the
 * steps in `upgrade/upgradeSteps.ts`; the newest is what `regsync upgrade` writes and what
 * the types below describe.
 */
export const SUPPORTED_MANIFEST_VERSIONS = ['1.0', '1.1', '1.2'] as const;
export type ManifestVersion = (typeof SUPPORTED_MANIFEST_VERSIONS)[number];

/** Data types an attribute may declare. `reference` points at another entity type's key. */
export const DATA_TYPES = [
  'string',
  'number',
  'integer',
  'boolean',
  'date',
  'datetime',
  'enum',
  'json',
  'reference',
] as const;
export type DataType = (typeof DATA_TYPES)[number];

/** What kind of fact an attribute holds; used by semantic layers and for PII handling. */
export const CLASSIFICATIONS = [
  'identifier',
  'pii',
  'sensitive',
  'metric',
  'dimension',
  'timestamp',
  'currency',
  'status',
  'text',
] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/** Natural-language metadata for entity types, attributes and relationships. */
export interface SemanticMetadata {
  /** One or two sentences a person (or a language model) can act on. */
  definition?: string;
  classifications?: Classification[];
  tags?: string[];
  synonyms?: string[];
}

/** Validation rules an attribute value must satisfy (subset of JSON Schema keywords). */
export interface ValidationRules {
  /** String formats understood by ajv-formats: email, uri, uuid, date, date-time, ... */
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

export interface Attribute {
  key: string;
  displayName?: string;
  dataType: DataType;
  /** When true the value is a list of `dataType` values. */
  list?: boolean;
  required?: boolean;
  /** Allowed values; required when `dataType` is `enum`. */
  enumValues?: string[];
  /** Target entity type key; required when `dataType` is `reference`. */
  references?: string;
  validation?: ValidationRules;
  semantic?: SemanticMetadata;
}

export interface EntityType {
  key: string;
  displayName: string;
  description?: string;
  /** Integration entity types are always readonly; template entity types are editable copies. */
  readonly?: boolean;
  /** Attribute key that identifies a record of this type (default: `id` when present). */
  primaryKey?: string;
  attributes: Attribute[];
  semantic?: SemanticMetadata;
}

export const CARDINALITIES = ['one-to-one', 'one-to-many', 'many-to-one', 'many-to-many'] as const;
export type Cardinality = (typeof CARDINALITIES)[number];

export interface Relationship {
  key: string;
  from: string;
  to: string;
  cardinality: Cardinality;
  /** Attribute of `from` holding the reference, when there is one. */
  via?: string;
  semantic?: SemanticMetadata;
}

export const CATEGORIES = ['data-source', 'notification-channel'] as const;
export type Category = (typeof CATEGORIES)[number];

export const SYNC_DIRECTIONS = ['inbound', 'outbound', 'bidirectional'] as const;
export type SyncDirection = (typeof SYNC_DIRECTIONS)[number];

export const AUTH_KINDS = [
  'oauth2',
  'api-key',
  'basic',
  'bearer-token',
  'bot-token',
  'webhook-url',
  'none',
] as const;
export type AuthKind = (typeof AUTH_KINDS)[number];

/** A kind of raw payload the vendor's API returns (a HubSpot contact, a Stripe charge). */
export interface Model {
  key: string;
  displayName?: string;
  description?: string;
  /** Entity type a payload of this model becomes. */
  entityType: string;
  /** Vendor documentation of the payload shape. */
  docsUrl?: string;
}

/**
 * JSON Schema (draft 2020-12 subset) of a user's connection config. Properties marked
 * `"x-secret": true` are encrypted at rest and never returned by the API. Only local
 * `$ref`s (`#/...`) are allowed; remote ones are never fetched.
 */
export type ConnectionConfigSchema = Record<string, unknown> & {
  type: 'object';
  properties: Record<string, Record<string, unknown>>;
  required?: string[];
};

/** Alphabets a verification code is drawn from (`alphanumeric` leaves out 0/O and 1/I/L). */
export const CODE_ALPHABETS = {
  digits: '0123456789',
  alphanumeric: 'ABCDEFGHJKMNPQRSTUVWXYZ23456789',
} as const;
export type CodeAlphabet = keyof typeof CODE_ALPHABETS;

/**
 * How a connection of this integration is confirmed (format 1.2). Regsync creates it pending
 * with a code from a CSPRNG stored (encrypted: the property must be `x-secret`) at
 * `codeProperty`, and activates it when the code comes back within `ttlSeconds` and
 * `maxAttempts` tries.
 */
export interface VerificationSpec {
  /** The connectionConfig property that holds the code (a string, `x-secret`). */
  codeProperty: string;
  /** A connectionConfig property (string, format date-time) that mirrors the expiry. */
  expiresAtProperty?: string;
  codeLength: number;
  codeAlphabet: CodeAlphabet;
  ttlSeconds: number;
  maxAttempts: number;
}

export interface IntegrationMetadata {
  /** Key the connection layer uses to find the provider implementation. */
  provider: string;
  category: Category;
  syncDirection: SyncDirection;
  /** Every way a user can connect, most recommended first (1.0 had one `authKind`). */
  authKinds: AuthKind[];
  models: Model[];
  /** What one user's connection holds (format 1.2: never the operator's settings). */
  connectionConfig: ConnectionConfigSchema;
  /**
   * Format 1.2: what the operator of an instance provides once (a bot token, gateway
   * credentials, a webhook secret), supplied through the environment or the operator settings
   * file (docs/configuration.md), never stored per user and never returned. Same schema
   * subset as `connectionConfig`; `x-secret` marks values that are never logged.
   */
  operatorSettings?: ConnectionConfigSchema;
  /** Format 1.2: a connection starts pending and is confirmed with a code (Telegram's `/start <code>`). */
  verification?: VerificationSpec;
  docsUrl?: string;
  /** Vendor API version the mappings were written against. */
  apiVersion?: string;
}

// ---------------------------------------------------------------------------------------
// Field mappings and transforms (the mapping engine's input; see docs/manifest-format.md)
// ---------------------------------------------------------------------------------------

/**
 * A path into a raw payload: a dot path (`properties.email`, `items.0.id`) or a JSONPath
 * starting with `$` (`$.payload.headers[*]`, `$..email`). Script segments (`?(...)`,
 * `(...)`) are rejected; select by condition with the `select` transform instead.
 */
export type SourcePath = string;

export const CONDITION_OPS = [
  'exists',
  'notExists',
  'equals',
  'notEquals',
  'in',
  'notIn',
  'startsWith',
] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

/**
 * A test on a value. `path` is read from the current record (or array element for `select`);
 * without it the condition tests the value flowing through the transform chain.
 */
export interface Condition {
  path?: SourcePath;
  op: ConditionOp;
  /** Operand of equals / notEquals, and the prefix (a string) of startsWith. */
  value?: unknown;
  /** Operand of in / notIn. */
  values?: unknown[];
  /** Compare strings without regard to case. */
  ignoreCase?: boolean;
}

export const COERCE_TARGETS = [
  'string',
  'number',
  'integer',
  'boolean',
  'date',
  'datetime',
  'decimal',
] as const;
export type CoerceTarget = (typeof COERCE_TARGETS)[number];

/**
 * The data type each coercion target yields (`decimal` is a number). The one table the
 * engine (which drops a type test a final coerce makes redundant) and the validator
 * (which infers a chain's type) both read.
 */
export const COERCE_TARGET_TYPES: Readonly<Record<CoerceTarget, DataType>> = Object.freeze({
  string: 'string',
  number: 'number',
  integer: 'integer',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
  decimal: 'number',
});

/** What to do with a value that does not coerce. */
export const ON_INVALID_POLICIES = ['null', 'default', 'skip', 'fail'] as const;
export type OnInvalidPolicy = (typeof ON_INVALID_POLICIES)[number];

/** How to read a date or datetime source. `auto` accepts ISO strings and epoch numbers (s or ms). */
export const TIME_INPUTS = ['auto', 'iso', 'epoch-seconds', 'epoch-millis'] as const;
export type TimeInput = (typeof TIME_INPUTS)[number];

export interface CoerceTransform {
  coerce: CoerceTarget;
  /** For date and datetime: how to read the input. Default `auto`. */
  from?: TimeInput;
  /** For decimal: the input is in minor units with this many decimals (Stripe: 2 for EUR). */
  minorUnits?: number;
  /** Default `fail`. */
  onInvalid?: OnInvalidPolicy;
}

export interface ValueMapTransform {
  /** Lookup table from source value (as a string) to output value. */
  valueMap: Record<string, unknown>;
  /** Output for a value not in the table; without it the value passes through unchanged. */
  fallback?: unknown;
  ignoreCase?: boolean;
}

export interface ConstTransform {
  const: unknown;
}

export interface IfTransform {
  if: Condition;
  then?: Transform[];
  else?: Transform[];
}

export interface SelectTransform {
  /** From an array, pick the first element matching `where`, then optionally read `pick` from it. */
  select: { where: Condition; pick?: SourcePath; all?: boolean };
}

export interface EachTransform {
  /** Apply a chain to every element of an array value. */
  each: Transform[];
}

export interface MapEachTransform {
  /** Turn every element of an array into an object (line items). */
  mapEach: Record<string, FieldMapping>;
  maxItems?: number;
}

export interface PluginTransform {
  plugin: string;
  options?: Record<string, unknown>;
}

export interface StringTransform {
  string: 'trim' | 'lower' | 'upper';
}

export interface SplitTransform {
  split: string;
}

export interface JoinTransform {
  join: string;
}

/**
 * "The id, or the object's id": a string or number passes through; an object (a Stripe
 * `customer` the request expanded) yields the value at `idOf` read from it.
 */
export interface IdOfTransform {
  idOf: SourcePath;
}

export type Transform =
  | CoerceTransform
  | ValueMapTransform
  | ConstTransform
  | IfTransform
  | SelectTransform
  | EachTransform
  | MapEachTransform
  | PluginTransform
  | StringTransform
  | SplitTransform
  | JoinTransform
  | IdOfTransform;

/**
 * How one target attribute is produced. Exactly one origin: `source`, `concat`, `template`
 * or `const`. Then `transforms` run in order; `default` replaces a missing (undefined or
 * null) source value before the transforms run, and is what `onInvalid: "default"` yields.
 */
export interface FieldMapping {
  /** A path, or ordered alternatives: the first that yields a value (not undefined, not null). */
  source?: SourcePath | SourcePath[];
  concat?: { sources: SourcePath[]; separator?: string };
  /** `{path}` placeholders are dot paths or JSONPaths into the record. */
  template?: string;
  const?: unknown;
  transforms?: Transform[];
  default?: unknown;
}

export interface ModelMapping {
  model: string;
  entityType: string;
  /** Target attribute key to how it is produced. */
  fields: Record<string, FieldMapping>;
  /**
   * Which records this mapping applies to: every condition must hold (paths read from the
   * record, after the envelope). A record for which one does not is reported skipped.
   */
  when?: Condition | Condition[];
  /** Where the record sits in a vendor response (`{"ticket": {...}}`, `{"tickets": [...]}`). */
  envelope?: RecordEnvelope;
}

/** Paths of a model's record in a response: `single` one record, `list` an array of them. */
export interface RecordEnvelope {
  single?: SourcePath;
  list?: SourcePath;
}

// ---------------------------------------------------------------------------------------
// Manifests
// ---------------------------------------------------------------------------------------

interface ManifestBase {
  $schema?: string;
  manifestVersion: ManifestVersion;
  /** Equal to the manifest's folder name. */
  key: string;
  name: string;
  description: string;
  /** Semver of the manifest content, for humans and changelogs. */
  version?: string;
  maintainers?: string[];
  tags?: string[];
  entityTypes: EntityType[];
  relationships?: Relationship[];
  semantic?: SemanticMetadata;
}

export interface IntegrationManifest extends ManifestBase {
  kind: 'integration';
  integration: IntegrationMetadata;
  mappings?: ModelMapping[];
}

export interface ExampleQuestion {
  question: string;
  entityTypes: string[];
}

export interface TemplateManifest extends ManifestBase {
  kind: 'template';
  businessType: string;
  exampleQuestions?: ExampleQuestion[];
}

export type Manifest = IntegrationManifest | TemplateManifest;
export type ManifestKind = Manifest['kind'];
