import {
  Counter,
  Gauge,
  Histogram,
  Registry,
  collectDefaultMetrics,
  type Metric,
} from 'prom-client';
import { RequestDurationHistogram } from './RequestDurationHistogram.js';
import type { SyncRunRecord } from '../syncTypes.js';
import type { ManifestStateKind } from '../syncTypes.js';

/**
 * Options of `HttpMetrics`: the scrape-time manifest counts and whether to collect process
 * metrics.
 */
export interface HttpMetricsOptions {
  /** Counts of manifest paths by state, read at scrape time. */
  manifestCounts?: () => Promise<Record<ManifestStateKind, number>>;
  /** Collect Node's default process metrics. Default true. */
  processMetrics?: boolean;
}

/** The buckets of `regsync_http_request_duration_seconds`, in seconds. */
export const HTTP_DURATION_BUCKETS: readonly number[] = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
];

/**
 * The service's Prometheus metrics, in a registry of its own (so tests can run several apps
 * in one process). Names and labels are documented in docs/http-api.md ("Metrics").
 */
export class HttpMetrics {
  readonly registry = new Registry();
  private readonly syncDuration: Histogram<'status'>;
  private readonly syncRuns: Counter<'status' | 'reason' | 'trigger'>;
  private readonly recordsMappedTotal: Counter<'integration' | 'model' | 'outcome'>;
  private readonly mapRefusedTotal: Counter;
  private readonly mapAdmissions = new Set<{ running(): number; waiting(): number }>();
  private readonly httpDuration: RequestDurationHistogram;

  constructor(options: HttpMetricsOptions = {}) {
    const registers = [this.registry];
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry });
    this.syncDuration = new Histogram({
      name: 'regsync_sync_duration_seconds',
      help: 'Duration of sync runs by final status.',
      labelNames: ['status'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
      registers,
    });
    this.syncRuns = new Counter({
      name: 'regsync_sync_runs_total',
      help: 'Sync runs by final status, reason and trigger.',
      labelNames: ['status', 'reason', 'trigger'],
      registers,
    });
    this.recordsMappedTotal = new Counter({
      name: 'regsync_records_mapped_total',
      help: 'Records mapped through POST /integrations/:key/models/:model/map, by outcome.',
      labelNames: ['integration', 'model', 'outcome'],
      registers,
    });
    // Observed on every request: a histogram of our own, printed by the registry in
    // prom-client's format (RequestDurationHistogram.ts says why).
    this.httpDuration = new RequestDurationHistogram(
      'regsync_http_request_duration_seconds',
      'HTTP request duration by method, route pattern and status.',
      HTTP_DURATION_BUCKETS,
    );
    this.registry.registerMetric(this.httpDuration as unknown as Metric);
    const admissions = this.mapAdmissions;
    new Gauge({
      name: 'regsync_map_requests',
      help: 'Map requests past the in-flight bound (running) and waiting for a slot (waiting).',
      labelNames: ['state'],
      registers,
      collect() {
        let running = 0;
        let waiting = 0;
        for (const gauge of admissions) {
          running += gauge.running();
          waiting += gauge.waiting();
        }
        this.set({ state: 'running' }, running);
        this.set({ state: 'waiting' }, waiting);
      },
    });
    this.mapRefusedTotal = new Counter({
      name: 'regsync_map_requests_refused_total',
      help: 'Map requests refused with 503 OVERLOADED (REGSYNC_MAP_CONCURRENCY + REGSYNC_MAP_QUEUE reached).',
      registers,
    });
    const manifestCounts = options.manifestCounts;
    new Gauge({
      name: 'regsync_manifests',
      help: 'Manifest paths by state (active, invalid, removed, never-ingested), read from the database at scrape time.',
      labelNames: ['state'],
      registers,
      async collect() {
        if (!manifestCounts) return;
        const counts = await manifestCounts().catch(() => undefined);
        if (!counts) return;
        for (const [state, value] of Object.entries(counts)) this.set({ state }, value);
      },
    });
  }

  syncFinished(run: SyncRunRecord): void {
    this.syncRuns.inc({ status: run.status, reason: run.reason, trigger: run.trigger });
    if (run.durationMs !== undefined)
      this.syncDuration.observe({ status: run.status }, run.durationMs / 1000);
  }

  /** Reports a map route's admission state in `regsync_map_requests` (one per app built). */
  trackMapAdmission(gauge: { running(): number; waiting(): number }): void {
    this.mapAdmissions.add(gauge);
  }

  mapRefused(): void {
    this.mapRefusedTotal.inc();
  }

  recordsMapped(integration: string, model: string, ok: number, failed: number): void {
    if (ok > 0) this.recordsMappedTotal.inc({ integration, model, outcome: 'ok' }, ok);
    if (failed > 0) this.recordsMappedTotal.inc({ integration, model, outcome: 'failed' }, failed);
  }

  /** Observes one finished request in `regsync_http_request_duration_seconds`. */
  httpRequest(info: { method: string; route: string; status: number; seconds: number }): void {
    this.httpDuration.observe(info.method, info.route, info.status, info.seconds);
  }
}
