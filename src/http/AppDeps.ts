import type { Logger } from 'pino';
import type { UserDataSettings } from '../config/userDataSettings.js';
import type { FeedHub } from '../feed/FeedHub.js';
import type { ChangeFeedReader } from '../feed/ports.js';
import type { DeliveryStore } from '../notify/ports.js';
import type { ConnectionImporter } from '../connections/ConnectionImporter.js';
import type { ConnectionService } from '../connections/ConnectionService.js';
import type { WorkspaceService } from '../workspaces/WorkspaceService.js';
import type { CatalogState } from './CatalogState.js';
import type { HttpMetrics } from './metrics/HttpMetrics.js';
import type {
  AccessLineWriter,
  CatalogQueries,
  MappingService,
  SyncControl,
  WebhookTools,
} from './ports.js';

/** The services behind the connections and workspaces endpoints, and their settings. */
export interface UserDataServices {
  connections: ConnectionService;
  /** The NDJSON importer of legacy connections (CLI `connections import`, admin endpoint). */
  importer: ConnectionImporter;
  workspaces: WorkspaceService;
  settings: UserDataSettings;
}

/** The change feed behind `GET /events`. */
export interface FeedServices {
  hub: FeedHub;
  reader: ChangeFeedReader;
  /** Streams this instance serves at once (REGSYNC_FEED_MAX_STREAMS). */
  maxStreams: number;
  /** Between heartbeat comments on a stream (REGSYNC_FEED_HEARTBEAT_SECONDS), in ms. */
  heartbeatMs: number;
}

/** HTTP settings from RegsyncConfig. */
export interface HttpSettings {
  adminToken?: string;
  webhookSecret?: string;
  bodyLimitBytes: number;
  maxJsonDepth: number;
  /** Branch (or tag) the service follows; unset: the remote's default branch. */
  branch?: string;
  /** `owner/name` of the registry repository (REGSYNC_GITHUB_REPO): pushes of others are ignored. */
  repository?: string;
  /** A pinned revision: pushes never move it. */
  pinnedRevision?: string;
  /** Most records one map call accepts. Default 1000. */
  maxMapRecords?: number;
  /** A request not answered within this many ms gets 503 REQUEST_TIMEOUT (unset: none). */
  requestTimeoutMs?: number;
  /** How long `/readyz` waits for each check (default 2000 ms). */
  readinessTimeoutMs?: number;
  /** Map requests worked on at once (0: unbounded) and waiting past that; default 2 and 64. */
  mapConcurrency?: number;
  mapQueue?: number;
}

/** Everything `createApp` needs; `createHttpRuntime` builds it from a Runtime. */
export interface AppDeps {
  catalog: CatalogQueries;
  state: CatalogState;
  sync: SyncControl;
  mapping: MappingService;
  webhooks: WebhookTools;
  metrics: HttpMetrics;
  logger: Logger;
  /** Writes access lines to `logger` (accessLineWriter of src/logging); unset: through pino. */
  accessLine?: AccessLineWriter;
  settings: HttpSettings;
  /** Users' connections and workspaces; without them those routes answer 503. */
  userData?: UserDataServices;
  /** The change feed; without it `GET /events` answers 404. */
  feed?: FeedServices;
  /** The webhook delivery log behind `GET /notifications/deliveries`; without it 404. */
  deliveries?: DeliveryStore;
}
