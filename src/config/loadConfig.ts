/**
 * Reads Regsync's settings from environment variables (REGSYNC_*, DATABASE_URL, PORT).
 * Pure: takes the environment as an argument, so the CLI, the service and tests share it.
 * Every setting and its default is listed in docs/configuration.md; keep the two in step
 * (`loadConfig.test.ts` checks that every variable named here is documented there).
 */
import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { validate as validateCron } from 'node-cron';
import { MIN_WEBHOOK_SECRET_LENGTH } from './secretStrength.js';
import { readUserDataSettings, type UserDataSettings } from './userDataSettings.js';
import { readOperatorSettings } from './operatorSettings.js';
import { bundledPath } from './packagePaths.js';
import {
  isUrlLike,
  parseRegistryList,
  uniqueNames,
  type GitHubSettings,
  type SourceSettings,
} from './registrySources.js';
import { readSourcesFile } from './readSourcesFile.js';

/** pino's levels, as REGSYNC_LOG_LEVEL accepts them. */
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export type { GitHubSettings } from './registrySources.js';

/**
 * The whole typed configuration of the service, read once from the environment by `loadConfig`
 * (docs/configuration.md names every variable).
 */
export interface RegsyncConfig {
  port: number;
  host: string;
  /** PostgreSQL connection string; unset means the embedded database in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** A Git URL or a local folder: the first source's (the only one without layering). */
  registry: string;
  /**
   * Every registry source, in order (later ones overlay earlier ones): REGSYNC_SOURCES_FILE,
   * or REGSYNC_REGISTRY as a comma-separated list, or the one source of the single-source
   * variables. Never empty.
   */
  sources: SourceSettings[];
  /** True when `registry` is the bundled registry/ of this package (nothing configured). */
  registryIsBundled: boolean;
  branch?: string;
  subdir?: string;
  gitToken?: string;
  /** A commit sha or tag to hold the instance at (rollback); the scheduler does not move it. */
  revision?: string;
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

/** Folder of the registry bundled with this package. */
export const BUNDLED_REGISTRY = bundledPath('registry');

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

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
  const str = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = str(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      errors.push(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return Number(raw);
  };

  const port = int('PORT', 8080, 0, 65535);
  const host = str('REGSYNC_HOST') ?? '0.0.0.0';

  const databaseUrl = str('DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    errors.push('DATABASE_URL must start with postgresql:// or postgres://');
  }

  const registryRaw = str('REGSYNC_REGISTRY');
  const registry = registryRaw ?? BUNDLED_REGISTRY;
  // URLs, scp-style addresses and git transports (`ext::`, `fd::`) are passed to the source
  // untouched: it refuses the unsafe ones. Only plain paths are resolved against cwd.
  const isUrl = registryRaw !== undefined && isUrlLike(registryRaw);
  const isList =
    registryRaw !== undefined && (registryRaw.includes(',') || registryRaw === 'bundled');
  if (registryRaw?.startsWith('-') && !isList) {
    errors.push(
      'REGSYNC_REGISTRY must be a URL or a folder path, not something that starts with "-"',
    );
  }
  let resolvedRegistry = registryRaw === undefined || isUrl ? registry : resolve(cwd, registry);

  const pollCron = str('REGSYNC_POLL_CRON') ?? '*/5 * * * *';
  if (!validateCron(pollCron))
    errors.push(`REGSYNC_POLL_CRON is not a valid cron expression: "${pollCron}"`);

  const ratioRaw = str('REGSYNC_MAX_REMOVE_RATIO');
  let maxRemoveRatio = 0.5;
  if (ratioRaw !== undefined) {
    const ratio = Number(ratioRaw);
    if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1) {
      errors.push(`REGSYNC_MAX_REMOVE_RATIO must be a number from 0 to 1, got "${ratioRaw}"`);
    } else maxRemoveRatio = ratio;
  }

  const adminToken = str('REGSYNC_ADMIN_TOKEN');
  if (adminToken !== undefined && adminToken.length < 16) {
    errors.push('REGSYNC_ADMIN_TOKEN must be at least 16 characters long');
  }

  let github: GitHubSettings | undefined;
  const repo = str('REGSYNC_GITHUB_REPO');
  if (repo !== undefined) {
    if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repo)) {
      errors.push(`REGSYNC_GITHUB_REPO must look like owner/name, got "${repo}"`);
    }
    const apiUrl = str('REGSYNC_GITHUB_API_URL');
    if (apiUrl !== undefined && !/^https?:\/\//.test(apiUrl))
      errors.push('REGSYNC_GITHUB_API_URL must be an http(s) URL');
    github = {
      repo,
      token: str('REGSYNC_GITHUB_TOKEN'),
      apiUrl,
      checkName: str('REGSYNC_GATE_CHECK_NAME') ?? 'validate',
    };
    const appIdRaw = str('REGSYNC_GATE_APP_ID');
    if (appIdRaw !== undefined) {
      if (/^[1-9][0-9]{0,15}$/.test(appIdRaw)) github.appId = Number(appIdRaw);
      else
        errors.push(
          `REGSYNC_GATE_APP_ID must be a GitHub App id (a positive integer, 15368 for GitHub Actions), got "${appIdRaw}"`,
        );
    }
  }

  const logLevel = (str('REGSYNC_LOG_LEVEL') ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel))
    errors.push(`REGSYNC_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const webhookSecret = str('REGSYNC_WEBHOOK_SECRET');
  if (webhookSecret !== undefined && webhookSecret.length < MIN_WEBHOOK_SECRET_LENGTH)
    errors.push(
      `REGSYNC_WEBHOOK_SECRET must be at least ${MIN_WEBHOOK_SECRET_LENGTH} characters long (openssl rand -hex 32)`,
    );
  const userData = readUserDataSettings(env);
  if (!userData.ok) errors.push(...userData.errors);
  const operator = readOperatorSettings(env, cwd);
  if (!operator.ok) errors.push(...operator.errors);

  const subdir = str('REGSYNC_REGISTRY_SUBDIR');
  if (
    subdir !== undefined &&
    (subdir.startsWith('/') || subdir.split(/[\\/]/).includes('..') || subdir.startsWith('-'))
  ) {
    errors.push(
      'REGSYNC_REGISTRY_SUBDIR must be a relative path inside the repository (no "..", no leading "/" or "-")',
    );
  }

  const single = {
    branch: str('REGSYNC_BRANCH'),
    subdir,
    gitToken: str('REGSYNC_GIT_TOKEN'),
    revision: str('REGSYNC_REVISION'),
    github,
  };
  const omitUndefined = <T extends object>(o: T): T =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  const noRights = { override: false as const, hide: [] };
  let sources: SourceSettings[];
  const sourcesFile = str('REGSYNC_SOURCES_FILE');
  if (sourcesFile !== undefined) {
    if (registryRaw !== undefined)
      errors.push('set REGSYNC_REGISTRY or REGSYNC_SOURCES_FILE, not both');
    const path = resolve(cwd, sourcesFile);
    let text: string | undefined;
    try {
      text = readText(path);
    } catch (error) {
      errors.push(`REGSYNC_SOURCES_FILE ${path}: cannot be read (${(error as Error).message})`);
    }
    const read =
      text === undefined
        ? undefined
        : readSourcesFile({ path, text, env, bundledFolder: BUNDLED_REGISTRY });
    if (read && !read.ok) errors.push(...read.errors);
    sources = read?.ok
      ? read.sources
      : [{ name: 'bundled', registry: BUNDLED_REGISTRY, isBundled: true, rights: noRights }];
  } else if (isList) {
    const list = parseRegistryList({
      raw: registryRaw ?? '',
      cwd,
      bundledFolder: BUNDLED_REGISTRY,
    });
    errors.push(...list.errors);
    // The single-source variables keep their meaning for the first source only: a token
    // or a gate is never sent to a repository it was not configured for.
    sources = list.sources.map((s, i) => ({
      ...s,
      ...(i === 0 ? omitUndefined(single) : {}),
      rights: noRights,
    }));
  } else {
    const name =
      registryRaw === undefined
        ? 'bundled'
        : (uniqueNames([
            basename(resolvedRegistry.replace(/\.git$/, ''))
              .toLowerCase()
              .replace(/[^a-z0-9-]+/g, '-')
              .replace(/^-+|-+$/g, '')
              .slice(0, 40) || 'registry',
          ])[0] ?? 'registry');
    sources = [
      {
        name,
        registry: resolvedRegistry,
        isBundled: registryRaw === undefined,
        ...omitUndefined(single),
        rights: noRights,
      },
    ];
  }
  const first = sources[0];
  if (first) resolvedRegistry = first.registry;

  const config: RegsyncConfig = {
    port,
    host,
    databaseUrl,
    dataDir: resolve(cwd, str('REGSYNC_DATA_DIR') ?? '.regsync'),
    registry: resolvedRegistry,
    sources,
    registryIsBundled: first?.isBundled ?? registryRaw === undefined,
    branch: str('REGSYNC_BRANCH'),
    subdir,
    gitToken: str('REGSYNC_GIT_TOKEN'),
    revision: str('REGSYNC_REVISION'),
    pollCron,
    pollJitterSeconds: int('REGSYNC_POLL_JITTER_SECONDS', 30, 0, 3600),
    maxRemoveRatio,
    syncRunRetention: int('REGSYNC_SYNC_RUN_RETENTION', 1000, 10, 10_000_000),
    adminToken,
    webhookSecret,
    github,
    bodyLimitBytes: int('REGSYNC_BODY_LIMIT_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
    catalogCacheBytes: int('REGSYNC_CATALOG_CACHE_BYTES', 32 * 1024 * 1024, 0, 4 * 1024 ** 3),
    maxJsonDepth: int('REGSYNC_MAX_JSON_DEPTH', 32, 2, 256),
    timeouts: {
      statementMs: int('REGSYNC_DB_STATEMENT_TIMEOUT_MS', 30_000, 0, 3_600_000),
      lockMs: int('REGSYNC_DB_LOCK_TIMEOUT_MS', 10_000, 0, 3_600_000),
      requestMs: int('REGSYNC_REQUEST_TIMEOUT_MS', 30_000, 100, 3_600_000),
      readinessMs: int('REGSYNC_READINESS_TIMEOUT_MS', 2_000, 50, 60_000),
    },
    mapConcurrency: int('REGSYNC_MAP_CONCURRENCY', 2, 0, 1024),
    mapQueue: int('REGSYNC_MAP_QUEUE', 64, 0, 100_000),
    logLevel,
    feed: {
      retentionEvents: int('REGSYNC_FEED_RETENTION_EVENTS', 1000, 1, 10_000_000),
      retentionHours: int('REGSYNC_FEED_RETENTION_HOURS', 168, 1, 24 * 3650),
      maxStreams: int('REGSYNC_FEED_MAX_STREAMS', 100, 1, 100_000),
      heartbeatSeconds: int('REGSYNC_FEED_HEARTBEAT_SECONDS', 15, 1, 3600),
    },
    userData: {
      ...(userData.ok ? userData.settings : { previousKeys: [] }),
      ...(operator.ok ? { operator: operator.settings } : {}),
    },
  };
  return errors.length > 0 ? { ok: false, errors } : { ok: true, config };
}

/** Where the Git source keeps its bare mirror. */
export function gitCacheDir(config: RegsyncConfig): string {
  return join(config.dataDir, 'git');
}
