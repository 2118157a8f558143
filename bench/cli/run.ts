/**
 * CLI and startup benchmark (not a test): wall time from process start to exit (or to a
 * ready service) of the compiled `regsync`, each beside a reference process measured in the
 * same rounds, so load from elsewhere on the machine falls on both alike.
 *
 *   npm run build && node --import tsx bench/cli/run.ts [--rounds 7]
 *
 * Cases (targets in docs/performance.md):
 * - `regsync --version`, `regsync validate registry` (the bundled 12 manifests) and
 *   `regsync map` of one record, each beside `node -e 0` (a bare Node start) and beside the
 *   same command run from the sources through tsx (how the bin ran before the build).
 * - `regsync serve` on the embedded database and the bundled registry, to the first byte
 *   (`/healthz`) and to ready (`/readyz` 200): with a new data folder, and restarted on that
 *   folder. Reference: a bare `node:http` server started the same way, to its first answer.
 */
import { spawn } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg as osLoad, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CLI_FROM_SOURCES } from '../../test/helpers/cli.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '7' } } });
const ROUNDS = Number(values.rounds);
const root = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(root, 'src/cli/bin.js');
if (!existsSync(join(root, 'dist/src/cli/main.js'))) {
  console.error('bench/cli measures the compiled build: run `npm run build` first');
  process.exit(2);
}
const RECORD = join(root, 'test/fixtures/payloads/hubspot/contact.json');

/** Runs a process to its exit; resolves to its wall time in ms (throws on a non-zero exit). */
function timeProcess(args: string[], options: { stdinFile?: string } = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, {
      cwd: root,
      stdio: [options.stdinFile ? 'pipe' : 'ignore', 'ignore', 'pipe'],
      env: { ...process.env, REGSYNC_LOG_LEVEL: 'silent' },
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const stdin = child.stdin;
    if (options.stdinFile && stdin) createReadStream(options.stdinFile).pipe(stdin);
    child.on('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code === 0) resolve(ms);
      else reject(new Error(`${args.join(' ')} exited ${code}: ${stderr}`));
    });
  });
}

/** Polls `url` until it answers `status`; resolves to the ms since `started`. */
async function until(url: string, status: number, started: bigint, limitMs = 300_000) {
  for (;;) {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    if (ms > limitMs) throw new Error(`${url} never answered ${status}`);
    const got = await fetch(url).then(
      (r) => r.status,
      () => 0,
    );
    if (got === status) return Number(process.hrtime.bigint() - started) / 1e6;
    await new Promise((r) => setTimeout(r, 10));
  }
}

let nextPort = 18_500 + Math.floor(Math.random() * 1000);

/** Starts a server process, times its first byte and readiness, then stops it with SIGTERM. */
async function timeServer(
  args: string[],
  env: Record<string, string>,
  readyPath: string,
): Promise<{ firstByte: number; ready: number }> {
  const port = nextPort++;
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, args, {
    cwd: env.CWD ?? root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      REGSYNC_HOST: '127.0.0.1',
      REGSYNC_LOG_LEVEL: 'silent',
      ...env,
    },
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  try {
    const firstByte = await until(`http://127.0.0.1:${port}/healthz`, 200, started);
    const ready = await until(`http://127.0.0.1:${port}${readyPath}`, 200, started);
    return { firstByte, ready };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const BARE_SERVER = `require('node:http').createServer((q, s) => s.end('ok')).listen(+process.env.PORT, '127.0.0.1')`;

type Sample = Record<string, number[]>;
const samples: Sample = {};
const add = (name: string, ms: number) => (samples[name] ??= []).push(ms);

const loadavg = () =>
  osLoad()
    .map((l) => l.toFixed(1))
    .join(' ');

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

const cases: Array<{ name: string; args: string[]; stdinFile?: string }> = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: 'regsync --version', args: [BIN, '--version'] },
  { name: 'regsync --version (sources, tsx)', args: [...CLI_FROM_SOURCES, '--version'] },
  { name: 'regsync validate registry', args: [BIN, 'validate', 'registry'] },
  {
    name: 'regsync validate registry (sources, tsx)',
    args: [...CLI_FROM_SOURCES, 'validate', 'registry'],
  },
  {
    name: 'regsync map (1 record)',
    args: [BIN, 'map', '--manifest', 'hubspot', '--model', 'contact'],
    stdinFile: RECORD,
  },
  {
    name: 'regsync map (1 record, sources, tsx)',
    args: [...CLI_FROM_SOURCES, 'map', '--manifest', 'hubspot', '--model', 'contact'],
    stdinFile: RECORD,
  },
];

console.log(`bench/cli: ${ROUNDS} rounds, Node ${process.version}, load ${loadavg()}`);
for (let round = 0; round < ROUNDS; round++) {
  for (const c of cases) add(c.name, await timeProcess(c.args, { stdinFile: c.stdinFile }));
  const bare = await timeServer(['-e', BARE_SERVER], {}, '/');
  add('bare node:http server: first byte', bare.firstByte);
  const data = await mkdtemp(join(tmpdir(), 'regsync-bench-cli-'));
  try {
    const env = { REGSYNC_DATA_DIR: join(data, 'data'), CWD: data };
    const fresh = await timeServer([BIN, 'serve'], env, '/readyz');
    add('regsync serve, new data folder: first byte', fresh.firstByte);
    add('regsync serve, new data folder: ready', fresh.ready);
    const again = await timeServer([BIN, 'serve'], env, '/readyz');
    add('regsync serve, restart with data: first byte', again.firstByte);
    add('regsync serve, restart with data: ready', again.ready);
  } finally {
    await rm(data, { recursive: true, force: true });
  }
  process.stdout.write(`round ${round + 1}/${ROUNDS} done (load ${loadavg()})\n`);
}

const ref = median(samples['node -e 0'] ?? []);
const bareServer = median(samples['bare node:http server: first byte'] ?? []);
console.log('\n| what | median ms | min ms | reference | ratio |');
console.log('|---|---:|---:|---|---:|');
for (const [name, xs] of Object.entries(samples)) {
  const m = median(xs);
  const isServe = name.startsWith('regsync serve') || name.startsWith('bare');
  const refName = isServe ? 'bare node:http server, first byte' : 'node -e 0';
  const refMs = isServe ? bareServer : ref;
  console.log(
    `| ${name} | ${m.toFixed(0)} | ${Math.min(...xs).toFixed(0)} | ${refName} (${refMs.toFixed(0)} ms) | ${(m / refMs).toFixed(2)}x |`,
  );
}
