/**
 * JSON Schemas (draft 2020-12) of the connection and workspace bodies, for the OpenAPI
 * document's `components.schemas` (spread `userDataSchemas` into componentSchemas). They
 * describe what ConnectionService and WorkspaceService return; the connection and workspace
 * integration tests validate real responses against them.
 */
import { count, dateTime, nullable, ref, str } from './schemaParts.js';

/** The `next` of a page of a user-data list (src/http/routes/userDataCursors.ts). */
const nextCursor = {
  ...nullable('string'),
  description: 'Cursor of the next page (pass it as `cursor`); null on the last page.',
};
const provenance = {
  source: { enum: ['MANIFEST', 'TEMPLATE', 'RUNTIME'] },
  readonly: { type: 'boolean' },
} as const;
const origin = {
  anyOf: [
    { type: 'null' },
    {
      type: 'object',
      required: ['kind', 'key'],
      properties: { kind: { enum: ['template', 'integration'] }, key: str },
    },
  ],
};

const connection = {
  type: 'object',
  required: [
    'id',
    'userId',
    'integrationType',
    'label',
    'config',
    'isActive',
    'status',
    'verification',
    'connectedAt',
    'disconnectedAt',
    'lastUsedAt',
    'createdAt',
    'updatedAt',
    'integrationRemoved',
    'configValid',
    'secretsEncrypted',
    'findings',
  ],
  additionalProperties: false,
  properties: {
    id: { type: 'string', format: 'uuid' },
    userId: str,
    integrationType: str,
    label: nullable('string'),
    config: {
      type: 'object',
      description:
        'Plain values; every stored secret (x-secret) as { "set": true }, never its value.',
    },
    isActive: { type: 'boolean', description: 'True for status active only.' },
    status: {
      enum: ['active', 'pending', 'expired', 'locked', 'disconnected'],
      description:
        'pending: awaiting its confirmation code (POST …/confirm); expired or locked: the code ran out of time or attempts, a new connection is needed; only active connections are listed by default and used.',
    },
    verification: {
      anyOf: [
        { type: 'null' },
        {
          type: 'object',
          required: ['expiresAt', 'attemptsLeft'],
          additionalProperties: false,
          properties: {
            expiresAt: dateTime,
            attemptsLeft: count,
            code: {
              type: 'string',
              description:
                'In the create answer only: the code is stored hashed and never shown again.',
            },
          },
        },
      ],
      description: 'While pending, expired or locked; null otherwise.',
    },
    connectedAt: {
      ...dateTime,
      description: 'When it became active; for one not confirmed yet, when it was created.',
    },
    disconnectedAt: { anyOf: [{ type: 'null' }, dateTime] },
    lastUsedAt: { anyOf: [{ type: 'null' }, dateTime] },
    createdAt: dateTime,
    updatedAt: dateTime,
    integrationRemoved: {
      type: 'boolean',
      description: 'The integration is no longer in the catalog.',
    },
    configValid: {
      type: 'boolean',
      description:
        "No finding stands: the stored config validates against the integration's current connection config schema, every secret decrypts and every value at a secret path is encrypted at rest.",
    },
    secretsEncrypted: {
      type: 'boolean',
      description:
        'False while a value at a path the current schema marks x-secret is still stored in plain text (the property became secret after it was saved; also a secret-stored-plain finding). The next save or `regsync connections rekey` encrypts it.',
    },
    findings: { type: 'array', items: ref('FieldError') },
  },
};

const workspaceAttribute = {
  allOf: [ref('Attribute')],
  type: 'object',
  required: ['source', 'readonly'],
  properties: provenance,
};
const workspaceEntityType = {
  type: 'object',
  required: ['key', 'displayName', 'attributes', 'source', 'readonly', 'origin'],
  properties: {
    key: str,
    displayName: str,
    description: str,
    primaryKey: str,
    semantic: ref('SemanticMetadata'),
    attributes: { type: 'array', items: ref('WorkspaceAttribute') },
    ...provenance,
    origin,
  },
};
const workspaceRelationship = {
  allOf: [ref('Relationship')],
  type: 'object',
  required: ['source', 'readonly', 'origin'],
  properties: { ...provenance, origin },
};
const summaryProperties = {
  id: { type: 'string', format: 'uuid' },
  ownerId: str,
  name: str,
  createdAt: dateTime,
  updatedAt: dateTime,
};

const templateChange = {
  type: 'object',
  required: ['element', 'key', 'change', 'status'],
  properties: {
    element: { enum: ['entityType', 'attribute', 'relationship'] },
    entityType: str,
    key: str,
    change: { enum: ['added', 'removed', 'changed'] },
    status: { enum: ['applicable', 'alreadyApplied', 'conflict'] },
    reason: str,
    base: {},
    theirs: {},
    ours: {},
    resolution: { enum: ['ours', 'theirs'] },
  },
};
const version = {
  type: 'object',
  required: ['checksum', 'revision', 'source'],
  properties: {
    checksum: str,
    revision: str,
    source: { ...str, description: 'The registry source (its name) of this version.' },
  },
};
const templateChangesProperties = {
  template: str,
  installed: version,
  current: version,
  sourceChange: {
    description:
      'Set when the catalog serves the key from another source than the installed one: an upgrade must name `to` in `acceptSource`.',
    anyOf: [
      { type: 'null' },
      {
        type: 'object',
        required: ['rule', 'from', 'to', 'message'],
        properties: {
          rule: { const: 'template-source-changed' },
          from: { ...str, description: 'The source the workspace installed it from.' },
          to: { ...str, description: 'The source serving it now.' },
          message: str,
        },
      },
    ],
  },
  changes: { type: 'array', items: ref('TemplateChange') },
  counts: {
    type: 'object',
    required: ['applicable', 'alreadyApplied', 'conflict'],
    properties: { applicable: count, alreadyApplied: count, conflict: count },
  },
};

/** The named schemas of connections and workspaces, merged into `components.schemas`. */
export const userDataSchemas = {
  Connection: connection,
  ConnectionList: {
    type: 'object',
    required: ['items', 'next'],
    properties: { items: { type: 'array', items: ref('Connection') }, next: nextCursor },
  },
  IntegrationConnections: {
    type: 'object',
    required: ['integration', 'items', 'next'],
    properties: {
      integration: str,
      items: { type: 'array', items: ref('Connection') },
      next: nextCursor,
    },
  },
  WorkspaceAttribute: workspaceAttribute,
  WorkspaceEntityType: workspaceEntityType,
  WorkspaceRelationship: workspaceRelationship,
  WorkspaceSummary: {
    type: 'object',
    required: Object.keys(summaryProperties),
    properties: summaryProperties,
  },
  WorkspaceList: {
    type: 'object',
    required: ['items', 'next'],
    properties: { items: { type: 'array', items: ref('WorkspaceSummary') }, next: nextCursor },
  },
  Workspace: {
    type: 'object',
    required: [...Object.keys(summaryProperties), 'templates', 'entityTypes', 'relationships'],
    properties: {
      ...summaryProperties,
      templates: {
        type: 'array',
        items: {
          type: 'object',
          required: ['key', 'checksum', 'revision', 'source', 'installedAt', 'upgradedAt'],
          properties: {
            key: str,
            checksum: str,
            revision: str,
            source: { ...str, description: 'The registry source it was installed from (name).' },
            installedAt: dateTime,
            upgradedAt: { anyOf: [{ type: 'null' }, dateTime] },
          },
        },
      },
      entityTypes: { type: 'array', items: ref('WorkspaceEntityType') },
      relationships: { type: 'array', items: ref('WorkspaceRelationship') },
    },
  },
  TemplateChange: templateChange,
  TemplateChanges: {
    type: 'object',
    required: Object.keys(templateChangesProperties),
    properties: templateChangesProperties,
  },
  TemplateUpgrade: {
    type: 'object',
    required: [...Object.keys(templateChangesProperties), 'applied', 'resolved', 'conflicts'],
    properties: {
      ...templateChangesProperties,
      applied: { type: 'array', items: ref('TemplateChange') },
      resolved: { type: 'array', items: ref('TemplateChange') },
      conflicts: { type: 'array', items: ref('TemplateChange') },
    },
  },
};
