/**
 * `regsync_http_request_duration_seconds` without prom-client's per-observation cost.
 *
 * prom-client 15's `Histogram.observe` validates the label names, sorts and joins them into a
 * hash string, and walks the buckets through an object keyed by bound, on every request
 * (a pre-bound `labels()` child still validates and hashes). Here a label set is looked up
 * by one joined string in a Map and counted into a plain array, and the registry prints it:
 * `getForPromString` hands prom-client's Registry the same structure its Histogram does
 * (bucket lines with `le` first, then `+Inf`, `_sum`, `_count`, cumulative counts), so the
 * exposition text is prom-client's own (RequestDurationHistogram.test.ts holds it to a
 * prom-client Histogram fed the same observations).
 */

/** The labels of one request's observation. */
export interface RequestLabels {
  method: string;
  route: string;
  status: string;
}

/** One label set's counts: per bucket (not cumulative), the sum and the count. */
interface Series {
  labels: RequestLabels;
  buckets: number[];
  sum: number;
  count: number;
}

/** One line of the exposition, in the shape prom-client's Registry prints. */
interface ExportValue {
  labels: Record<string, string | number>;
  sharedLabels: RequestLabels;
  value: number;
  metricName: string;
  exemplar: null | undefined;
}

/**
 * A histogram of request durations by method, route pattern and status, registered in a
 * prom-client Registry (`registry.registerMetric`) and printed by it.
 */
export class RequestDurationHistogram {
  /** prom-client's Registry reads these four members. */
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly series = new Map<string, Series>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly bounds: readonly number[],
  ) {}

  /** Counts one request of `seconds`. */
  observe(method: string, route: string, status: number, seconds: number): void {
    if (!Number.isFinite(seconds)) return;
    const key = `${method}\n${route}\n${status}`;
    let series = this.series.get(key);
    if (!series) {
      series = {
        labels: { method, route, status: String(status) },
        buckets: new Array<number>(this.bounds.length).fill(0),
        sum: 0,
        count: 0,
      };
      this.series.set(key, series);
    }
    const bounds = this.bounds;
    for (let i = 0; i < bounds.length; i++) {
      if (seconds <= bounds[i]!) {
        series.buckets[i]!++;
        break;
      }
    }
    series.sum += seconds;
    series.count += 1;
  }

  /** The exposition's values, as prom-client's Histogram hands them to its Registry. */
  getForPromString(): {
    name: string;
    help: string;
    type: string;
    values: ExportValue[];
    aggregator: string;
  } {
    const values: ExportValue[] = [];
    const bucketName = `${this.name}_bucket`;
    for (const series of this.series.values()) {
      let cumulative = 0;
      for (let i = 0; i < this.bounds.length; i++) {
        cumulative += series.buckets[i]!;
        values.push(line({ le: this.bounds[i]! }, cumulative, bucketName, series.labels, null));
      }
      values.push(line({ le: '+Inf' }, series.count, bucketName, series.labels, null));
      values.push(line({}, series.sum, `${this.name}_sum`, series.labels, undefined));
      values.push(line({}, series.count, `${this.name}_count`, series.labels, undefined));
    }
    return {
      name: this.name,
      help: this.help,
      type: this.type,
      values,
      aggregator: this.aggregator,
    };
  }

  /** The values with the labels merged, as prom-client's `Histogram.get()` (JSON export). */
  get(): { name: string; help: string; type: string; values: object[]; aggregator: string } {
    const data = this.getForPromString();
    return {
      ...data,
      values: data.values.map(({ sharedLabels, labels, ...rest }) => ({
        ...rest,
        labels: { ...labels, ...sharedLabels },
      })),
    };
  }

  /** Forgets every observation (prom-client's `registry.resetMetrics()`). */
  reset(): void {
    this.series.clear();
  }
}

function line(
  labels: Record<string, string | number>,
  value: number,
  metricName: string,
  sharedLabels: RequestLabels,
  exemplar: null | undefined,
): ExportValue {
  return { labels, sharedLabels, value, metricName, exemplar };
}
