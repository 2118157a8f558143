/**
 * Profiles the service under autocannon: `node --import tsx bench/http/profile.ts catalog|map [seconds] [service|bare]`.
 * Starts bench/http/server.ts with `--cpu-prof` (profiles in PROFILE_DIR, default
 * /tmp/regsync-http-prof), drives one route with 10 connections, then stops the server so
 * the profile is written. Read it in Chrome DevTools or any .cpuprofile viewer.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

const which = process.argv[2] === 'map' ? 'map' : 'catalog';
const seconds = Number(process.argv[3] ?? 8);
const side = process.argv[4] === 'bare' ? 'bare' : 'service';
const dir = process.env.PROFILE_DIR ?? '/tmp/regsync-http-prof';
const child = spawn(
  process.execPath,
  [
    '--cpu-prof',
    `--cpu-prof-dir=${dir}`,
    '--import',
    'tsx',
    new URL('./server.ts', import.meta.url).pathname,
  ],
  { stdio: ['pipe', 'pipe', 'inherit'], env: process.env },
);
const info = await new Promise<{ service: string; bare: string; mapBody: string }>(
  (resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line)));
  },
);
const path =
  which === 'map'
    ? '/api/v1/integrations/hubspot/models/contact/map'
    : '/api/v1/integrations/hubspot';
const result = await autocannon({
  url: `${info[side]}${path}`,
  connections: 10,
  duration: seconds,
  ...(which === 'map'
    ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: info.mapBody }
    : {}),
});
console.log(`${which} (${side}): ${Math.round(result.requests.average)} req/s; profile in ${dir}`);
child.removeAllListeners('exit');
child.stdin!.end();
await new Promise((r) => child.once('exit', r));
