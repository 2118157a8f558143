import type { FollowedSource, SourceStateRecord, SyncControl } from '../ports.js';
import type { SyncRunRecord } from '../syncTypes.js';

/**
 * Where a registry source stands (`GET /sync` → `sources[].state`): `synced` (its last run
 * succeeded, or it has a revision and no finished run to say otherwise), `gated` (the
 * validation gate held its newest commit), `failed` (unreachable or broken), `refused` (the
 * deletion guard), `never-synced`, or `unconfigured` (no longer in the list; its manifests
 * stay served until a forced run removes them). In every state but `never-synced` the
 * source's `revision` is what is served of it.
 */
export type SourceState =
  'synced' | 'gated' | 'failed' | 'refused' | 'never-synced' | 'unconfigured';

/** One source's line of `GET /sync`: its settings, what is served of it and its runs. */
export interface SourceStatus {
  name: string;
  origin: string;
  position: number;
  configured: boolean;
  settings: FollowedSource | undefined;
  revision: string | undefined;
  state: SourceState;
  lastRun: SyncRunRecord | undefined;
  lastError: SyncRunRecord | undefined;
}

const FINISHED = new Set(['succeeded', 'failed', 'gated', 'refused']);
const FAILING = new Set(['failed', 'gated', 'refused']);

/** The newer of two runs by start time (either may be missing). */
function newer(a: SyncRunRecord | undefined, b: SyncRunRecord | undefined) {
  if (!a) return b;
  if (!b) return a;
  return b.startedAt.getTime() > a.startedAt.getTime() ? b : a;
}

/**
 * Merges what the database recorded of each source (`states`, every instance's runs) with
 * what this process ran (`sync.lastRunOf`: a scheduled poll that found nothing is never
 * recorded, so after a failure the database alone would still say `failed`). Configured
 * sources come first, in list order; sources the database still knows but the list no
 * longer names follow as `unconfigured`.
 */
export function sourceStatuses(
  sync: Pick<SyncControl, 'sources' | 'lastRunOf'>,
  states: readonly SourceStateRecord[],
): SourceStatus[] {
  const byName = new Map(states.map((s) => [s.name, s]));
  const configured = sync.sources.map((settings, position): SourceStatus => {
    const recorded = byName.get(settings.name);
    const live = sync.lastRunOf(settings.name);
    const liveFinished = live && FINISHED.has(live.status) ? live : undefined;
    const lastRun = newer(recorded?.lastRun, liveFinished);
    const lastError = newer(
      recorded?.lastError,
      liveFinished && FAILING.has(liveFinished.status) ? liveFinished : undefined,
    );
    const revision =
      lastRun?.status === 'succeeded' && lastRun.toRevision
        ? lastRun.toRevision
        : recorded?.revision;
    return {
      name: settings.name,
      origin: recorded?.origin ?? settings.name,
      position,
      configured: true,
      settings,
      revision,
      state: stateOf(lastRun, revision),
      lastRun,
      lastError,
    };
  });
  const listed = new Set(sync.sources.map((s) => s.name));
  const stray = states
    .filter((s) => !listed.has(s.name))
    .map((s, i): SourceStatus => ({
      name: s.name,
      origin: s.origin,
      position: sync.sources.length + i,
      configured: false,
      settings: undefined,
      revision: s.revision,
      state: 'unconfigured',
      lastRun: s.lastRun,
      lastError: s.lastError,
    }));
  return [...configured, ...stray];
}

function stateOf(lastRun: SyncRunRecord | undefined, revision: string | undefined): SourceState {
  switch (lastRun?.status) {
    case 'failed':
    case 'gated':
    case 'refused':
      return lastRun.status;
    default:
      return revision ? 'synced' : 'never-synced';
  }
}

/** A run as a source's line shows it: what it did, not its per-manifest lists. */
function runBrief(run: SyncRunRecord | undefined) {
  if (!run) return null;
  return {
    id: run.id,
    trigger: run.trigger,
    status: run.status,
    reason: run.reason,
    message: run.message ?? null,
    fromRevision: run.fromRevision ?? null,
    toRevision: run.toRevision ?? null,
    counts: { ...run.counts },
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}

/** The JSON of one source's line (schema `SourceStatus`). */
export function sourceStatusJson(s: SourceStatus) {
  return {
    name: s.name,
    origin: s.origin,
    position: s.position,
    configured: s.configured,
    description: s.settings?.description ?? null,
    branch: s.settings?.branch ?? null,
    pinnedRevision: s.settings?.pinnedRevision ?? null,
    gate: s.settings?.gate ?? null,
    repository: s.settings?.repository ?? null,
    revision: s.revision ?? null,
    state: s.state,
    lastRun: runBrief(s.lastRun),
    lastError: runBrief(s.lastError),
  };
}
