/**
 * Map load: do 24 concurrent 1 MB map requests starve the rest? (issue 10, point 6)
 * `node --import tsx bench/http/mapLoad.ts` (about two minutes; loopback only).
 *
 * For each setting of the map bound, a fresh server process (bench/http/mapLoadServer.ts),
 * then autocannon drives 24 connections of `POST /api/v1/integrations/gmail/models/message/map`
 * with 1,000 Gmail messages each (bench/http/gmailBatch.ts) while a prober in another process
 * (bench/http/probe.ts) sends `GET /healthz` and `GET /api/v1/integrations/gmail` (a catalog
 * read) one at a time, every 20 ms, each on its own keep-alive connection. Prints the probes'
 * p50/p99, map answers per status, the server's event-loop delay during the load (how long its
 * main thread held the loop: bench/http/loopDelay.ts), and the ratio of the unbounded probe p99
 * to each setting's.
 * Environment: MAPLOAD_SECONDS (default 15), MAPLOAD_CONNECTIONS (24), MAPLOAD_SETTINGS
 * (`0/0,2/22,pool2/22`: concurrency/queue pairs, 0/0 is unbounded; `poolT/Q` is the piscina
 * worker-pool variant, bench/http/mapPoolServer.ts, T threads and Q waiting; `poolT/Q/N`
 * runs its threads N nice levels lower), MAPLOAD_REPEAT
 * (rounds over all settings, default 1; figures are the medians over rounds), DATABASE_URL.
 */
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { gmailMapBody } from './gmailBatch.js';

const seconds = Number(process.env.MAPLOAD_SECONDS ?? 15);
const connections = Number(process.env.MAPLOAD_CONNECTIONS ?? 24);
const settings = (process.env.MAPLOAD_SETTINGS ?? '0/0,2/22,pool2/22').split(',').map((pair) => {
  const pool = pair.startsWith('pool');
  const [concurrency, queue, nice] = pair.replace(/^pool/, '').split('/').map(Number);
  return { concurrency: concurrency ?? 0, queue: queue ?? 0, pool, nice: nice ?? 0 };
});
const repeat = Number(process.env.MAPLOAD_REPEAT ?? 1);
const body = gmailMapBody(1000);

interface Stats {
  p50: number;
  p99: number;
  max: number;
  n: number;
}

interface Figures {
  label: string;
  healthz: Stats;
  catalog: Stats;
  mapStatuses: Record<string, number>;
  mapP99: number;
  /** The server's event-loop delay during the load (bench/http/loopDelay.ts). */
  loopDelayMs: LoopDelay;
}

interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
}

const quantile = (xs: number[], q: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};
const stats = (xs: number[]): Stats => ({
  p50: quantile(xs, 0.5),
  p99: quantile(xs, 0.99),
  max: Math.max(...xs),
  n: xs.length,
});

/** Starts bench/http/probe.ts on `urls`; `stop()` ends it and returns its latencies per URL. */
function startProbes(urls: string[]): { stop(): Promise<number[][]> } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./probe.ts', import.meta.url).pathname, ...urls],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const line = new Promise<string>((resolve) =>
    createInterface({ input: child.stdout! }).once('line', resolve),
  );
  return {
    async stop() {
      child.stdin!.end();
      const byUrl = JSON.parse(await line) as Record<string, number[]>;
      return urls.map((u) => byUrl[u] ?? []);
    },
  };
}

async function measure(
  concurrency: number,
  queue: number,
  pool: boolean,
  nice: number,
): Promise<Figures> {
  const server = pool ? './mapPoolServer.ts' : './mapLoadServer.ts';
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL(server, import.meta.url).pathname],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: {
        ...process.env,
        REGSYNC_MAP_CONCURRENCY: String(concurrency),
        REGSYNC_MAP_QUEUE: String(queue),
        MAPPOOL_THREADS: String(concurrency),
        MAPPOOL_QUEUE: String(queue),
        MAPPOOL_NICE: String(nice),
      },
    },
  );
  // The server's first line is its URL; its last, when stdin closes, its event-loop delay.
  const lines: string[] = [];
  const waiters: Array<() => void> = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    waiters.shift()?.();
  });
  const nextLine = (): Promise<string> =>
    lines.length > 0
      ? Promise.resolve(lines.shift() as string)
      : new Promise((resolve) => waiters.push(() => resolve(lines.shift() as string)));
  const info = await new Promise<{ url: string }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    void nextLine().then((line) => resolve(JSON.parse(line) as { url: string }));
  });
  const mapUrl = `${info.url}/api/v1/integrations/gmail/models/message/map`;
  // Warm up: compile the mapping, fill the catalog cache.
  await fetch(mapUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  await fetch(`${info.url}/api/v1/integrations/gmail`);
  const probes = startProbes([`${info.url}/healthz`, `${info.url}/api/v1/integrations/gmail`]);
  // Let the prober boot before the load starts.
  await new Promise((r) => setTimeout(r, 1500));
  child.stdin!.write('reset\n'); // the loop-delay window is the load's
  const load = await autocannon({
    url: mapUrl,
    connections,
    pipelining: 1,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const [healthz = [], catalog = []] = await probes.stop();
  child.removeAllListeners('exit');
  child.stdin!.end();
  const { loopDelayMs } = JSON.parse(await nextLine()) as { loopDelayMs: LoopDelay };
  await new Promise((r) => child.once('exit', r));
  const statuses: Record<string, number> = {};
  for (const [code, n] of Object.entries(load.statusCodeStats ?? {}))
    statuses[code] = (n as { count: number }).count;
  return {
    label: pool
      ? `piscina pool, ${concurrency} threads, queue ${queue}${nice ? `, nice +${nice}` : ''}`
      : concurrency === 0
        ? 'unbounded'
        : `concurrency ${concurrency}, queue ${queue}`,
    healthz: stats(healthz),
    catalog: stats(catalog),
    mapStatuses: statuses,
    mapP99: load.latency.p99,
    loopDelayMs,
  };
}

console.log(
  `map load: ${connections} connections x ${(body.length / 1e6).toFixed(2)} MB (1,000 Gmail messages), ${seconds} s per setting; ${cpus().length} cores, load average ${loadavg()[0]?.toFixed(1)} at start`,
);
const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const rounds: Figures[][] = settings.map(() => []);
for (let r = 0; r < repeat; r++) {
  for (const [i, { concurrency, queue, pool, nice }] of settings.entries()) {
    const figures = await measure(concurrency, queue, pool, nice);
    rounds[i]?.push(figures);
    const f = (s: Stats) =>
      `p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms, max ${s.max.toFixed(0)} ms (${s.n} probes)`;
    console.log(`\n${figures.label} (round ${r + 1}, load average ${loadavg()[0]?.toFixed(1)})`);
    console.log(`  GET /healthz                 ${f(figures.healthz)}`);
    console.log(`  GET /api/v1/integrations/... ${f(figures.catalog)}`);
    console.log(
      `  map answers ${JSON.stringify(figures.mapStatuses)}, map p99 ${figures.mapP99} ms`,
    );
    const d = figures.loopDelayMs;
    console.log(`  server event-loop delay p50 ${d.p50} ms, p99 ${d.p99} ms, max ${d.max} ms`);
  }
}
// Medians over the rounds, per setting.
const results: Figures[] = rounds.map((fs) => {
  const first = fs[0] as Figures;
  const med = (pick: (f: Figures) => number) => median(fs.map(pick));
  const ok = med((f) => f.mapStatuses['200'] ?? 0);
  return {
    ...first,
    healthz: { ...first.healthz, p50: med((f) => f.healthz.p50), p99: med((f) => f.healthz.p99) },
    catalog: { ...first.catalog, p50: med((f) => f.catalog.p50), p99: med((f) => f.catalog.p99) },
    mapStatuses: { ...first.mapStatuses, '200': ok },
    mapP99: med((f) => f.mapP99),
    loopDelayMs: {
      p50: med((f) => f.loopDelayMs.p50),
      p99: med((f) => f.loopDelayMs.p99),
      max: med((f) => f.loopDelayMs.max),
    },
  };
});
console.log(
  `\nmedians over ${repeat} round(s): | setting | healthz p50 | healthz p99 | catalog p50 | catalog p99 | map 200s | map p99 | loop delay p99 | loop delay max |`,
);
for (const r of results)
  console.log(
    `| ${r.label} | ${r.healthz.p50.toFixed(1)} | ${r.healthz.p99.toFixed(1)} | ${r.catalog.p50.toFixed(1)} | ${r.catalog.p99.toFixed(1)} | ${r.mapStatuses['200'] ?? 0} | ${r.mapP99} | ${r.loopDelayMs.p99} | ${r.loopDelayMs.max} |`,
  );
const base = results[0];
if (base && results.length > 1) {
  console.log('\nprobe p99, unbounded / this setting (higher is better):');
  for (const r of results.slice(1))
    console.log(
      `  ${r.label}: healthz ${(base.healthz.p99 / r.healthz.p99).toFixed(1)}x, catalog ${(base.catalog.p99 / r.catalog.p99).toFixed(1)}x`,
    );
}
console.log(`load average ${loadavg()[0]?.toFixed(1)} at end`);
