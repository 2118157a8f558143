/**
 * HTTP benchmark: `node --import tsx bench/http/run.ts` (not a test; takes about a minute).
 * Starts bench/http/server.ts in a child process (the real service and a bare Express route
 * returning the same bytes), then drives both with autocannon from this process, one after
 * the other in the same run: requests per second, p99 latency and the ratio service/bare.
 * Environment: BENCH_SECONDS per side (default 10), BENCH_ROUNDS (default 5), BENCH_CONNECTIONS
 * (default 10), DATABASE_URL (PostgreSQL instead of the embedded database).
 */
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);

const child = spawn(
  process.execPath,
  ['--import', 'tsx', new URL('./server.ts', import.meta.url).pathname],
  {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: process.env,
  },
);
const lines = createInterface({ input: child.stdout! });
const info = await new Promise<{
  service: string;
  bare: string;
  mapBody: string;
  catalogBytes: number;
  mapBytes: number;
  database: string;
}>((resolve, reject) => {
  child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  lines.once('line', (line) => resolve(JSON.parse(line)));
});

/** The server process's CPU time so far (microseconds), asked over stdin. */
function serverCpu(): Promise<number> {
  return new Promise((resolve) => {
    lines.once('line', (line) => resolve((JSON.parse(line) as { cpu: number }).cpu));
    child.stdin!.write('cpu\n');
  });
}

interface Result {
  rps: number;
  /** Server CPU microseconds per request (user + system of the server process). */
  cpuPerRequest: number;
  p99: number;
  errors: number;
  non2xx: number;
}

type Target = { method?: 'GET' | 'POST'; body?: string };

function options(url: string, target: Target, duration: number) {
  return {
    url,
    connections,
    pipelining: 1,
    duration,
    method: target.method ?? 'GET',
    headers: target.body ? { 'content-type': 'application/json' } : {},
    ...(target.body ? { body: target.body } : {}),
  };
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/**
 * Service and bare route are measured in alternating rounds, so that load from elsewhere on
 * the machine falls on both alike; req/s is the total over all rounds, p99 the median round.
 */
async function compare(path: string, target: Target): Promise<{ service: Result; bare: Result }> {
  const urls = { service: `${info.service}${path}`, bare: `${info.bare}${path}` };
  for (const url of Object.values(urls)) await autocannon(options(url, target, 2)); // warm-up
  const totals = {
    service: { requests: 0, cpu: 0, p99: [] as number[], errors: 0, non2xx: 0 },
    bare: { requests: 0, cpu: 0, p99: [] as number[], errors: 0, non2xx: 0 },
  };
  const round = Math.max(1, Math.round(seconds / rounds));
  for (let i = 0; i < rounds; i++) {
    const order = i % 2 === 0 ? (['service', 'bare'] as const) : (['bare', 'service'] as const);
    for (const which of order) {
      const cpuBefore = await serverCpu();
      const result = await autocannon(options(urls[which], target, round));
      totals[which].cpu += (await serverCpu()) - cpuBefore;
      totals[which].requests += result.requests.total;
      totals[which].p99.push(result.latency.p99);
      totals[which].errors += result.errors;
      totals[which].non2xx += result.non2xx;
    }
  }
  const summarize = (t: (typeof totals)['service']): Result => ({
    rps: t.requests / (round * rounds),
    cpuPerRequest: t.cpu / t.requests,
    p99: median(t.p99),
    errors: t.errors,
    non2xx: t.non2xx,
  });
  return { service: summarize(totals.service), bare: summarize(totals.bare) };
}

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const CATALOG = '/api/v1/integrations/hubspot';
const MAP = '/api/v1/integrations/hubspot/models/contact/map';
const rows: Array<{ name: string; service: Result; bare: Result }> = [];
rows.push({ name: `GET ${CATALOG}`, ...(await compare(CATALOG, {})) });
rows.push({ name: `POST ${MAP}`, ...(await compare(MAP, { method: 'POST', body: info.mapBody })) });

child.stdin!.end();
lines.close();
const records = (JSON.parse(info.mapBody) as { records: unknown[] }).records.length;
console.log(
  `\nHTTP service benchmark: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}, ${info.database}, ${connections} connections, ${rounds} alternating rounds, ${seconds} s per side; load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log(
  `catalog response ${info.catalogBytes} bytes; map request ${records} records, response ${info.mapBytes} bytes\n`,
);
console.log(
  '| route | service req/s | service p99 ms | service CPU us/req | bare req/s | bare p99 ms | bare CPU us/req | ratio req/s | ratio CPU |',
);
console.log('|---|---|---|---|---|---|---|---|---|');
for (const row of rows) {
  const ratio = row.service.rps / row.bare.rps;
  // Bare CPU per request over the service's: the share of the bare route's speed the
  // service keeps, measured in the server process alone (robust on a loaded machine).
  const cpuRatio = row.bare.cpuPerRequest / row.service.cpuPerRequest;
  console.log(
    `| ${row.name} | ${Math.round(row.service.rps)} | ${row.service.p99} | ${Math.round(row.service.cpuPerRequest)} | ${Math.round(row.bare.rps)} | ${row.bare.p99} | ${Math.round(row.bare.cpuPerRequest)} | ${ratio.toFixed(2)} | ${cpuRatio.toFixed(2)} |`,
  );
  if (row.service.errors + row.service.non2xx > 0)
    console.log(`  (service: ${row.service.errors} errors, ${row.service.non2xx} non-2xx)`);
}
