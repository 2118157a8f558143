/**
 * Reads Regsync's settings from environment variables (REGSYNC_*, DATABASE_URL, PORT).
 * Pure: takes the environment as an argument, so the CLI, the service and tests share it.
 * Every setting and its default is listed in docs/configuration.md; keep the two in step
 * (`loadConfig.test.ts` checks that every variable named in src/config is documented there,
 * and that no module outside src/config reads a REGSYNC_ variable).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validate as validateCron } from 'node-cron';
import { envReader, type EnvReader } from './envReaders.js';
import { MIN_WEBHOOK_SECRET_LENGTH } from './secretStrength.js';
import { readUserDataSettings, type UserDataSettings } from './userDataSettings.js';
import { readOperatorSettings } from './operatorSettings.js';
import { readNotifySettings } from './notifySettings.js';
import type { NotifySettings } from '../notify/ports.js';
import { readRegistrySettings, type RegistrySettings } from './readRegistrySettings.js';
import type { GitHubSettings } from './registrySources.js';

/** pino's levels, as REGSYNC_LOG_LEVEL accepts them. */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export type { GitHubSettings } from './registrySources.js';

/**
 * The whole typed configuration of the service, read once from the environment by `loadConfig`
 * (docs/configuration.md names every variable).
 */
export interface RegsyncConfig extends RegistrySettings {
  port: number;
  host: string;
  /** PostgreSQL connection string; unset means the embedded database in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  pollCron: string;
  /** Random delay before each scheduled poll, so many instances do not fetch at once. */
  pollJitterSeconds: number;
  /** A sync that would remove more than this share of the active manifests is refused. */
  maxRemoveRatio: number;
  /** How many sync runs the database keeps (the newest succeeded one always stays). */
  syncRunRetention: number;
  adminToken?: string;
  webhookSecret?: string;
  github?: GitHubSettings;
  /** Largest accepted request body, in bytes. */
  bodyLimitBytes: number;
  /** Most bytes the catalog response cache holds (least recently used out first). */
  catalogCacheBytes: number;
  /** Deepest JSON nesting accepted in a request body. */
  maxJsonDepth: number;
  /** Timeouts that keep a stalled database from hanging the service. */
  timeouts: TimeoutSettings;
  /** Map requests worked on at once (REGSYNC_MAP_CONCURRENCY); 0 turns the bound off. */
  mapConcurrency: number;
  /** Map requests that may wait for a slot before the next is refused with 503 (REGSYNC_MAP_QUEUE). */
  mapQueue: number;
  logLevel: LogLevel;
  /** The change feed (docs/configuration.md, "Change feed"). */
  feed: FeedSettings;
  /** Outbound webhooks (docs/configuration.md, "Outbound webhooks"). */
  notify: NotifySettings;
  /**
   * The connections and workspaces settings: REGSYNC_SECRET_KEY (and _PREVIOUS) parsed to
   * keys, REGSYNC_PROXY_SECRET; see docs/configuration.md.
   */
  userData: UserDataSettings;
}

/** The change feed's retention and streams. */
export interface FeedSettings {
  /** Newest events kept (REGSYNC_FEED_RETENTION_EVENTS, default 1000). */
  retentionEvents: number;
  /** Events older than this many hours are pruned (REGSYNC_FEED_RETENTION_HOURS, default 168). */
  retentionHours: number;
  /** Open SSE streams one instance serves at once (REGSYNC_FEED_MAX_STREAMS, default 100). */
  maxStreams: number;
  /** Seconds between heartbeat comments on an idle stream (REGSYNC_FEED_HEARTBEAT_SECONDS, default 15). */
  heartbeatSeconds: number;
}

/** Deadlines, in milliseconds (docs/configuration.md, "Timeouts"). */
export interface TimeoutSettings {
  /** PostgreSQL `statement_timeout` of every pooled session (0: none). */
  statementMs: number;
  /** PostgreSQL `lock_timeout` of every pooled session (0: none). */
  lockMs: number;
  /** Longest a request may take before it is answered 503 REQUEST_TIMEOUT. */
  requestMs: number;
  /** Longest `/readyz` waits for each of its checks. */
  readinessMs: number;
}

/** The configuration, or every problem found in the environment (each naming its variable). */
export type LoadConfigResult =
  { ok: true; config: RegsyncConfig } | { ok: false; errors: string[] };

export { BUNDLED_REGISTRY } from './readRegistrySettings.js';

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** PORT, REGSYNC_HOST and DATABASE_URL. */
function readListener(r: EnvReader, errors: string[]) {
  const port = r.int('PORT', { fallback: 8080, min: 0, max: 65535 });
  const host = r.str('REGSYNC_HOST') ?? '0.0.0.0';
  const databaseUrl = r.str('DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    errors.push('DATABASE_URL must start with postgresql:// or postgres://');
  }
  return { port, host, databaseUrl };
}

/** The scheduler's and the sync's knobs: when to poll, how much a sync may remove, what it keeps. */
function readSyncPolicy(r: EnvReader, errors: string[]) {
  const pollCron = r.str('REGSYNC_POLL_CRON') ?? '*/5 * * * *';
  if (!validateCron(pollCron))
    errors.push(`REGSYNC_POLL_CRON is not a valid cron expression: "${pollCron}"`);
  const ratioRaw = r.str('REGSYNC_MAX_REMOVE_RATIO');
  let maxRemoveRatio = 0.5;
  if (ratioRaw !== undefined) {
    const ratio = Number(ratioRaw);
    if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1) {
      errors.push(`REGSYNC_MAX_REMOVE_RATIO must be a number from 0 to 1, got "${ratioRaw}"`);
    } else maxRemoveRatio = ratio;
  }
  return {
    pollCron,
    maxRemoveRatio,
    pollJitterSeconds: r.int('REGSYNC_POLL_JITTER_SECONDS', { fallback: 30, min: 0, max: 3600 }),
    syncRunRetention: r.int('REGSYNC_SYNC_RUN_RETENTION', {
      fallback: 1000,
      min: 10,
      max: 10_000_000,
    }),
  };
}

/** The GitHub gate (REGSYNC_GITHUB_*, REGSYNC_GATE_*); undefined without REGSYNC_GITHUB_REPO. */
function readGitHub(r: EnvReader, errors: string[]): GitHubSettings | undefined {
  const repo = r.str('REGSYNC_GITHUB_REPO');
  if (repo === undefined) return undefined;
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repo)) {
    errors.push(`REGSYNC_GITHUB_REPO must look like owner/name, got "${repo}"`);
  }
  const apiUrl = r.str('REGSYNC_GITHUB_API_URL');
  if (apiUrl !== undefined && !/^https?:\/\//.test(apiUrl))
    errors.push('REGSYNC_GITHUB_API_URL must be an http(s) URL');
  const github: GitHubSettings = {
    repo,
    token: r.str('REGSYNC_GITHUB_TOKEN'),
    apiUrl,
    checkName: r.str('REGSYNC_GATE_CHECK_NAME') ?? 'validate',
  };
  const appIdRaw = r.str('REGSYNC_GATE_APP_ID');
  if (appIdRaw !== undefined) {
    if (/^[1-9][0-9]{0,15}$/.test(appIdRaw)) github.appId = Number(appIdRaw);
    else
      errors.push(
        `REGSYNC_GATE_APP_ID must be a GitHub App id (a positive integer, 15368 for GitHub Actions), got "${appIdRaw}"`,
      );
  }
  return github;
}

/** The shared secrets of the admin API and the inbound webhook, held to a minimum length. */
function readSecrets(r: EnvReader, errors: string[]) {
  const adminToken = r.str('REGSYNC_ADMIN_TOKEN');
  if (adminToken !== undefined && adminToken.length < 16) {
    errors.push('REGSYNC_ADMIN_TOKEN must be at least 16 characters long');
  }
  const webhookSecret = r.str('REGSYNC_WEBHOOK_SECRET');
  if (webhookSecret !== undefined && webhookSecret.length < MIN_WEBHOOK_SECRET_LENGTH)
    errors.push(
      `REGSYNC_WEBHOOK_SECRET must be at least ${MIN_WEBHOOK_SECRET_LENGTH} characters long (openssl rand -hex 32)`,
    );
  return { adminToken, webhookSecret };
}

/** REGSYNC_LOG_LEVEL, one of pino's levels. */
function readLogLevel(r: EnvReader, errors: string[]): LogLevel {
  const logLevel = (r.str('REGSYNC_LOG_LEVEL') ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel))
    errors.push(`REGSYNC_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  return logLevel;
}

/** The request limits, the map pool and the timeouts of the HTTP service and its database. */
function readLimits(r: EnvReader) {
  return {
    bodyLimitBytes: r.int('REGSYNC_BODY_LIMIT_BYTES', {
      fallback: 1024 * 1024,
      min: 1024,
      max: 64 * 1024 * 1024,
    }),
    catalogCacheBytes: r.int('REGSYNC_CATALOG_CACHE_BYTES', {
      fallback: 32 * 1024 * 1024,
      min: 0,
      max: 4 * 1024 ** 3,
    }),
    maxJsonDepth: r.int('REGSYNC_MAX_JSON_DEPTH', { fallback: 32, min: 2, max: 256 }),
    timeouts: {
      statementMs: r.int('REGSYNC_DB_STATEMENT_TIMEOUT_MS', {
        fallback: 30_000,
        min: 0,
        max: 3_600_000,
      }),
      lockMs: r.int('REGSYNC_DB_LOCK_TIMEOUT_MS', { fallback: 10_000, min: 0, max: 3_600_000 }),
      requestMs: r.int('REGSYNC_REQUEST_TIMEOUT_MS', {
        fallback: 30_000,
        min: 100,
        max: 3_600_000,
      }),
      readinessMs: r.int('REGSYNC_READINESS_TIMEOUT_MS', { fallback: 2_000, min: 50, max: 60_000 }),
    },
    mapConcurrency: r.int('REGSYNC_MAP_CONCURRENCY', { fallback: 2, min: 0, max: 1024 }),
    mapQueue: r.int('REGSYNC_MAP_QUEUE', { fallback: 64, min: 0, max: 100_000 }),
  };
}

/** The change feed's retention and streams. */
function readFeed(r: EnvReader): FeedSettings {
  return {
    retentionEvents: r.int('REGSYNC_FEED_RETENTION_EVENTS', {
      fallback: 1000,
      min: 1,
      max: 10_000_000,
    }),
    retentionHours: r.int('REGSYNC_FEED_RETENTION_HOURS', {
      fallback: 168,
      min: 1,
      max: 24 * 3650,
    }),
    maxStreams: r.int('REGSYNC_FEED_MAX_STREAMS', { fallback: 100, min: 1, max: 100_000 }),
    heartbeatSeconds: r.int('REGSYNC_FEED_HEARTBEAT_SECONDS', { fallback: 15, min: 1, max: 3600 }),
  };
}

/**
 * Outbound webhooks, connections and operator settings, read by their own modules; when they
 * are bad, their errors are collected and harmless defaults stand in.
 */
function readDelegated(env: NodeJS.ProcessEnv, cwd: string, errors: string[]) {
  const notify = readNotifySettings(env);
  if (!notify.ok) errors.push(...notify.errors);
  const userData = readUserDataSettings(env);
  if (!userData.ok) errors.push(...userData.errors);
  const operator = readOperatorSettings(env, cwd);
  if (!operator.ok) errors.push(...operator.errors);
  return {
    notify: notify.ok
      ? notify.settings
      : { receivers: [], allowPrivate: false, maxAttempts: 8, backoffMs: 1000 },
    userData: {
      ...(userData.ok ? userData.settings : { previousKeys: [] }),
      ...(operator.ok ? { operator: operator.settings } : {}),
    },
  };
}

/**
 * Parses the environment. Collects every problem instead of stopping at the first, and
 * names the variable in each, so a bad deployment is fixed in one round.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv,
  cwd: string = process.cwd(),
  readText: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): LoadConfigResult {
  const errors: string[] = [];
  const reader = envReader(env, errors);
  const listener = readListener(reader, errors);
  const sync = readSyncPolicy(reader, errors);
  const secrets = readSecrets(reader, errors);
  const github = readGitHub(reader, errors);
  const logLevel = readLogLevel(reader, errors);
  const delegated = readDelegated(env, cwd, errors);
  const registry = readRegistrySettings({ reader, errors, env, cwd, readText, github });
  const config: RegsyncConfig = {
    ...listener,
    dataDir: resolve(cwd, reader.str('REGSYNC_DATA_DIR') ?? '.regsync'),
    ...registry,
    ...sync,
    ...secrets,
    github,
    ...readLimits(reader),
    logLevel,
    feed: readFeed(reader),
    ...delegated,
  };
  return errors.length > 0 ? { ok: false, errors } : { ok: true, config };
}

/** Where the Git source keeps its bare mirror. */
export function gitCacheDir(config: RegsyncConfig): string {
  return join(config.dataDir, 'git');
}
