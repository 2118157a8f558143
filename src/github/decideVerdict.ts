import type { GateVerdict } from '../sync/ports.js';

/** The fields of a GitHub check run the gate reads. */
export interface CheckRunLike {
  id: number;
  name: string;
  /** `queued`, `in_progress`, `completed`, or the newer `waiting`/`requested`/`pending`. */
  status: string;
  conclusion: string | null;
  started_at?: string | null;
  completed_at?: string | null;
  html_url?: string | null;
}

/** The fields of a GitHub commit status the gate reads. */
export interface CommitStatusLike {
  context: string;
  /** `success`, `pending`, `failure` or `error`. */
  state: string;
  description?: string | null;
  target_url?: string | null;
}

const PASSING_CONCLUSIONS: ReadonlySet<string> = new Set(['success', 'neutral', 'skipped']);

/**
 * The newest check run of a set (a re-run adds a run with the same name): latest
 * `started_at`, else `completed_at`; ties and missing times go to the higher id, which
 * GitHub hands out in creation order.
 */
export function newestCheckRun<T extends CheckRunLike>(runs: readonly T[]): T | undefined {
  const time = (r: CheckRunLike): number => {
    const t = Date.parse(r.started_at ?? r.completed_at ?? '');
    return Number.isNaN(t) ? -Infinity : t;
  };
  let best: T | undefined;
  for (const run of runs) {
    if (
      best === undefined ||
      time(run) > time(best) ||
      (time(run) === time(best) && run.id > best.id)
    )
      best = run;
  }
  return best;
}

/**
 * The gate's verdict from what GitHub reports on one commit. Check runs named `checkName` win
 * (the newest of them decides): completed with success/neutral/skipped passes; not completed
 * is pending; any other conclusion (failure, cancelled, timed_out, action_required, stale,
 * or one GitHub adds later) fails. Without such a check run, the commit status with context
 * `checkName` decides: success passes, pending waits, failure/error fails. Neither: pending.
 * Pure; `checkRuns` may hold runs of other names, they are ignored.
 */
export function decideVerdict(options: {
  checkName: string;
  checkRuns: readonly CheckRunLike[];
  status?: CommitStatusLike;
}): GateVerdict {
  const { checkName } = options;
  const label = JSON.stringify(checkName);
  const run = newestCheckRun(options.checkRuns.filter((r) => r.name === checkName));
  if (run !== undefined) {
    const link = run.html_url ? ` (${run.html_url})` : '';
    if (run.status !== 'completed')
      return { state: 'pending', detail: `check ${label} is ${run.status}${link}` };
    const conclusion = run.conclusion ?? 'none';
    if (PASSING_CONCLUSIONS.has(conclusion)) return { state: 'passed' };
    return { state: 'failed', detail: `check ${label} concluded ${conclusion}${link}` };
  }

  const status = options.status?.context === checkName ? options.status : undefined;
  if (status !== undefined) {
    const description = status.description ? `: ${status.description}` : '';
    const link = status.target_url ? ` (${status.target_url})` : '';
    if (status.state === 'success') return { state: 'passed' };
    if (status.state === 'pending')
      return { state: 'pending', detail: `status ${label} is pending${description}${link}` };
    return { state: 'failed', detail: `status ${label} is ${status.state}${description}${link}` };
  }
  return { state: 'pending', detail: `no check named ${label} reported yet` };
}
