import fc from 'fast-check';
import { Histogram, Registry, type Metric } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { HTTP_DURATION_BUCKETS, HttpMetrics } from './HttpMetrics.js';
import { RequestDurationHistogram } from './RequestDurationHistogram.js';

const NAME = 'regsync_http_request_duration_seconds';
const HELP = 'HTTP request duration by method, route pattern and status.';

interface Observation {
  method: string;
  route: string;
  status: number;
  seconds: number;
}

/** The same observations through prom-client's Histogram and through ours, as text and JSON. */
async function bothExpositions(observations: readonly Observation[]) {
  const theirs = new Registry();
  const reference = new Histogram({
    name: NAME,
    help: HELP,
    labelNames: ['method', 'route', 'status'],
    buckets: [...HTTP_DURATION_BUCKETS],
    registers: [theirs],
  });
  const ours = new Registry();
  const histogram = new RequestDurationHistogram(NAME, HELP, HTTP_DURATION_BUCKETS);
  ours.registerMetric(histogram as unknown as Metric);
  for (const o of observations) {
    reference.observe({ method: o.method, route: o.route, status: String(o.status) }, o.seconds);
    histogram.observe(o.method, o.route, o.status, o.seconds);
  }
  return {
    theirs: { text: await theirs.metrics(), json: await theirs.getMetricsAsJSON() },
    ours: { text: await ours.metrics(), json: await ours.getMetricsAsJSON() },
  };
}

describe('RequestDurationHistogram', () => {
  it('prints what prom-client prints: names, HELP/TYPE, buckets, cumulative counts, sum, count', async () => {
    const observations: Observation[] = [
      { method: 'GET', route: '/api/v1/integrations/:key', status: 200, seconds: 0.0004 },
      { method: 'GET', route: '/api/v1/integrations/:key', status: 200, seconds: 0.001 }, // on a bound
      { method: 'GET', route: '/api/v1/integrations/:key', status: 200, seconds: 0.0031 },
      {
        method: 'POST',
        route: '/api/v1/integrations/:key/models/:model/map',
        status: 200,
        seconds: 0.02,
      },
      { method: 'GET', route: 'unmatched', status: 404, seconds: 7 }, // past the last bound
      { method: 'GET', route: '/api/v1/integrations/:key', status: 304, seconds: 0.2 },
      { method: 'GET', route: '/api/v1/integrations/:key', status: 200, seconds: 2.5 },
    ];
    const { theirs, ours } = await bothExpositions(observations);
    expect(ours.text).toBe(theirs.text);
    expect(ours.json).toEqual(theirs.json);
    // Spot checks, so that a shared mistake in both cannot pass unseen.
    expect(ours.text).toContain(`# HELP ${NAME} ${HELP}\n# TYPE ${NAME} histogram\n`);
    expect(ours.text).toContain(
      `${NAME}_bucket{le="0.005",method="GET",route="/api/v1/integrations/:key",status="200"} 3\n`,
    );
    expect(ours.text).toContain(
      `${NAME}_bucket{le="+Inf",method="GET",route="unmatched",status="404"} 1\n`,
    );
    expect(ours.text).toContain(
      `${NAME}_count{method="GET",route="/api/v1/integrations/:key",status="200"} 4\n`,
    );
  });

  it('matches prom-client on any observations, including labels that need escaping', async () => {
    const observation = fc.record({
      method: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT'),
      route: fc.oneof(fc.constantFrom('/a/:key', 'unmatched'), fc.string({ maxLength: 8 })),
      status: fc.constantFrom(200, 304, 400, 404, 500, 503),
      seconds: fc.oneof(
        fc.constantFrom(...HTTP_DURATION_BUCKETS),
        fc.double({ min: 0, max: 10, noNaN: true }),
      ),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(observation, { maxLength: 30 }), async (observations) => {
        const { theirs, ours } = await bothExpositions(observations);
        expect(ours.text).toBe(theirs.text);
        expect(ours.json).toEqual(theirs.json);
      }),
      { numRuns: 200 },
    );
  });

  it('is what HttpMetrics exposes, and resets with the registry', async () => {
    const metrics = new HttpMetrics({ processMetrics: false });
    metrics.httpRequest({ method: 'GET', route: '/healthz', status: 200, seconds: 0.002 });
    const text = await metrics.registry.metrics();
    expect(text).toContain(
      `${NAME}_bucket{le="0.0025",method="GET",route="/healthz",status="200"} 1`,
    );
    expect(text).toContain(`${NAME}_sum{method="GET",route="/healthz",status="200"} 0.002`);
    metrics.registry.resetMetrics();
    expect(await metrics.registry.metrics()).not.toContain(`${NAME}_count{`);
  });
});
