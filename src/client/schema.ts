/**
 * The types of the Regsync HTTP API, generated from openapi/openapi.json by openapi-typescript
 * (`npm run openapi:client`). Do not edit: change src/http/openapi/, then run
 * `npm run openapi:snapshot && npm run openapi:client`. `npm run lint` fails when this
 * file is stale.
 */
export interface paths {
  '/api/v1/users/{userId}/connections': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Must equal the authenticated user. */
        userId: string;
      };
      cookie?: never;
    };
    /** The user's connections */
    get: operations['listConnections'];
    put?: never;
    /** Connect: create one of the user's connections */
    post: operations['createConnection'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/{userId}/connections/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Must equal the authenticated user. */
        userId: string;
        /** @description Connection id. */
        id: string;
      };
      cookie?: never;
    };
    /** One connection, re-validated against the current schema */
    get: operations['getConnection'];
    put?: never;
    post?: never;
    /** Disconnect (soft delete; kept in the history) */
    delete: operations['disconnectConnection'];
    options?: never;
    head?: never;
    /** Change label or config (omitted secrets keep their value, null removes one) */
    patch: operations['updateConnection'];
    trace?: never;
  };
  '/api/v1/integrations/{key}/connections': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Admin: the connections of one integration across users */
    get: operations['listIntegrationConnections'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/{userId}/connections/{id}/confirm': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Must equal the authenticated user. */
        userId: string;
        /** @description Connection id. */
        id: string;
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Confirm a pending connection with its code (it becomes active) */
    post: operations['confirmConnection'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/workspaces': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The user's workspaces */
    get: operations['listWorkspaces'];
    put?: never;
    /** Create a workspace owned by the authenticated user */
    post: operations['createWorkspace'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/workspaces/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Workspace id. */
        id: string;
      };
      cookie?: never;
    };
    /** A workspace with its model */
    get: operations['getWorkspace'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/workspaces/{id}/templates': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Workspace id. */
        id: string;
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Install a template as editable copies */
    post: operations['installTemplate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/workspaces/{id}/integrations': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Workspace id. */
        id: string;
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Add an integration's entity types as readonly copies */
    post: operations['addIntegration'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/workspaces/{id}/templates/{key}/changes': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Workspace id. */
        id: string;
        /** @description Template key. */
        key: string;
      };
      cookie?: never;
    };
    /** Three-way comparison with the template now in the catalog */
    get: operations['getTemplateChanges'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/workspaces/{id}/templates/{key}/upgrade': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Workspace id. */
        id: string;
        /** @description Template key. */
        key: string;
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Apply non-conflicting upstream changes; settle chosen conflicts; report the rest */
    post: operations['upgradeTemplate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/workspaces/{id}/entity-types': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Workspace id. */
        id: string;
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Add an entity type */
    post: operations['addEntityType'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/workspaces/{id}/entity-types/{type}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Workspace id. */
        id: string;
        /** @description Entity type key. */
        type: string;
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Remove an entity type */
    delete: operations['removeEntityType'];
    options?: never;
    head?: never;
    /** Edit or rename an entity type */
    patch: operations['updateEntityType'];
    trace?: never;
  };
  '/api/v1/workspaces/{id}/entity-types/{type}/attributes': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Workspace id. */
        id: string;
        /** @description Entity type key. */
        type: string;
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Add an attribute */
    post: operations['addAttribute'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/workspaces/{id}/entity-types/{type}/attributes/{attribute}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Workspace id. */
        id: string;
        /** @description Entity type key. */
        type: string;
        /** @description Attribute key. */
        attribute: string;
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Remove an attribute */
    delete: operations['removeAttribute'];
    options?: never;
    head?: never;
    /** Edit, rename or retype an attribute */
    patch: operations['updateAttribute'];
    trace?: never;
  };
  '/api/v1/connections/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Admin: import connections from NDJSON (legacy columns, TD-001)
     * @description One connection a line: userId, integrationType, config, and optionally connectedAt, disconnectedAt, lastUsedAt, isActive, importKey. Each line is validated against its integration’s connection schema and stored whole or not at all; a re-run of the same body changes nothing.
     */
    post: operations['importConnections'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/healthz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness: the process answers */
    get: operations['getHealth'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/readyz': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Readiness: the database answers and a sync has succeeded */
    get: operations['getReadiness'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Prometheus metrics (text exposition format) */
    get: operations['getMetrics'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/openapi.json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** This document */
    get: operations['getOpenApiDocument'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/integrations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List integrations */
    get: operations['listIntegrations'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/integrations/{key}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Key of the integration. */
        key: string;
      };
      cookie?: never;
    };
    /** One integration with entity types, attributes, relationships, semantic metadata, mappings, revision and checksum */
    get: operations['getIntegration'];
    /** Refused: integrations are readonly (templates are the editable path) */
    put: operations['replaceIntegration'];
    post?: never;
    /** Refused: integrations are readonly (templates are the editable path) */
    delete: operations['deleteIntegration'];
    options?: never;
    head?: never;
    /** Refused: integrations are readonly (templates are the editable path) */
    patch: operations['updateIntegration'];
    trace?: never;
  };
  '/api/v1/integrations/{key}/entity-types': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Key of the integration. */
        key: string;
      };
      cookie?: never;
    };
    /** Entity types of one integration, in manifest order */
    get: operations['listIntegrationEntityTypes'];
    put?: never;
    /** Refused: integration entity types are readonly (templates are the editable path) */
    post: operations['createIntegrationEntityType'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/integrations/{key}/entity-types/{type}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Key of the integration. */
        key: string;
        /** @description Key of the entity type. */
        type: string;
      };
      cookie?: never;
    };
    /** One entity type of one integration */
    get: operations['getIntegrationEntityType'];
    /** Refused: integration entity types are readonly (templates are the editable path) */
    put: operations['replaceIntegrationEntityType'];
    post?: never;
    /** Refused: integration entity types are readonly (templates are the editable path) */
    delete: operations['deleteIntegrationEntityType'];
    options?: never;
    head?: never;
    /** Refused: integration entity types are readonly (templates are the editable path) */
    patch: operations['updateIntegrationEntityType'];
    trace?: never;
  };
  '/api/v1/integrations/{key}/models/{model}/map': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Map a batch of raw vendor records with the integration mapping of one model */
    post: operations['mapRecords'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/templates': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List templates */
    get: operations['listTemplates'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/templates/{key}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Key of the template. */
        key: string;
      };
      cookie?: never;
    };
    /** One template with entity types, attributes, relationships, semantic metadata, revision and checksum */
    get: operations['getTemplate'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/templates/{key}/entity-types': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Key of the template. */
        key: string;
      };
      cookie?: never;
    };
    /** Entity types of one template, in manifest order */
    get: operations['listTemplateEntityTypes'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/templates/{key}/entity-types/{type}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Key of the template. */
        key: string;
        /** @description Key of the entity type. */
        type: string;
      };
      cookie?: never;
    };
    /** One entity type of one template */
    get: operations['getTemplateEntityType'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/entity-types': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Entity types of every definition, or of one integration or template */
    get: operations['listEntityTypes'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/sync': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Revision served, last run, next scheduled run */
    get: operations['getSyncStatus'];
    put?: never;
    /** Start a sync (admin) */
    post: operations['startSync'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/sync/runs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The newest recorded sync runs (newest first), with counts and the findings of invalid manifests */
    get: operations['listSyncRuns'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/sync/runs/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One sync run (also a queued one started by this instance) */
    get: operations['getSyncRun'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/manifests': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every recorded manifest path with its state (active, invalid with findings, removed, never ingested) */
    get: operations['listManifests'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/github': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** GitHub push webhook (X-Hub-Signature-256 over the raw body) */
    post: operations['receiveGitHubWebhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The change feed: Server-Sent Events with Accept: text/event-stream, else the events after a cursor as JSON
     * @description With `Accept: text/event-stream`: a stream of `event: change` frames (`id:` is the event id, `data:` a ChangeEvent), heartbeat comments, and on reconnect with `Last-Event-ID` (or `after`) every missed event first; a cursor older than the retention gets one `event: expired` frame and the stream ends. Otherwise a JSON page of the events after `after` (all retained events without it), oldest first; a cursor older than the retention is a 410.
     */
    get: operations['listEvents'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/notifications/deliveries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The outbound webhook delivery log (admin): one row per event and receiver, with every attempt */
    get: operations['listWebhookDeliveries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    /** @description RFC 9457 problem details (application/problem+json). */
    Problem: {
      /** Format: uri */
      type: string;
      title: string;
      status: number;
      detail: string;
      instance: string;
      code: string;
      requestId?: string;
      errors?: components['schemas']['FieldError'][];
    };
    FieldError: {
      pointer: string;
      rule: string;
      message: string;
    };
    Finding: {
      file: string;
      line: number;
      column: number;
      pointer: string;
      rule: string;
      message: string;
      /** @enum {unknown} */
      severity: 'error' | 'warning';
    };
    SemanticMetadata: {
      definition?: string;
      classifications?: string[];
      tags?: string[];
      synonyms?: string[];
    };
    Attribute: {
      key: string;
      displayName?: string;
      /** @enum {unknown} */
      dataType:
        | 'string'
        | 'number'
        | 'integer'
        | 'boolean'
        | 'date'
        | 'datetime'
        | 'enum'
        | 'json'
        | 'reference';
      list?: boolean;
      required?: boolean;
      enumValues?: string[];
      references?: string;
      validation?: Record<string, unknown>;
      semantic?: components['schemas']['SemanticMetadata'];
    };
    EntityType: {
      key: string;
      displayName: string;
      description?: string;
      readonly: boolean;
      primaryKey?: string;
      attributes: components['schemas']['Attribute'][];
      semantic?: components['schemas']['SemanticMetadata'];
    };
    Relationship: {
      key: string;
      from: string;
      to: string;
      /** @enum {unknown} */
      cardinality: 'one-to-one' | 'one-to-many' | 'many-to-one' | 'many-to-many';
      via?: string;
      semantic?: components['schemas']['SemanticMetadata'];
    };
    ModelMapping: {
      model: string;
      entityType: string;
      fields: {
        [key: string]: Record<string, unknown>;
      };
    };
    IntegrationSummary: {
      key: string;
      name: string;
      description: string;
      tags: string[];
      path: string;
      revision: string;
      checksum: string;
      /** Format: date-time */
      updatedAt: string;
      /** @description Name of the registry source the served copy comes from (layered registries; the names GET /api/v1/sync lists, and what ?source= takes). */
      origin: string;
      category: string | null;
      provider: string | null;
    };
    TemplateSummary: {
      key: string;
      name: string;
      description: string;
      tags: string[];
      path: string;
      revision: string;
      checksum: string;
      /** Format: date-time */
      updatedAt: string;
      /** @description Name of the registry source the served copy comes from (layered registries; the names GET /api/v1/sync lists, and what ?source= takes). */
      origin: string;
    };
    IntegrationPage: {
      items: components['schemas']['IntegrationSummary'][];
      /** @description Cursor of the next page (pass as `cursor`), null on the last page. */
      next: string | null;
    };
    TemplatePage: {
      items: components['schemas']['TemplateSummary'][];
      /** @description Cursor of the next page (pass as `cursor`), null on the last page. */
      next: string | null;
    };
    IntegrationDetail: {
      /** @constant */
      kind: 'integration';
      key: string;
      name: string;
      description: string;
      version?: string;
      maintainers?: string[];
      tags: string[];
      semantic?: components['schemas']['SemanticMetadata'];
      /** @constant */
      readonly: true;
      entityTypes: components['schemas']['EntityType'][];
      relationships: components['schemas']['Relationship'][];
      path: string;
      manifestVersion: string;
      /** @description Registry revision at which this version was written. */
      revision: string;
      /** @description sha256 of the canonical manifest. */
      checksum: string;
      /** Format: date-time */
      updatedAt: string;
      /** @description Name of the registry source the served copy comes from (layered registries; the names GET /api/v1/sync lists, and what ?source= takes). */
      origin: string;
      integration: {
        provider: string;
        category: string;
        syncDirection: string;
        /** @description Every way a user can connect, most recommended first (manifests in format 1.0 are served upgraded). */
        authKinds: string[];
        docsUrl?: string;
        apiVersion?: string;
        models: {
          key: string;
          displayName?: string;
          description?: string;
          /** @description Entity type a payload of this model becomes. */
          entityType: string;
          docsUrl?: string;
        }[];
        connectionConfig: Record<string, unknown>;
      };
      mappings: components['schemas']['ModelMapping'][];
    };
    TemplateDetail: {
      /** @constant */
      kind: 'template';
      key: string;
      name: string;
      description: string;
      version?: string;
      maintainers?: string[];
      tags: string[];
      semantic?: components['schemas']['SemanticMetadata'];
      readonly: boolean;
      entityTypes: components['schemas']['EntityType'][];
      relationships: components['schemas']['Relationship'][];
      path: string;
      manifestVersion: string;
      /** @description Registry revision at which this version was written. */
      revision: string;
      /** @description sha256 of the canonical manifest. */
      checksum: string;
      /** Format: date-time */
      updatedAt: string;
      /** @description Name of the registry source the served copy comes from (layered registries; the names GET /api/v1/sync lists, and what ?source= takes). */
      origin: string;
      businessType: string;
      exampleQuestions: {
        question: string;
        entityTypes: string[];
      }[];
    };
    EntityTypeEntry: {
      definition: {
        /** @enum {unknown} */
        kind: 'integration' | 'template';
        key: string;
      };
      key: string;
      displayName: string;
      description?: string;
      readonly: boolean;
      primaryKey?: string;
      attributes: components['schemas']['Attribute'][];
      semantic?: components['schemas']['SemanticMetadata'];
    };
    EntityTypeList: {
      items: components['schemas']['EntityTypeEntry'][];
      /** @description Cursor of the next page (pass it as `cursor`); null on the last page. */
      next: string | null;
    };
    MapRequest: {
      /** @description Raw vendor records (payloads of the model), each a JSON object. */
      records: Record<string, unknown>[];
      /**
       * @description strict: a record with an error finding is ok: false. Default lenient.
       * @enum {unknown}
       */
      mode?: 'strict' | 'lenient';
      /** @description The user's connection these records came through: it must be an active connection of this integration; its lastUsedAt is updated. */
      connectionId?: string;
    };
    MappingFinding: {
      attribute: string;
      source: string;
      rule: string;
      message: string;
      /** @enum {unknown} */
      severity: 'error' | 'warning';
    };
    MapResponse: {
      /** @description Fields the compiler skipped (bad path, unregistered plugin), once per batch. */
      compileWarnings: components['schemas']['MappingFinding'][];
      integration: string;
      model: string;
      entityType: string;
      /** @enum {unknown} */
      mode: 'strict' | 'lenient';
      revision: string;
      checksum: string;
      results: {
        index: number;
        ok: boolean;
        attributes: Record<string, unknown>;
        findings: components['schemas']['MappingFinding'][];
      }[];
      counts: {
        records: number;
        ok: number;
        failed: number;
        warnings: number;
        errors: number;
      };
    };
    SyncCounts: {
      added: number;
      updated: number;
      unchanged: number;
      removed: number;
      invalid: number;
    };
    SyncRun: {
      /** Format: uuid */
      id: string;
      /** @enum {unknown} */
      trigger: 'startup' | 'schedule' | 'webhook' | 'manual' | 'cli';
      source: string;
      /** @enum {unknown} */
      status: 'queued' | 'running' | 'succeeded' | 'failed' | 'refused' | 'gated' | 'skipped';
      /** @description Flux-style reason: Succeeded, UpToDate, SourceUnreachable, GateFailed, DeletionGuard, ... */
      reason: string;
      message: string | null;
      fromRevision: string | null;
      toRevision: string | null;
      counts: components['schemas']['SyncCounts'];
      /** @description Invalid manifests of the run with their findings. */
      invalid: {
        path: string;
        findings: components['schemas']['Finding'][];
      }[];
      upgraded: {
        path: string;
        from: string;
      }[];
      /** Format: date-time */
      startedAt: string;
      /** Format: date-time */
      finishedAt: string | null;
      durationMs: number | null;
    };
    SyncRunList: {
      items: components['schemas']['SyncRun'][];
    };
    SyncStatus: {
      /** @description The catalog's revision (what ETags are made of): one source's synced revision, or with several sources `sha256:` of every source's name, revision and rights. */
      revision: string | null;
      source: {
        description: string;
        branch: string | null;
        pinnedRevision: string | null;
        gate: string | null;
      };
      running: boolean;
      lastRun: components['schemas']['SyncRun'] | null;
      /** Format: date-time */
      nextRunAt: string | null;
      /** @description Every registry source, configured ones first in list order (one for a single-source instance), then sources the database still serves that the list no longer names. */
      sources: components['schemas']['SourceStatus'][];
    };
    SourceStatus: {
      name: string;
      /** @description What the database records for the source (`primary` for the first source of a database synced before layering). */
      origin: string;
      position: number;
      configured: boolean;
      description: string | null;
      branch: string | null;
      pinnedRevision: string | null;
      gate: string | null;
      /** @description owner/name whose pushes sync this source (its gate repository, else a github.com URL); null: any signed push does. */
      repository: string | null;
      /** @description The revision served of this source (its newest succeeded run). */
      revision: string | null;
      /** @enum {unknown} */
      state: 'synced' | 'gated' | 'failed' | 'refused' | 'never-synced' | 'unconfigured';
      lastRun: components['schemas']['SourceRunBrief'] | null;
      /** @description The newest run of this source that did not succeed, whenever it was. */
      lastError: components['schemas']['SourceRunBrief'] | null;
    };
    SourceRunBrief: {
      /** Format: uuid */
      id: string;
      /** @enum {unknown} */
      trigger: 'startup' | 'schedule' | 'webhook' | 'manual' | 'cli';
      /** @enum {unknown} */
      status: 'succeeded' | 'failed' | 'refused' | 'gated';
      reason: string;
      message: string | null;
      fromRevision: string | null;
      toRevision: string | null;
      counts: components['schemas']['SyncCounts'];
      /** Format: date-time */
      startedAt: string;
      /** Format: date-time */
      finishedAt: string | null;
    };
    SyncAccepted: {
      /** Format: uuid */
      runId: string;
      /** @enum {unknown} */
      status: 'started' | 'queued';
      force: boolean;
      location: string;
    };
    ManifestState: {
      path: string;
      /** @enum {unknown} */
      kind: 'integration' | 'template' | null;
      key: string | null;
      /** @enum {unknown} */
      state: 'active' | 'invalid' | 'removed' | 'never-ingested' | 'shadowed';
      checksum: string | null;
      findings: components['schemas']['Finding'][];
      /** @description Why the path is in its state when findings do not say it (never-ingested: the gate or the deletion guard). */
      detail: string | null;
      revision: string;
      /** Format: date-time */
      updatedAt: string;
      /** @description The registry source this copy of the path comes from (its configured name; the origin of a source no longer configured). */
      source: string;
      /** @description The origin the database records for that source (`primary` for the first source of a database synced before layering), as the catalog's `origin`. */
      origin: string;
      /** @description True when this copy is the one the catalog serves. */
      served: boolean;
      /** @description The source whose copy of the path is served (another one for a collision or an override); null when none is (hidden, removed, never ingested). */
      servedBy: string | null;
    };
    ManifestList: {
      revision: string | null;
      /** @description Pass as `cursor` for the next page; null on the last one. */
      nextCursor: string | null;
      counts: {
        active: number;
        invalid: number;
        removed: number;
        'never-ingested': number;
        shadowed: number;
      };
      items: components['schemas']['ManifestState'][];
    };
    WebhookAnswer: {
      /** @enum {unknown} */
      status: 'accepted' | 'ignored' | 'duplicate' | 'pong';
      delivery: string;
      reason?: string;
      /** Format: uuid */
      runId?: string;
      location?: string;
      /** @description With several registry sources: the sources the push syncs (those whose repository it names). */
      sources?: string[];
    };
    Health: {
      /** @constant */
      status: 'ok';
    };
    Readiness: {
      /** @enum {unknown} */
      status: 'ready' | 'not-ready';
      checks: {
        [key: string]: {
          ok: boolean;
          detail: string;
        };
      };
      reasons: string[];
      /** @description Integrations whose connections are refused (503 OPERATOR_SETTINGS_MISSING) until the operator supplies their settings; they do not make the instance not-ready. Names only, never a value. */
      disabledIntegrations?: {
        integration: string;
        missing: string[];
        problems: {
          pointer: string;
          rule: string;
          message: string;
        }[];
      }[];
    };
    Connection: {
      /** Format: uuid */
      id: string;
      userId: string;
      integrationType: string;
      label: string | null;
      /** @description Plain values; every stored secret (x-secret) as { "set": true }, never its value. */
      config: Record<string, unknown>;
      /** @description True for status active only. */
      isActive: boolean;
      /**
       * @description pending: awaiting its confirmation code (POST …/confirm); expired or locked: the code ran out of time or attempts, a new connection is needed; only active connections are listed by default and used.
       * @enum {unknown}
       */
      status: 'active' | 'pending' | 'expired' | 'locked' | 'disconnected';
      /** @description While pending, expired or locked; null otherwise. */
      verification: null | {
        /** Format: date-time */
        expiresAt: string;
        attemptsLeft: number;
        /** @description In the create answer only: the code is stored hashed and never shown again. */
        code?: string;
      };
      /**
       * Format: date-time
       * @description When it became active; for one not confirmed yet, when it was created.
       */
      connectedAt: string;
      disconnectedAt: null | string;
      lastUsedAt: null | string;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      /** @description The integration is no longer in the catalog. */
      integrationRemoved: boolean;
      /** @description No finding stands: the stored config validates against the integration's current connection config schema, every secret decrypts and every value at a secret path is encrypted at rest. */
      configValid: boolean;
      /** @description False while a value at a path the current schema marks x-secret is still stored in plain text (the property became secret after it was saved; also a secret-stored-plain finding). The next save or `regsync connections rekey` encrypts it. */
      secretsEncrypted: boolean;
      findings: components['schemas']['FieldError'][];
    };
    ConnectionList: {
      items: components['schemas']['Connection'][];
      /** @description Cursor of the next page (pass it as `cursor`); null on the last page. */
      next: string | null;
    };
    IntegrationConnections: {
      integration: string;
      items: components['schemas']['Connection'][];
      /** @description Cursor of the next page (pass it as `cursor`); null on the last page. */
      next: string | null;
    };
    WorkspaceAttribute: {
      /** @enum {unknown} */
      source: 'MANIFEST' | 'TEMPLATE' | 'RUNTIME';
      readonly: boolean;
    } & components['schemas']['Attribute'];
    WorkspaceEntityType: {
      key: string;
      displayName: string;
      description?: string;
      primaryKey?: string;
      semantic?: components['schemas']['SemanticMetadata'];
      attributes: components['schemas']['WorkspaceAttribute'][];
      /** @enum {unknown} */
      source: 'MANIFEST' | 'TEMPLATE' | 'RUNTIME';
      readonly: boolean;
      origin: null | {
        /** @enum {unknown} */
        kind: 'template' | 'integration';
        key: string;
      };
    };
    WorkspaceRelationship: {
      /** @enum {unknown} */
      source: 'MANIFEST' | 'TEMPLATE' | 'RUNTIME';
      readonly: boolean;
      origin: null | {
        /** @enum {unknown} */
        kind: 'template' | 'integration';
        key: string;
      };
    } & components['schemas']['Relationship'];
    WorkspaceSummary: {
      /** Format: uuid */
      id: string;
      ownerId: string;
      name: string;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
    };
    WorkspaceList: {
      items: components['schemas']['WorkspaceSummary'][];
      /** @description Cursor of the next page (pass it as `cursor`); null on the last page. */
      next: string | null;
    };
    Workspace: {
      /** Format: uuid */
      id: string;
      ownerId: string;
      name: string;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      templates: {
        key: string;
        checksum: string;
        revision: string;
        /** @description The registry source it was installed from (name). */
        source: string;
        /** Format: date-time */
        installedAt: string;
        upgradedAt: null | string;
      }[];
      entityTypes: components['schemas']['WorkspaceEntityType'][];
      relationships: components['schemas']['WorkspaceRelationship'][];
    };
    TemplateChange: {
      /** @enum {unknown} */
      element: 'entityType' | 'attribute' | 'relationship';
      entityType?: string;
      key: string;
      /** @enum {unknown} */
      change: 'added' | 'removed' | 'changed';
      /** @enum {unknown} */
      status: 'applicable' | 'alreadyApplied' | 'conflict';
      reason?: string;
      base?: unknown;
      theirs?: unknown;
      ours?: unknown;
      /** @enum {unknown} */
      resolution?: 'ours' | 'theirs';
    };
    TemplateChanges: {
      template: string;
      installed: {
        checksum: string;
        revision: string;
        /** @description The registry source (its name) of this version. */
        source: string;
      };
      current: {
        checksum: string;
        revision: string;
        /** @description The registry source (its name) of this version. */
        source: string;
      };
      /** @description Set when the catalog serves the key from another source than the installed one: an upgrade must name `to` in `acceptSource`. */
      sourceChange: null | {
        /** @constant */
        rule: 'template-source-changed';
        /** @description The source the workspace installed it from. */
        from: string;
        /** @description The source serving it now. */
        to: string;
        message: string;
      };
      changes: components['schemas']['TemplateChange'][];
      counts: {
        applicable: number;
        alreadyApplied: number;
        conflict: number;
      };
    };
    TemplateUpgrade: {
      template: string;
      installed: {
        checksum: string;
        revision: string;
        /** @description The registry source (its name) of this version. */
        source: string;
      };
      current: {
        checksum: string;
        revision: string;
        /** @description The registry source (its name) of this version. */
        source: string;
      };
      /** @description Set when the catalog serves the key from another source than the installed one: an upgrade must name `to` in `acceptSource`. */
      sourceChange: null | {
        /** @constant */
        rule: 'template-source-changed';
        /** @description The source the workspace installed it from. */
        from: string;
        /** @description The source serving it now. */
        to: string;
        message: string;
      };
      changes: components['schemas']['TemplateChange'][];
      counts: {
        applicable: number;
        alreadyApplied: number;
        conflict: number;
      };
      applied: components['schemas']['TemplateChange'][];
      resolved: components['schemas']['TemplateChange'][];
      conflicts: components['schemas']['TemplateChange'][];
    };
    ConnectionImportReport: {
      /** @description True: nothing was written. */
      dryRun: boolean;
      /** @description Lines written (with dryRun: that would be). */
      imported: number;
      /** @description Lines already stored: their importKey, or without one the same user, integration and config. */
      unchanged: number;
      /** @description Lines of which nothing was stored. */
      failed: number;
      /** @description Every problem of every failed line, in line order (at most 1,000). */
      errors: {
        /** @description Line number in the body, from 1. */
        line: number;
        /** @description JSON pointer into the line ("" for the line). */
        pointer: string;
        rule: string;
        message: string;
      }[];
      /** @description Problems past the first 1,000, not listed. */
      errorsOmitted: number;
    };
    DefinitionChange: {
      /** @enum {unknown} */
      kind: 'integration' | 'template';
      key: string;
      /** @enum {unknown} */
      change: 'added' | 'updated' | 'removed';
      /** @description Served before; null when added. */
      oldChecksum: string | null;
      /** @description Served now; null when removed. */
      newChecksum: string | null;
    };
    /** @description What one sync run changed in the served catalog; the SSE `data` of an `event: change` and the CloudEvent `data` of a webhook. */
    ChangeEvent: {
      /** @description Monotonic; the SSE id and the cursor. */
      id: number;
      /** @description Catalog revision after the change. */
      revision: string;
      /** @description Catalog revision before it. */
      previousRevision: string | null;
      /** Format: date-time */
      recordedAt: string;
      counts: {
        added: number;
        updated: number;
        removed: number;
      };
      changes: components['schemas']['DefinitionChange'][];
    };
    ChangeEventPage: {
      items: components['schemas']['ChangeEvent'][];
      /** @description The `after` of the next request (the last id of this page). */
      next: number;
      /** @description Newest recorded id (0: none). */
      latestId: number;
    };
    Delivery: {
      /** Format: uuid */
      id: string;
      eventId: number;
      /** @description The receiver URL. */
      receiver: string;
      /** @enum {unknown} */
      status: 'pending' | 'delivered' | 'failed' | 'refused';
      attemptCount: number;
      /** Format: date-time */
      nextAttemptAt: string | null;
      attempts: {
        attempt: number;
        /** Format: date-time */
        at: string;
        durationMs: number;
        /** @enum {unknown} */
        outcome: 'delivered' | 'retry' | 'failed' | 'refused';
        httpStatus: number | null;
        error: string | null;
        /** @description host:pid of the instance that sent it. */
        instance: string;
      }[];
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
    };
    DeliveryPage: {
      items: components['schemas']['Delivery'][];
      nextCursor: string | null;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  listConnections: {
    parameters: {
      query?: {
        /** @description Also the connections that are not active: pending, expired or locked ones awaiting or past their confirmation code, and disconnected ones (history). */
        includeDisconnected?: 'true' | 'false';
        /** @description Page size, 1..500 (default 100). */
        limit?: number;
        /** @description The `next` cursor of the previous page. */
        cursor?: string;
        /** @description Only connections of this integration. */
        integrationType?: string;
      };
      header?: never;
      path: {
        /** @description Must equal the authenticated user. */
        userId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page, oldest first. */
      200: {
        headers: {
          /** @description rel="next" URL when there is a next page. */
          Link?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConnectionList'];
        };
      };
      /** @description A query parameter is invalid, repeated or undocumented (INVALID_QUERY). */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No or wrong proxy secret, or no user (code UNAUTHORIZED). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not this user's (code NOT_FOUND: existence does not leak). */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createConnection: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Must equal the authenticated user. */
        userId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description An integration or template key. */
          integrationType: string;
          label?: string | null;
          /** @description Checked against the integration's connectionConfig schema (CONFIG_INVALID). */
          config: Record<string, unknown>;
        };
      };
    };
    responses: {
      /** @description Created; secrets masked. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Connection'];
        };
      };
      /** @description An invalid, repeated or undocumented query parameter (INVALID_QUERY), body shape (VALIDATION_FAILED), config (CONFIG_INVALID), unknown integration or template, or a model the manifest rules refuse (MODEL_INVALID); errors carry JSON pointers. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No or wrong proxy secret, or no user (code UNAUTHORIZED). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not this user's (code NOT_FOUND: existence does not leak). */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description SECRET_KEY_MISSING: the config holds a secret and REGSYNC_SECRET_KEY is not set. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getConnection: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Must equal the authenticated user. */
        userId: string;
        /** @description Connection id. */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The connection. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Connection'];
        };
      };
      /** @description A query parameter is invalid, repeated or undocumented (INVALID_QUERY). */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No or wrong proxy secret, or no user (code UNAUTHORIZED). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not this user's (code NOT_FOUND: existence does not leak). */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  disconnectConnection: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Must equal the authenticated user. */
        userId: string;
        /** @description Connection id. */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Disconnected. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Connection'];
        };
      };
      /** @description A query parameter is invalid, repeated or undocumented (INVALID_QUERY). */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No or wrong proxy secret, or no user (code UNAUTHORIZED). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not this user's (code NOT_FOUND: existence does not leak). */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateConnection: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Must equal the authenticated user. */
        userId: string;
        /** @description Connection id. */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          label?: string | null;
          config?: Record<string, unknown>;
        };
      };
    };
    responses: {
      /** @description Changed. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Connection'];
        };
      };
      /** @description An invalid, repeated or undocumented query parameter (INVALID_QUERY), body shape (VALIDATION_FAILED), config (CONFIG_INVALID), unknown integration or template, or a model the manifest rules refuse (MODEL_INVALID); errors carry JSON pointers. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No or wrong proxy secret, or no user (code UNAUTHORIZED). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not this user's (code NOT_FOUND: existence does not leak). */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description CONNECTION_DISCONNECTED. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description SECRET_KEY_MISSING. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listIntegrationConnections: {
    parameters: {
      query?: {
        /** @description Also the connections that are not active: pending, expired or locked ones awaiting or past their confirmation code, and disconnected ones (history). */
        includeDisconnected?: 'true' | 'false';
        /** @description Page size, 1..500 (default 100). */
        limit?: number;
        /** @description The `next` cursor of the previous page. */
        cursor?: string;
      };
      header?: never;
      path: {
        /** @description Integration key. */
        key: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page, by user, then oldest first. */
      200: {
        headers: {
          /** @description rel="next" URL when there is a next page. */
          Link?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['IntegrationConnections'];
        };
      };
      /** @description A query parameter is invalid, repeated or undocumented (INVALID_QUERY). */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or wrong admin token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  confirmConnection: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Must equal the authenticated user. */
        userId: string;
        /** @description Connection id. */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description The code the create answer returned (`verification.code`). Surrounding spaces are ignored; alphanumeric codes are read case-insensitively. */
          code: string;
          /** @description Config fields learnt with the code (Telegram: the chat_id of the chat that sent /start <code>), merged over the stored config and checked against the integration's connectionConfig schema (CONFIG_INVALID spends no attempt). */
          config?: Record<string, unknown>;
        };
      };
    };
    responses: {
      /** @description Confirmed: status active, connectedAt now; secrets masked. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Connection'];
        };
      };
      /** @description VERIFICATION_CODE_WRONG (one attempt spent; errors says how many are left), CONFIG_INVALID, VALIDATION_FAILED, INVALID_QUERY or INTEGRATION_NOT_FOUND. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No or wrong proxy secret, or no user (code UNAUTHORIZED). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not this user's (code NOT_FOUND: existence does not leak). */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description CONNECTION_NOT_PENDING (already active), CONNECTION_DISCONNECTED, or VERIFICATION_LOCKED (every attempt spent). */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description VERIFICATION_EXPIRED: the code is past its expiry. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description OPERATOR_SETTINGS_MISSING or SECRET_KEY_MISSING. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listWorkspaces: {
    parameters: {
      query?: {
        /** @description Page size, 1..500 (default 100). */
        limit?: number;
        /** @description The `next` cursor of the previous page. */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page, oldest first. */
      200: {
        headers: {
          /** @description rel="next" URL when there is a next page. */
          Link?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WorkspaceList'];
        };
      };
      /** @description A query parameter is invalid, repeated or undocumented (INVALID_QUERY). */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No or wrong proxy secret, or no user (code UNAUTHORIZED). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not this user's (code NOT_FOUND: existence does not leak). */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createWorkspace: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          name: string;
        };
      };
    };
    responses: {
      /** @description Created. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Workspace'];
        };
      };
      /** @description An invalid, repeated or undocumented query parameter (INVALID_QUERY), body shape (VALIDATION_FAILED), config (CONFIG_INVALID), unknown integration or template, or a model the manifest rules refuse (MODEL_INVALID); errors carry JSON pointers. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No or wrong proxy secret, or no user (code UNAUTHORIZED). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not this user's (code NOT_FOUND: existence does not leak). */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getWorkspace: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Workspace id. */
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The workspace. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Workspace'];
        };
      };
      /** @description A query parameter is invalid, repeated or undocumented (INVALID_QUERY). */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No or wrong proxy secret, or no user (code UNAUTHORIZED). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not this user's (code NOT_FOUND: existence does not leak). */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  installTemplate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Workspace id. */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description An integration or template key. */
          template: string;
        };
      };
    };
    responses: {
      /** @description Installed. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Workspace'];
        };
      };
      /** @description An invalid, repeated or undocumented query parameter (INVALID_QUERY), body shape (VALIDATION_FAILED), config (CONFIG_INVALID), unknown integration or template, or a model the manifest rules refuse (MODEL_INVALID); errors carry JSON pointers. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No or wrong proxy secret, or no user (code UNAUTHORIZED). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not this user's (code NOT_FOUND: existence does not leak). */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description TEMPLATE_ALREADY_INSTALLED or KEY_CONFLICT. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  addIntegration: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Workspace id. */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @description An integration or template key. */
          integration: string;
        };
      };
    };
    responses: {
      /** @description Added. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Workspace'];
        };
      };
      /** @description An invalid, repeated or undocumented query parameter (INVALID_QUERY), body shape (VALIDATION_FAILED), config (CONFIG_INVALID), unknown integration or template, or a model the manifest rules refuse (MODEL_INVALID); errors carry JSON pointers. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No or wrong proxy secret, or no user (code UNAUTHORIZED). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not this user's (code NOT_FOUND: existence does not leak). */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description READONLY_COPY: the entity type (or attribute) is a readonly copy; KEY_CONFLICT: the key is taken. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getTemplateChanges: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Workspace id. */
        id: string;
        /** @description Template key. */
        key: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Upstream changes and their status. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TemplateChanges'];
        };
      };
      /** @description An invalid, repeated or undocumented query parameter (INVALID_QUERY), body shape (VALIDATION_FAILED), config (CONFIG_INVALID), unknown integration or template, or a model the manifest rules refuse (MODEL_INVALID); errors carry JSON pointers. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No or wrong proxy secret, or no user (code UNAUTHORIZED). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not this user's (code NOT_FOUND: existence does not leak). */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  upgradeTemplate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Workspace id. */
        id: string;
        /** @description Template key. */
        key: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        'application/json': {
          /** @description Conflicts to settle: keep the workspace's version (ours) or take upstream's (theirs, attributes and relationships). */
          resolve?: {
            /** @enum {unknown} */
            element: 'entityType' | 'attribute' | 'relationship';
            entityType?: string;
            key: string;
            /** @enum {unknown} */
            take: 'ours' | 'theirs';
          }[];
          /** @description The name of the source now serving the template, when it is not the one the workspace installed it from (`sourceChange` of the changes): accepts the move, and the workspace records that source. Without it such an upgrade is refused (409 TEMPLATE_SOURCE_CHANGED). */
          acceptSource?: string;
        };
      };
    };
    responses: {
      /** @description Applied, resolved and remaining conflicts. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TemplateUpgrade'];
        };
      };
      /** @description An invalid, repeated or undocumented query parameter (INVALID_QUERY), body shape (VALIDATION_FAILED), config (CONFIG_INVALID), unknown integration or template, or a model the manifest rules refuse (MODEL_INVALID); errors carry JSON pointers. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No or wrong proxy secret, or no user (code UNAUTHORIZED). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not this user's (code NOT_FOUND: existence does not leak). */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description TEMPLATE_SOURCE_CHANGED: the template is now served by another source than the installed one (the problem names both); repeat with `acceptSource`. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  addEntityType: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Workspace id. */
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          key: string;
          displayName: string;
          attributes?: unknown[];
        };
      };
    };
    responses: {
      /** @description Added. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Workspace'];
        };
      };
      /** @description An invalid, repeated or undocumented query parameter (INVALID_QUERY), body shape (VALIDATION_FAILED), config (CONFIG_INVALID), unknown integration or template, or a model the manifest rules refuse (MODEL_INVALID); errors carry JSON pointers. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No or wrong proxy secret, or no user (code UNAUTHORIZED). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not this user's (code NOT_FOUND: existence does not leak). */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description READONLY_COPY: the entity type (or attribute) is a readonly copy; KEY_CONFLICT: the key is taken. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  removeEntityType: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Workspace id. */
        id: string;
        /** @description Entity type key. */
        type: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Removed. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Workspace'];
        };
      };
      /** @description An invalid, repeated or undocumented query parameter (INVALID_QUERY), body shape (VALIDATION_FAILED), config (CONFIG_INVALID), unknown integration or template, or a model the manifest rules refuse (MODEL_INVALID); errors carry JSON pointers. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No or wrong proxy secret, or no user (code UNAUTHORIZED). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not this user's (code NOT_FOUND: existence does not leak). */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description READONLY_COPY: the entity type (or attribute) is a readonly copy; KEY_CONFLICT: the key is taken. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateEntityType: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Workspace id. */
        id: string;
        /** @description Entity type key. */
        type: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          key?: string;
          displayName?: string;
          description?: string | null;
          primaryKey?: string | null;
          semantic?: Record<string, unknown> | null;
        };
      };
    };
    responses: {
      /** @description Changed. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Workspace'];
        };
      };
      /** @description An invalid, repeated or undocumented query parameter (INVALID_QUERY), body shape (VALIDATION_FAILED), config (CONFIG_INVALID), unknown integration or template, or a model the manifest rules refuse (MODEL_INVALID); errors carry JSON pointers. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No or wrong proxy secret, or no user (code UNAUTHORIZED). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not this user's (code NOT_FOUND: existence does not leak). */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description READONLY_COPY: the entity type (or attribute) is a readonly copy; KEY_CONFLICT: the key is taken. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  addAttribute: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Workspace id. */
        id: string;
        /** @description Entity type key. */
        type: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          key: string;
          dataType: string;
        };
      };
    };
    responses: {
      /** @description Added. */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Workspace'];
        };
      };
      /** @description An invalid, repeated or undocumented query parameter (INVALID_QUERY), body shape (VALIDATION_FAILED), config (CONFIG_INVALID), unknown integration or template, or a model the manifest rules refuse (MODEL_INVALID); errors carry JSON pointers. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No or wrong proxy secret, or no user (code UNAUTHORIZED). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not this user's (code NOT_FOUND: existence does not leak). */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description READONLY_COPY: the entity type (or attribute) is a readonly copy; KEY_CONFLICT: the key is taken. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  removeAttribute: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Workspace id. */
        id: string;
        /** @description Entity type key. */
        type: string;
        /** @description Attribute key. */
        attribute: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Removed. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Workspace'];
        };
      };
      /** @description An invalid, repeated or undocumented query parameter (INVALID_QUERY), body shape (VALIDATION_FAILED), config (CONFIG_INVALID), unknown integration or template, or a model the manifest rules refuse (MODEL_INVALID); errors carry JSON pointers. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No or wrong proxy secret, or no user (code UNAUTHORIZED). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not this user's (code NOT_FOUND: existence does not leak). */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description READONLY_COPY: the entity type (or attribute) is a readonly copy; KEY_CONFLICT: the key is taken. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateAttribute: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Workspace id. */
        id: string;
        /** @description Entity type key. */
        type: string;
        /** @description Attribute key. */
        attribute: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          key?: string;
          dataType?: string;
        };
      };
    };
    responses: {
      /** @description Changed. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Workspace'];
        };
      };
      /** @description An invalid, repeated or undocumented query parameter (INVALID_QUERY), body shape (VALIDATION_FAILED), config (CONFIG_INVALID), unknown integration or template, or a model the manifest rules refuse (MODEL_INVALID); errors carry JSON pointers. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No or wrong proxy secret, or no user (code UNAUTHORIZED). */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not found, or not this user's (code NOT_FOUND: existence does not leak). */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description READONLY_COPY: the entity type (or attribute) is a readonly copy; KEY_CONFLICT: the key is taken. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  importConnections: {
    parameters: {
      query?: {
        /** @description Validate and count, write nothing. */
        dryRun?: 'true' | 'false';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/x-ndjson': string;
      };
    };
    responses: {
      /** @description The report (also when lines failed: see failed and errors). */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConnectionImportReport'];
        };
      };
      /** @description An invalid or undocumented query parameter (INVALID_QUERY). */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or wrong admin token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description A line longer than REGSYNC_BODY_LIMIT_BYTES (PAYLOAD_TOO_LARGE). */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not application/x-ndjson (UNSUPPORTED_MEDIA_TYPE). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getHealth: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Up. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Health'];
        };
      };
      /** @description Request headers past 16 KiB (HEADERS_TOO_LARGE). */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getReadiness: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Ready. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Readiness'];
        };
      };
      /** @description Request headers past 16 KiB (HEADERS_TOO_LARGE). */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not ready, with reasons. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Readiness'];
        };
      };
    };
  };
  getMetrics: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Metrics. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/plain': string;
        };
      };
      /** @description Request headers past 16 KiB (HEADERS_TOO_LARGE). */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getOpenApiDocument: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OpenAPI 3.1. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': Record<string, unknown>;
        };
      };
      /** @description Request headers past 16 KiB (HEADERS_TOO_LARGE). */
      431: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listIntegrations: {
    parameters: {
      query?: {
        /** @description Only this category. */
        category?: 'data-source' | 'notification-channel';
        /** @description Page size, 1..100 (default 20). */
        limit?: number;
        /** @description The `next` cursor of the previous page. */
        cursor?: string;
        /** @description Only definitions with this tag. */
        tag?: string;
        /** @description Free text, matched case-insensitively against key, name and description. */
        q?: string;
        /** @description Only definitions served from the registry source of this name. A name no registry source has is a 400 listing the known ones (GET /api/v1/sync lists them). */
        source?: string;
      };
      header?: {
        'If-None-Match'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of integrations, ordered by key. */
      200: {
        headers: {
          /** @description Digest of the synced revision and the request URL. */
          ETag?: string;
          /** @description Always `no-cache`: revalidate with If-None-Match. */
          'Cache-Control'?: string;
          /** @description rel="next" URL when there is a next page. */
          Link?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['IntegrationPage'];
        };
      };
      /** @description Not modified: the If-None-Match ETag is current. */
      304: {
        headers: {
          /** @description Digest of the synced revision and the request URL. */
          ETag?: string;
          /** @description Always `no-cache`: revalidate with If-None-Match. */
          'Cache-Control'?: string;
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A query parameter is invalid, repeated or not documented for this operation (INVALID_QUERY, with errors naming each one). */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getIntegration: {
    parameters: {
      query?: {
        /** @description Only if the served copy comes from the registry source of this name (else 404 naming the source it comes from). A name no registry source has is a 400 listing the known ones (GET /api/v1/sync lists them). */
        source?: string;
      };
      header?: {
        'If-None-Match'?: string;
      };
      path: {
        /** @description Key of the integration. */
        key: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The integration. */
      200: {
        headers: {
          /** @description Digest of the synced revision and the request URL. */
          ETag?: string;
          /** @description Always `no-cache`: revalidate with If-None-Match. */
          'Cache-Control'?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['IntegrationDetail'];
        };
      };
      /** @description Not modified: the If-None-Match ETag is current. */
      304: {
        headers: {
          /** @description Digest of the synced revision and the request URL. */
          ETag?: string;
          /** @description Always `no-cache`: revalidate with If-None-Match. */
          'Cache-Control'?: string;
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A query parameter is invalid, repeated or not documented for this operation (INVALID_QUERY, with errors naming each one). */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such integration (from that source, when `source` is given). */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  replaceIntegration: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Key of the integration. */
        key: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A query parameter is invalid, repeated or not documented for this operation (INVALID_QUERY, with errors naming each one). */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Readonly: change the registry with a Git commit, or customise a template. */
      405: {
        headers: {
          Allow?: string;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteIntegration: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Key of the integration. */
        key: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A query parameter is invalid, repeated or not documented for this operation (INVALID_QUERY, with errors naming each one). */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Readonly: change the registry with a Git commit, or customise a template. */
      405: {
        headers: {
          Allow?: string;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateIntegration: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Key of the integration. */
        key: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A query parameter is invalid, repeated or not documented for this operation (INVALID_QUERY, with errors naming each one). */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Readonly: change the registry with a Git commit, or customise a template. */
      405: {
        headers: {
          Allow?: string;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listIntegrationEntityTypes: {
    parameters: {
      query?: {
        /** @description Page size, 1..100 (default 20). */
        limit?: number;
        /** @description The `next` cursor of the previous page. */
        cursor?: string;
      };
      header?: {
        'If-None-Match'?: string;
      };
      path: {
        /** @description Key of the integration. */
        key: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of its entity types. */
      200: {
        headers: {
          /** @description Digest of the synced revision and the request URL. */
          ETag?: string;
          /** @description Always `no-cache`: revalidate with If-None-Match. */
          'Cache-Control'?: string;
          /** @description rel="next" URL when there is a next page. */
          Link?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EntityTypeList'];
        };
      };
      /** @description Not modified: the If-None-Match ETag is current. */
      304: {
        headers: {
          /** @description Digest of the synced revision and the request URL. */
          ETag?: string;
          /** @description Always `no-cache`: revalidate with If-None-Match. */
          'Cache-Control'?: string;
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A query parameter is invalid, repeated or not documented for this operation (INVALID_QUERY, with errors naming each one). */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such integration. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  createIntegrationEntityType: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Key of the integration. */
        key: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A query parameter is invalid, repeated or not documented for this operation (INVALID_QUERY, with errors naming each one). */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Readonly: change the registry with a Git commit, or customise a template. */
      405: {
        headers: {
          Allow?: string;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getIntegrationEntityType: {
    parameters: {
      query?: never;
      header?: {
        'If-None-Match'?: string;
      };
      path: {
        /** @description Key of the integration. */
        key: string;
        /** @description Key of the entity type. */
        type: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The entity type. */
      200: {
        headers: {
          /** @description Digest of the synced revision and the request URL. */
          ETag?: string;
          /** @description Always `no-cache`: revalidate with If-None-Match. */
          'Cache-Control'?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EntityTypeEntry'];
        };
      };
      /** @description Not modified: the If-None-Match ETag is current. */
      304: {
        headers: {
          /** @description Digest of the synced revision and the request URL. */
          ETag?: string;
          /** @description Always `no-cache`: revalidate with If-None-Match. */
          'Cache-Control'?: string;
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A query parameter is invalid, repeated or not documented for this operation (INVALID_QUERY, with errors naming each one). */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such definition or entity type. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  replaceIntegrationEntityType: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Key of the integration. */
        key: string;
        /** @description Key of the entity type. */
        type: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A query parameter is invalid, repeated or not documented for this operation (INVALID_QUERY, with errors naming each one). */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Readonly: change the registry with a Git commit, or customise a template. */
      405: {
        headers: {
          Allow?: string;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteIntegrationEntityType: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Key of the integration. */
        key: string;
        /** @description Key of the entity type. */
        type: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A query parameter is invalid, repeated or not documented for this operation (INVALID_QUERY, with errors naming each one). */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Readonly: change the registry with a Git commit, or customise a template. */
      405: {
        headers: {
          Allow?: string;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  updateIntegrationEntityType: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Key of the integration. */
        key: string;
        /** @description Key of the entity type. */
        type: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A query parameter is invalid, repeated or not documented for this operation (INVALID_QUERY, with errors naming each one). */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Readonly: change the registry with a Git commit, or customise a template. */
      405: {
        headers: {
          Allow?: string;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  mapRecords: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description Key of the integration. */
        key: string;
        model: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['MapRequest'];
      };
    };
    responses: {
      /** @description One result per record, in order, with findings as data. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MapResponse'];
        };
      };
      /** @description Malformed JSON (MALFORMED_JSON), too deep (JSON_TOO_DEEP), not the documented shape (VALIDATION_FAILED, with errors), or an undocumented query parameter (INVALID_QUERY). */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such integration, model or mapping. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is larger than REGSYNC_BODY_LIMIT_BYTES. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not application/json. */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listTemplates: {
    parameters: {
      query?: {
        /** @description Page size, 1..100 (default 20). */
        limit?: number;
        /** @description The `next` cursor of the previous page. */
        cursor?: string;
        /** @description Only definitions with this tag. */
        tag?: string;
        /** @description Free text, matched case-insensitively against key, name and description. */
        q?: string;
        /** @description Only definitions served from the registry source of this name. A name no registry source has is a 400 listing the known ones (GET /api/v1/sync lists them). */
        source?: string;
      };
      header?: {
        'If-None-Match'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of templates, ordered by key. */
      200: {
        headers: {
          /** @description Digest of the synced revision and the request URL. */
          ETag?: string;
          /** @description Always `no-cache`: revalidate with If-None-Match. */
          'Cache-Control'?: string;
          /** @description rel="next" URL when there is a next page. */
          Link?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TemplatePage'];
        };
      };
      /** @description Not modified: the If-None-Match ETag is current. */
      304: {
        headers: {
          /** @description Digest of the synced revision and the request URL. */
          ETag?: string;
          /** @description Always `no-cache`: revalidate with If-None-Match. */
          'Cache-Control'?: string;
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A query parameter is invalid, repeated or not documented for this operation (INVALID_QUERY, with errors naming each one). */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getTemplate: {
    parameters: {
      query?: {
        /** @description Only if the served copy comes from the registry source of this name (else 404 naming the source it comes from). A name no registry source has is a 400 listing the known ones (GET /api/v1/sync lists them). */
        source?: string;
      };
      header?: {
        'If-None-Match'?: string;
      };
      path: {
        /** @description Key of the template. */
        key: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The template. */
      200: {
        headers: {
          /** @description Digest of the synced revision and the request URL. */
          ETag?: string;
          /** @description Always `no-cache`: revalidate with If-None-Match. */
          'Cache-Control'?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TemplateDetail'];
        };
      };
      /** @description Not modified: the If-None-Match ETag is current. */
      304: {
        headers: {
          /** @description Digest of the synced revision and the request URL. */
          ETag?: string;
          /** @description Always `no-cache`: revalidate with If-None-Match. */
          'Cache-Control'?: string;
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A query parameter is invalid, repeated or not documented for this operation (INVALID_QUERY, with errors naming each one). */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such template (from that source, when `source` is given). */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listTemplateEntityTypes: {
    parameters: {
      query?: {
        /** @description Page size, 1..100 (default 20). */
        limit?: number;
        /** @description The `next` cursor of the previous page. */
        cursor?: string;
      };
      header?: {
        'If-None-Match'?: string;
      };
      path: {
        /** @description Key of the template. */
        key: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of its entity types. */
      200: {
        headers: {
          /** @description Digest of the synced revision and the request URL. */
          ETag?: string;
          /** @description Always `no-cache`: revalidate with If-None-Match. */
          'Cache-Control'?: string;
          /** @description rel="next" URL when there is a next page. */
          Link?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EntityTypeList'];
        };
      };
      /** @description Not modified: the If-None-Match ETag is current. */
      304: {
        headers: {
          /** @description Digest of the synced revision and the request URL. */
          ETag?: string;
          /** @description Always `no-cache`: revalidate with If-None-Match. */
          'Cache-Control'?: string;
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A query parameter is invalid, repeated or not documented for this operation (INVALID_QUERY, with errors naming each one). */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such template. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getTemplateEntityType: {
    parameters: {
      query?: never;
      header?: {
        'If-None-Match'?: string;
      };
      path: {
        /** @description Key of the template. */
        key: string;
        /** @description Key of the entity type. */
        type: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The entity type. */
      200: {
        headers: {
          /** @description Digest of the synced revision and the request URL. */
          ETag?: string;
          /** @description Always `no-cache`: revalidate with If-None-Match. */
          'Cache-Control'?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EntityTypeEntry'];
        };
      };
      /** @description Not modified: the If-None-Match ETag is current. */
      304: {
        headers: {
          /** @description Digest of the synced revision and the request URL. */
          ETag?: string;
          /** @description Always `no-cache`: revalidate with If-None-Match. */
          'Cache-Control'?: string;
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description A query parameter is invalid, repeated or not documented for this operation (INVALID_QUERY, with errors naming each one). */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such definition or entity type. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listEntityTypes: {
    parameters: {
      query?: {
        /** @description Key of an integration. */
        integration?: string;
        /** @description Key of a template. */
        template?: string;
        /** @description Page size, 1..100 (default 20). */
        limit?: number;
        /** @description The `next` cursor of the previous page. */
        cursor?: string;
      };
      header?: {
        'If-None-Match'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of entity types (integrations first, then templates, each by key, then in manifest order), with the definition each belongs to. */
      200: {
        headers: {
          /** @description Digest of the synced revision and the request URL. */
          ETag?: string;
          /** @description Always `no-cache`: revalidate with If-None-Match. */
          'Cache-Control'?: string;
          /** @description rel="next" URL when there is a next page. */
          Link?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EntityTypeList'];
        };
      };
      /** @description Not modified: the If-None-Match ETag is current. */
      304: {
        headers: {
          /** @description Digest of the synced revision and the request URL. */
          ETag?: string;
          /** @description Always `no-cache`: revalidate with If-None-Match. */
          'Cache-Control'?: string;
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Both filters given, or a query parameter is invalid, repeated or not documented for this operation (INVALID_QUERY, with errors naming each one). */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such integration or template. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getSyncStatus: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Sync status. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SyncStatus'];
        };
      };
      /** @description A query parameter is invalid, repeated or not documented for this operation (INVALID_QUERY, with errors naming each one). */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  startSync: {
    parameters: {
      query?: {
        /** @description true: compare every manifest and lift the deletion guard. */
        force?: 'true' | 'false';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Started or queued; poll the Location. */
      202: {
        headers: {
          Location?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SyncAccepted'];
        };
      };
      /** @description The force value, or a query parameter, is invalid, repeated or not documented for this operation (INVALID_QUERY, with errors naming each one). */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or wrong admin token. */
      401: {
        headers: {
          'WWW-Authenticate'?: string;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listSyncRuns: {
    parameters: {
      query?: {
        /** @description Page size, 1..100 (default 20). */
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Runs. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SyncRunList'];
        };
      };
      /** @description A query parameter is invalid, repeated or not documented for this operation (INVALID_QUERY, with errors naming each one). */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getSyncRun: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The run. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SyncRun'];
        };
      };
      /** @description A query parameter is invalid, repeated or not documented for this operation (INVALID_QUERY, with errors naming each one). */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description No such run. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listManifests: {
    parameters: {
      query?: {
        /** @description Only paths in this state. */
        state?: 'active' | 'invalid' | 'removed' | 'never-ingested' | 'shadowed';
        /** @description Only paths containing this text (any case). */
        q?: string;
        /** @description Page size, 1..1000 (default 500). */
        limit?: number;
        /** @description The `nextCursor` cursor of the previous page. */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Manifest paths in path order; counts of all paths. */
      200: {
        headers: {
          /** @description rel="next" URL when there is a next page. */
          Link?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ManifestList'];
        };
      };
      /** @description The state, q, limit or cursor is invalid, repeated or not documented for this operation (INVALID_QUERY, with errors naming each one). */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  receiveGitHubWebhook: {
    parameters: {
      query?: never;
      header: {
        'X-GitHub-Event': string;
        'X-GitHub-Delivery'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': Record<string, unknown>;
      };
    };
    responses: {
      /** @description ping answered, or a delivery already handled. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookAnswer'];
        };
      };
      /** @description A push to the followed branch started a sync (runId), or the event was ignored (reason). */
      202: {
        headers: {
          Location?: string;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookAnswer'];
        };
      };
      /** @description Malformed or too deeply nested JSON, a push without ref, or an undocumented query parameter. */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or wrong signature. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description REGSYNC_WEBHOOK_SECRET is not set on this instance. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Body too large. */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Not application/json (set the webhook content type to application/json). */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listEvents: {
    parameters: {
      query?: {
        /** @description Only events with a greater id (the last id the client saw). */
        after?: string;
        /** @description Page size, 1..1000 (default 100). */
        limit?: number;
      };
      header?: {
        /** @description SSE reconnect: the id of the last event received (wins over `after`). */
        'Last-Event-ID'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A JSON page, or the SSE stream. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ChangeEventPage'];
          'text/event-stream': string;
        };
      };
      /** @description A cursor or limit is invalid, repeated or undocumented (INVALID_QUERY). */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description This instance serves no change feed. */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description FEED_EXPIRED: events after the cursor are no longer retained; resync the catalog. */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description FEED_STREAMS_EXHAUSTED: REGSYNC_FEED_MAX_STREAMS streams are open. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listWebhookDeliveries: {
    parameters: {
      query?: {
        /** @description Page size, 1..1000 (default 100). */
        limit?: number;
        /** @description Only deliveries in this status. */
        status?: 'pending' | 'delivered' | 'failed' | 'refused';
        /** @description The `nextCursor` of the previous page. */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deliveries, oldest event first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DeliveryPage'];
        };
      };
      /** @description A limit, status or cursor is invalid (INVALID_QUERY). */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Missing or wrong admin token. */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Unexpected error (500) or database unavailable (503). */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
}
