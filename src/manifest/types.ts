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
/** A manifest format version this build reads (older ones are upgraded in memory). */
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
/** One of `DATA_TYPES`. */
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
/** One of `CLASSIFICATIONS`. */
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

/** One attribute of an entity type: its key, data type and the rules its values follow. */
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

/** A kind of record in the catalog (a contact, an invoice) with its attributes. */
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

/** How many records of `to` one record of `from` relates to, and back. */
export const CARDINALITIES = ['one-to-one', 'one-to-many', 'many-to-one', 'many-to-many'] as const;
/** One of `CARDINALITIES`. */
export type Cardinality = (typeof CARDINALITIES)[number];

/** A named link between two entity types of the same manifest. */
export interface Relationship {
  key: string;
  from: string;
  to: string;
  cardinality: Cardinality;
  /** Attribute of `from` holding the reference, when there is one. */
  via?: string;
  semantic?: SemanticMetadata;
}

/**
 * What an integration is for: reading records in (`data-source`) or sending messages
 * (`notification-channel`).
 */
export const CATEGORIES = ['data-source', 'notification-channel'] as const;
/** One of `CATEGORIES`. */
export type Category = (typeof CATEGORIES)[number];

/** Which way an integration moves records, seen from the application. */
export const SYNC_DIRECTIONS = ['inbound', 'outbound', 'bidirectional'] as const;
/** One of `SYNC_DIRECTIONS`. */
export type SyncDirection = (typeof SYNC_DIRECTIONS)[number];

/** The ways a user can authenticate a connection to an integration. */
export const AUTH_KINDS = [
  'oauth2',
  'api-key',
  'basic',
  'bearer-token',
  'bot-token',
  'webhook-url',
  'none',
] as const;
/** One of `AUTH_KINDS`. */
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
/** A key of `CODE_ALPHABETS`. */
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

/**
 * The `integration` block of an integration manifest: the provider, how it connects (auth
 * kinds, connection config schema), and the vendor models it maps.
 */
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

/** The operators of a `Condition`. */
export const CONDITION_OPS = [
  'exists',
  'notExists',
  'equals',
  'notEquals',
  'in',
  'notIn',
  'startsWith',
] as const;
/** One of `CONDITION_OPS`. */
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

/** What a `coerce` transform can turn a value into. */
export const COERCE_TARGETS = [
  'string',
  'number',
  'integer',
  'boolean',
  'date',
  'datetime',
  'decimal',
] as const;
/** One of `COERCE_TARGETS`. */
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
/** One of `ON_INVALID_POLICIES`. */
export type OnInvalidPolicy = (typeof ON_INVALID_POLICIES)[number];

/** How to read a date or datetime source. `auto` accepts ISO strings and epoch numbers (s or ms). */
export const TIME_INPUTS = ['auto', 'iso', 'epoch-seconds', 'epoch-millis', 'rfc5322'] as const;
/** One of `TIME_INPUTS`. */
export type TimeInput = (typeof TIME_INPUTS)[number];

/**
 * `{ "coerce": ... }`: converts the value to a target type; a value that does not convert is
 * handled by `onInvalid`.
 */
export interface CoerceTransform {
  coerce: CoerceTarget;
  /** For date and datetime: how to read the input. Default `auto`. */
  from?: TimeInput;
  /** For decimal: the input is in minor units with this many decimals (Stripe: 2 for EUR). */
  minorUnits?: number;
  /** Default `fail`. */
  onInvalid?: OnInvalidPolicy;
}

/** `{ "valueMap": ... }`: replaces a value by its entry in a lookup table. */
export interface ValueMapTransform {
  /** Lookup table from source value (as a string) to output value. */
  valueMap: Record<string, unknown>;
  /** Output for a value not in the table; without it the value passes through unchanged. */
  fallback?: unknown;
  ignoreCase?: boolean;
}

/** `{ "const": ... }`: replaces the value by a constant. */
export interface ConstTransform {
  const: unknown;
}

/**
 * `{ "if": ... }`: runs `then` when the condition holds, else `else` (a missing branch passes
 * the value through).
 */
export interface IfTransform {
  if: Condition;
  then?: Transform[];
  else?: Transform[];
}

/**
 * `{ "select": ... }`: picks an element of an array by condition (or all matching ones with
 * `all`).
 */
export interface SelectTransform {
  /** From an array, pick the first element matching `where`, then optionally read `pick` from it. */
  select: { where: Condition; pick?: SourcePath; all?: boolean };
}

/** `{ "each": [...] }`: runs a chain on every element of an array. */
export interface EachTransform {
  /** Apply a chain to every element of an array value. */
  each: Transform[];
}

/**
 * `{ "mapEach": ... }`: maps every element of an array to an object, field by field, at most
 * `maxItems` elements.
 */
export interface MapEachTransform {
  /** Turn every element of an array into an object (line items). */
  mapEach: Record<string, FieldMapping>;
  maxItems?: number;
}

/**
 * `{ "plugin": ... }`: a registered plugin with its options (checked when the mapping
 * compiles).
 */
export interface PluginTransform {
  plugin: string;
  options?: Record<string, unknown>;
}

/** `{ "string": ... }`: trims or changes the case of a string. */
export interface StringTransform {
  string: 'trim' | 'lower' | 'upper';
}

/** `{ "split": sep }`: splits a string into a list of strings. */
export interface SplitTransform {
  split: string;
}

/** `{ "join": sep }`: joins a list into one string. */
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

/**
 * One step of a field's transform chain; docs/manifest-format.md and src/mapping/README.md give
 * each one's semantics.
 */
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

/**
 * How one vendor model's records become records of an entity type: the fields, which records it
 * applies to, and where they sit in a response.
 */
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

/**
 * Paths of a model's record in a response: `single` one record, `list` an array of them.
 * `list` may be an ordered list of paths: the first that yields an array holds the
 * records, and `$` (the response itself) reads a bare top-level array.
 */
export interface RecordEnvelope {
  single?: SourcePath;
  list?: SourcePath | SourcePath[];
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

/**
 * A manifest of `kind: "integration"`: entity types, the vendor connection, and the mappings of
 * its models.
 */
export interface IntegrationManifest extends ManifestBase {
  kind: 'integration';
  integration: IntegrationMetadata;
  mappings?: ModelMapping[];
}

/** A question a template's model is meant to answer, with the entity types it needs. */
export interface ExampleQuestion {
  question: string;
  entityTypes: string[];
}

/**
 * A manifest of `kind: "template"`: a business model that a workspace installs as its own
 * editable copy.
 */
export interface TemplateManifest extends ManifestBase {
  kind: 'template';
  businessType: string;
  exampleQuestions?: ExampleQuestion[];
}

/** Any manifest, told apart by `kind`. */
export type Manifest = IntegrationManifest | TemplateManifest;
/** `integration` or `template`. */
export type ManifestKind = Manifest['kind'];
