/**
 * The map-load benchmark's prober, in its own process so the load generator's work does not
 * delay it: sends `GET` to each URL given as an argument, one request at a time per URL on
 * its own keep-alive connection, every 20 ms, until stdin closes; then prints one JSON line
 * `{ "<url>": [latency ms, ...] }`.
 */
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

let running = true;
process.stdin.resume();
process.stdin.on('end', () => {
  running = false;
});

function get(agent: Agent, url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on('end', () =>
        res.statusCode === 200
          ? resolve(performance.now() - start)
          : reject(new Error(`${url}: ${res.statusCode}`)),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

async function probe(url: string): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const latencies: number[] = [];
  while (running) {
    latencies.push(await get(agent, url));
    await new Promise((r) => setTimeout(r, 20));
  }
  agent.destroy();
  return latencies;
}

const urls = process.argv.slice(2);
const results = await Promise.all(urls.map(probe));
process.stdout.write(
  `${JSON.stringify(Object.fromEntries(urls.map((u, i) => [u, results[i]])))}\n`,
);
