/** Schemas of sync, manifest, webhook and probe responses. */
import { count, dateTime, nullable, ref, str, strings } from './schemaParts.js';
import { MANIFEST_STATE_KINDS } from '../ports.js';

/** Schema `Finding`: a validation finding, as `validateManifest` reports it. */
export const finding = {
  type: 'object',
  required: ['file', 'line', 'column', 'pointer', 'rule', 'message', 'severity'],
  properties: {
    file: str,
    line: { type: 'integer' },
    column: { type: 'integer' },
    pointer: str,
    rule: str,
    message: str,
    severity: { enum: ['error', 'warning'] },
  },
};

/** Schema `SyncCounts`. */
export const syncCounts = {
  type: 'object',
  additionalProperties: false,
  required: ['added', 'updated', 'unchanged', 'removed', 'invalid'],
  properties: { added: count, updated: count, unchanged: count, removed: count, invalid: count },
};

/** The fields that open every run schema: which run, and what started it. */
const runStart = {
  id: { type: 'string', format: 'uuid' },
  trigger: { enum: ['startup', 'schedule', 'webhook', 'manual', 'cli'] },
};

/** The fields of a run's outcome: its message, the revisions it moved between, its counts. */
const runOutcome = {
  message: nullable('string'),
  fromRevision: nullable('string'),
  toRevision: nullable('string'),
  counts: ref('SyncCounts'),
};

/** When a run started and finished (null while it runs). */
const runTimes = {
  startedAt: dateTime,
  finishedAt: { type: ['string', 'null'], format: 'date-time' },
};

/** An object of exactly these properties, every one required (in their order). */
function closedObject<P extends Record<string, unknown>>(properties: P) {
  return {
    type: 'object',
    additionalProperties: false,
    required: Object.keys(properties),
    properties,
  };
}

/** Schema `SyncRun`: one run (`GET /api/v1/sync/runs/{id}`), as `runJson` serializes it. */
export const syncRun = closedObject({
  ...runStart,
  source: str,
  status: { enum: ['queued', 'running', 'succeeded', 'failed', 'refused', 'gated', 'skipped'] },
  reason: {
    type: 'string',
    description:
      'Flux-style reason: Succeeded, UpToDate, SourceUnreachable, GateFailed, DeletionGuard, ...',
  },
  ...runOutcome,
  invalid: {
    type: 'array',
    description: 'Invalid manifests of the run with their findings.',
    items: {
      type: 'object',
      required: ['path', 'findings'],
      properties: { path: str, findings: { type: 'array', items: ref('Finding') } },
    },
  },
  upgraded: {
    type: 'array',
    items: { type: 'object', required: ['path', 'from'], properties: { path: str, from: str } },
  },
  ...runTimes,
  durationMs: nullable('integer'),
});

/** Schema `SyncStatus`: `GET /api/v1/sync`. */
export const syncStatus = {
  type: 'object',
  additionalProperties: false,
  required: ['revision', 'source', 'running', 'lastRun', 'nextRunAt', 'sources'],
  properties: {
    revision: {
      ...nullable('string'),
      description:
        "The catalog's revision (what ETags are made of): one source's synced revision, or with several sources `sha256:` of every source's name, revision and rights.",
    },
    source: {
      type: 'object',
      additionalProperties: false,
      required: ['description', 'branch', 'pinnedRevision', 'gate'],
      properties: {
        description: str,
        branch: nullable('string'),
        pinnedRevision: nullable('string'),
        gate: nullable('string'),
      },
    },
    running: { type: 'boolean' },
    lastRun: { oneOf: [ref('SyncRun'), { type: 'null' }] },
    nextRunAt: { type: ['string', 'null'], format: 'date-time' },
    sources: {
      type: 'array',
      description:
        'Every registry source, configured ones first in list order (one for a single-source instance), then sources the database still serves that the list no longer names.',
      items: ref('SourceStatus'),
    },
  },
};

/** Schema `SourceRunBrief`: one source's run as `GET /api/v1/sync` lists it. */
export const sourceRunBrief = closedObject({
  ...runStart,
  status: { enum: ['succeeded', 'failed', 'refused', 'gated'] },
  reason: str,
  ...runOutcome,
  ...runTimes,
});

/** Schema `SourceStatus`: one registry source in `GET /api/v1/sync`. */
export const sourceStatus = {
  type: 'object',
  additionalProperties: false,
  required: [
    'name',
    'origin',
    'position',
    'configured',
    'description',
    'branch',
    'pinnedRevision',
    'gate',
    'repository',
    'revision',
    'state',
    'lastRun',
    'lastError',
  ],
  properties: {
    name: str,
    origin: {
      ...str,
      description:
        'What the database records for the source (`primary` for the first source of a database synced before layering).',
    },
    position: count,
    configured: { type: 'boolean' },
    description: nullable('string'),
    branch: nullable('string'),
    pinnedRevision: nullable('string'),
    gate: nullable('string'),
    repository: {
      ...nullable('string'),
      description:
        'owner/name whose pushes sync this source (its gate repository, else a github.com URL); null: any signed push does.',
    },
    revision: {
      ...nullable('string'),
      description: 'The revision served of this source (its newest succeeded run).',
    },
    state: { enum: ['synced', 'gated', 'failed', 'refused', 'never-synced', 'unconfigured'] },
    lastRun: { oneOf: [ref('SourceRunBrief'), { type: 'null' }] },
    lastError: {
      oneOf: [ref('SourceRunBrief'), { type: 'null' }],
      description: 'The newest run of this source that did not succeed, whenever it was.',
    },
  },
};

/** Schema `SyncAccepted`: the 202 answer of `POST /api/v1/sync`. */
export const syncAccepted = {
  type: 'object',
  additionalProperties: false,
  required: ['runId', 'status', 'force', 'location'],
  properties: {
    runId: { type: 'string', format: 'uuid' },
    status: { enum: ['started', 'queued'] },
    force: { type: 'boolean' },
    location: str,
  },
};

/** Schema `ManifestState`: one item of `GET /api/v1/manifests`. */
export const manifestState = {
  type: 'object',
  additionalProperties: false,
  required: [
    'path',
    'kind',
    'key',
    'state',
    'checksum',
    'findings',
    'detail',
    'revision',
    'updatedAt',
    'source',
    'origin',
    'served',
    'servedBy',
  ],
  properties: {
    path: str,
    kind: { enum: ['integration', 'template', null] },
    key: nullable('string'),
    state: { enum: [...MANIFEST_STATE_KINDS] },
    checksum: nullable('string'),
    findings: { type: 'array', items: ref('Finding') },
    detail: {
      ...nullable('string'),
      description:
        'Why the path is in its state when findings do not say it (never-ingested: the gate or the deletion guard).',
    },
    revision: str,
    updatedAt: dateTime,
    source: {
      ...str,
      description:
        'The registry source this copy of the path comes from (its configured name; the origin of a source no longer configured).',
    },
    origin: {
      ...str,
      description:
        "The origin the database records for that source (`primary` for the first source of a database synced before layering), as the catalog's `origin`.",
    },
    served: { type: 'boolean', description: 'True when this copy is the one the catalog serves.' },
    servedBy: {
      ...nullable('string'),
      description:
        'The source whose copy of the path is served (another one for a collision or an override); null when none is (hidden, removed, never ingested).',
    },
  },
};

/** Schema `ManifestList`: `GET /api/v1/manifests`. */
export const manifestList = {
  type: 'object',
  additionalProperties: false,
  required: ['revision', 'counts', 'items', 'nextCursor'],
  properties: {
    revision: nullable('string'),
    nextCursor: {
      ...nullable('string'),
      description: 'Pass as `cursor` for the next page; null on the last one.',
    },
    counts: {
      type: 'object',
      additionalProperties: false,
      required: [...MANIFEST_STATE_KINDS],
      properties: Object.fromEntries(MANIFEST_STATE_KINDS.map((state) => [state, count])),
    },
    items: { type: 'array', items: ref('ManifestState') },
  },
};

/** Schema `WebhookAnswer`: what the GitHub webhook answers. */
export const webhookAnswer = {
  type: 'object',
  additionalProperties: false,
  required: ['status', 'delivery'],
  properties: {
    status: { enum: ['accepted', 'ignored', 'duplicate', 'pong'] },
    delivery: str,
    reason: str,
    runId: { type: 'string', format: 'uuid' },
    location: str,
    sources: {
      ...strings,
      description:
        'With several registry sources: the sources the push syncs (those whose repository it names).',
    },
  },
};

/** Schema `Health`: `GET /healthz`. */
export const health = {
  type: 'object',
  additionalProperties: false,
  required: ['status'],
  properties: { status: { const: 'ok' } },
};

/** Schema `Readiness`: `GET /readyz`. */
export const readiness = {
  type: 'object',
  additionalProperties: false,
  required: ['status', 'checks', 'reasons'],
  properties: {
    status: { enum: ['ready', 'not-ready'] },
    checks: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['ok', 'detail'],
        properties: { ok: { type: 'boolean' }, detail: str },
      },
    },
    reasons: strings,
    disabledIntegrations: {
      description:
        'Integrations whose connections are refused (503 OPERATOR_SETTINGS_MISSING) until the operator supplies their settings; they do not make the instance not-ready. Names only, never a value.',
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['integration', 'missing', 'problems'],
        properties: {
          integration: str,
          missing: strings,
          problems: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['pointer', 'rule', 'message'],
              properties: { pointer: str, rule: str, message: str },
            },
          },
        },
      },
    },
  },
};
