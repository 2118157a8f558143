import type { AppDeps } from '../AppDeps.js';
import { loggableError } from '../../errors/loggableError.js';

/** One readiness check's outcome, as `/readyz` shows it. */
export interface ReadinessCheck {
  ok: boolean;
  detail: string;
}

/** An integration whose connections this instance refuses until its operator supplies settings. */
export interface DisabledIntegration {
  integration: string;
  /** Required operator settings that are missing (names only, never a value). */
  missing: string[];
  /** What to do, per setting (names the environment variable). */
  problems: Array<{ pointer: string; rule: string; message: string }>;
}

/** The body of `/readyz`. */
export interface Readiness {
  status: 'ready' | 'not-ready';
  checks: { database: ReadinessCheck; sync: ReadinessCheck };
  reasons: string[];
  /**
   * Integrations disabled for missing or invalid operator settings. They do not make the
   * instance not-ready: every other integration works.
   */
  disabledIntegrations: DisabledIntegration[];
}

const DEFAULT_DEADLINE_MS = 2_000;

/**
 * Runs the readiness checks, each with its own deadline (REGSYNC_READINESS_TIMEOUT_MS), so a
 * stalled database makes `/readyz` answer "not ready" in about that time, not after the
 * stall. The caller is anonymous: details name the check and what failed in our words
 * (reachable, no answer in time, which run ended how), never the driver's error text, which
 * goes to the log. The sync check is only asked once the database answered, and it says
 * "no sync has succeeded" only when the last run did not succeed.
 */
export async function checkReadiness(deps: AppDeps): Promise<Readiness> {
  const deadline = deps.settings.readinessTimeoutMs ?? DEFAULT_DEADLINE_MS;
  const log = deps.logger;
  const database = await withDeadline(deps.catalog.ping(), deadline).then(
    (): ReadinessCheck => ({ ok: true, detail: 'reachable' }),
    (error: unknown): ReadinessCheck => {
      log.warn({ err: loggableError(error), check: 'database' }, 'readiness check failed');
      return error instanceof DeadlineExceeded
        ? { ok: false, detail: `no answer within ${deadline} ms` }
        : { ok: false, detail: 'unreachable' };
    },
  );
  let sync: ReadinessCheck;
  if (!database.ok) {
    sync = { ok: false, detail: 'not checked: the database did not answer' };
  } else {
    sync = await withDeadline(deps.state.refresh(), deadline).then(
      (revision) => describeSync(deps, revision),
      (error: unknown): ReadinessCheck => {
        log.warn({ err: loggableError(error), check: 'sync' }, 'readiness check failed');
        return {
          ok: false,
          detail:
            error instanceof DeadlineExceeded
              ? `the served revision could not be read within ${deadline} ms`
              : 'the served revision could not be read',
        };
      },
    );
  }
  const checks = { database, sync };
  const ready = database.ok && sync.ok;
  const disabledIntegrations = database.ok ? await disabled(deps, deadline) : [];
  return {
    status: ready ? 'ready' : 'not-ready',
    checks,
    reasons: Object.entries(checks)
      .filter(([, c]) => !c.ok)
      .map(([name, c]) => `${name}: ${c.detail}`),
    disabledIntegrations,
  };
}

/** The integrations the operator settings disable; a failure here is logged, never fatal. */
async function disabled(deps: AppDeps, deadline: number): Promise<DisabledIntegration[]> {
  const connections = deps.userData?.connections;
  if (!connections) return [];
  try {
    const all = await withDeadline(connections.operatorReadiness(), deadline);
    return all
      .filter((r) => !r.ready)
      .map(({ integration, missing, problems }) => ({ integration, missing, problems }));
  } catch (error) {
    deps.logger.warn(
      { err: loggableError(error), check: 'operatorSettings' },
      'readiness check failed',
    );
    return [];
  }
}

function describeSync(deps: AppDeps, revision: string | undefined): ReadinessCheck {
  if (revision) return { ok: true, detail: `serving ${revision}` };
  if (deps.sync.running) return { ok: false, detail: 'the first sync is running' };
  const last = deps.sync.lastResult;
  if (!last) return { ok: false, detail: 'no sync has succeeded yet' };
  if (last.status === 'succeeded')
    return { ok: false, detail: `no revision is served yet (the last run ended ${last.reason})` };
  return {
    ok: false,
    detail: `no sync has succeeded yet; the last run ended ${last.status} (${last.reason})`,
  };
}

class DeadlineExceeded extends Error {}

/** Settles with `work`, or rejects with DeadlineExceeded after `ms` (the work goes on). */
function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded(`no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  // A rejection after the deadline is nobody's to handle: keep it from going unhandled.
  work.catch(() => undefined);
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
