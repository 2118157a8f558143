/**
 * Map load: do 24 concurrent 1 MB map requests starve the rest? (issue 10, point 6)
 * `node --import tsx bench/http/mapLoad.ts` (about a minute and a half; loopback only).
 *
 * For each setting of the map bound, a fresh server process (bench/http/mapLoadServer.ts),
 * then autocannon drives 24 connections of `POST /api/v1/integrations/gmail/models/message/map`
 * with 1,000 Gmail messages each (bench/http/gmailBatch.ts) while a prober in this process
 * sends `GET /healthz` and `GET /api/v1/integrations/gmail` (a catalog read) one at a time,
 * every 20 ms, on their own keep-alive connection, and records each latency. Prints the
 * probes' p50/p99, map answers per status, and the ratio of each setting's probe p99 to the
 * unbounded one's. Environment: MAPLOAD_SECONDS (default 15), MAPLOAD_CONNECTIONS (24),
 * MAPLOAD_SETTINGS (`0/0,2/22,2/8`: concurrency/queue pairs), DATABASE_URL.
 */
import { spawn } from 'node:child_process';
import { request, Agent } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { gmailMapBody } from './gmailBatch.js';

const seconds = Number(process.env.MAPLOAD_SECONDS ?? 15);
const connections = Number(process.env.MAPLOAD_CONNECTIONS ?? 24);
const settings = (process.env.MAPLOAD_SETTINGS ?? '0/0,2/22,2/8').split(',').map((pair) => {
  const [concurrency, queue] = pair.split('/').map(Number);
  return { concurrency: concurrency ?? 0, queue: queue ?? 0 };
});
const body = gmailMapBody(1000);

interface Figures {
  label: string;
  healthz: { p50: number; p99: number; max: number; n: number };
  catalog: { p50: number; p99: number; max: number; n: number };
  mapStatuses: Record<string, number>;
  mapP99: number;
}

const quantile = (xs: number[], q: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};
const stats = (xs: number[]) => ({
  p50: quantile(xs, 0.5),
  p99: quantile(xs, 0.99),
  max: Math.max(...xs),
  n: xs.length,
});

function get(agent: Agent, url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`${url}: ${res.statusCode}`));
        else resolve(performance.now() - start);
      });
    });
    req.on('error', reject);
    req.end();
  });
}

async function probe(url: string, until: () => boolean): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const latencies: number[] = [];
  while (!until()) {
    latencies.push(await get(agent, url));
    await new Promise((r) => setTimeout(r, 20));
  }
  agent.destroy();
  return latencies;
}

async function measure(concurrency: number, queue: number): Promise<Figures> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./mapLoadServer.ts', import.meta.url).pathname],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: {
        ...process.env,
        REGSYNC_MAP_CONCURRENCY: String(concurrency),
        REGSYNC_MAP_QUEUE: String(queue),
      },
    },
  );
  const info = await new Promise<{ url: string }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line)));
  });
  const mapUrl = `${info.url}/api/v1/integrations/gmail/models/message/map`;
  // Warm up: compile the mapping, fill the catalog cache.
  await fetch(mapUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  await fetch(`${info.url}/api/v1/integrations/gmail`);
  let done = false;
  const probes = Promise.all([
    probe(`${info.url}/healthz`, () => done),
    probe(`${info.url}/api/v1/integrations/gmail`, () => done),
  ]);
  const load = await autocannon({
    url: mapUrl,
    connections,
    pipelining: 1,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  done = true;
  const [healthz, catalog] = await probes;
  child.stdin!.end();
  await new Promise((r) => child.once('exit', r));
  const statuses: Record<string, number> = {};
  for (const [code, n] of Object.entries(load.statusCodeStats ?? {}))
    statuses[code] = (n as { count: number }).count;
  return {
    label: concurrency === 0 ? 'unbounded' : `concurrency ${concurrency}, queue ${queue}`,
    healthz: stats(healthz),
    catalog: stats(catalog),
    mapStatuses: statuses,
    mapP99: load.latency.p99,
  };
}

console.log(
  `map load: ${connections} connections x ${(body.length / 1e6).toFixed(2)} MB (1,000 Gmail messages), ${seconds} s per setting; ${cpus().length} cores, load average ${loadavg()[0]?.toFixed(1)} at start`,
);
const results: Figures[] = [];
for (const { concurrency, queue } of settings) {
  const figures = await measure(concurrency, queue);
  results.push(figures);
  const f = (s: Figures['healthz']) =>
    `p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms, max ${s.max.toFixed(0)} ms (${s.n} probes)`;
  console.log(`\n${figures.label}`);
  console.log(`  GET /healthz                 ${f(figures.healthz)}`);
  console.log(`  GET /api/v1/integrations/... ${f(figures.catalog)}`);
  console.log(`  map answers ${JSON.stringify(figures.mapStatuses)}, map p99 ${figures.mapP99} ms`);
}
const base = results[0];
if (base && results.length > 1) {
  console.log('\nprobe p99, unbounded / this setting (higher is better):');
  for (const r of results.slice(1))
    console.log(
      `  ${r.label}: healthz ${(base.healthz.p99 / r.healthz.p99).toFixed(1)}x, catalog ${(base.catalog.p99 / r.catalog.p99).toFixed(1)}x`,
    );
}
console.log(`load average ${loadavg()[0]?.toFixed(1)} at end`);
