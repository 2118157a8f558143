import type { SyncRunRecord } from './ports.js';

/**
 * The one JSON shape of a sync run, as `GET /api/v1/sync/runs/{id}` returns it and the CLI's
 * `regsync sync --once --json` extends it: dates as ISO strings, absent values as `null`.
 */
export function runJson(run: SyncRunRecord) {
  return {
    id: run.id,
    trigger: run.trigger,
    source: run.source,
    status: run.status,
    reason: run.reason,
    message: run.message ?? null,
    fromRevision: run.fromRevision ?? null,
    toRevision: run.toRevision ?? null,
    counts: run.counts,
    invalid: run.invalid,
    upgraded: run.upgraded,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt ? run.finishedAt.toISOString() : null,
    durationMs: run.durationMs ?? null,
    ...(run.sources
      ? {
          sources: run.sources.map((s) => ({
            name: s.name,
            runId: s.runId ?? null,
            status: s.status,
            reason: s.reason,
            message: s.message ?? null,
            fromRevision: s.fromRevision ?? null,
            toRevision: s.toRevision ?? null,
            counts: s.counts,
          })),
        }
      : {}),
  };
}

/**
 * The CLI's `--json` summary: the run's JSON shape plus the documented top-level fields of
 * `regsync sync --once --json` (a public contract): `runId`, `revision`, the counts
 * `added`, `updated`, `unchanged`, `removed`, `invalid`, and `findings` (every finding of
 * every invalid manifest, flattened).
 */
export function runSummaryJson(run: SyncRunRecord) {
  return {
    ...runJson(run),
    runId: run.id,
    revision: run.toRevision ?? null,
    ...run.counts,
    findings: run.invalid.flatMap((entry) => entry.findings),
  };
}
