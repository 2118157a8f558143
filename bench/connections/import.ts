/**
 * Import benchmark (not a test; issue 16 point 5): 100,000 connections, half of them with a
 * secret (WealthOS `api_key`, encrypted) and half without (Telegram `chat_id`), imported on
 * PostgreSQL by `regsync connections import FILE --json` run in-process (the CLI's own
 * database connection, migrations check included), beside the same kind of lines created one
 * by one through `POST /api/v1/users/{userId}/connections` on the real service over loopback
 * HTTP, in the same run.
 *
 *   node --import tsx bench/connections/import.ts [--lines 100000] [--http-sample 2000]
 *
 * The HTTP reference creates `--http-sample` connections (other users than the import's, half
 * with a secret, sequentially, as a client migrating one by one would) and is extrapolated to
 * `--lines` from its mean cost per connection: 100,000 requests would take minutes and would
 * only repeat the same per-request cost. Targets (docs/performance.md): the import at most
 * 30 s, and at least 10x faster than the HTTP path per connection. A re-run of the same file
 * is timed too (all lines unchanged, nothing written).
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { runCli } from '../../src/cli/program.js';
import { createHttpRuntime } from '../../src/cli/createHttpRuntime.js';
import { loadConfig } from '../../src/config/loadConfig.js';
import { startHttpServer } from '../../src/http/startHttpServer.js';
import { createLogger } from '../../src/logging/createLogger.js';
import { createRuntime, createUserDataServices } from '../../src/main.js';
import { createPostgresDatabase } from '../../test/helpers/databases.js';

const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '100000' },
    'http-sample': { type: 'string', default: '2000' },
  },
});
const LINES = Number(values.lines);
const SAMPLE = Number(values['http-sample']);
const PROXY_SECRET = 'bench-proxy-secret-0123456789';
const env: Record<string, string> = {
  REGSYNC_SECRET_KEY: createHash('sha256').update('regsync bench key').digest('base64'),
  REGSYNC_PROXY_SECRET: PROXY_SECRET,
  REGSYNC_OPERATOR__TELEGRAM__BOT_TOKEN: `123456789:${'A'.repeat(35)}`,
  REGSYNC_OPERATOR__WEALTHOS__TENANT_ID: 'bench-tenant',
  REGSYNC_LOG_LEVEL: 'info',
};

/** Line `i`: even lines Telegram (no secret), odd lines WealthOS (an encrypted api_key). */
function connection(prefix: string, i: number) {
  const userId = `${prefix}-${String(i >> 1).padStart(6, '0')}`;
  return i % 2 === 0
    ? { userId, integrationType: 'telegram', config: { chat_id: String(100_000_000 + i) } }
    : {
        userId,
        integrationType: 'wealthos',
        config: {
          api_key: `wos_live_${createHash('sha256').update(String(i)).digest('hex').slice(0, 32)}`,
          last_sync_at: '2025-10-02T10:30:00.000Z',
        },
      };
}

const database = await createPostgresDatabase();
const dir = await mkdtemp(join(tmpdir(), 'regsync-bench-import-'));
try {
  const loaded = loadConfig({ ...env, REGSYNC_DATA_DIR: dir, DATABASE_URL: database.url });
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  const logger = createLogger(
    'info',
    pino.destination({ dest: '/dev/null', sync: false }) as unknown as NodeJS.WritableStream,
  );
  const runtime = await createRuntime(loaded.config, { logger });
  const userData = createUserDataServices({ db: runtime.db, settings: loaded.config.userData });
  const http = await createHttpRuntime(runtime, { logger, userData });
  const sync = await http.startupSync().done;
  if (sync.status !== 'succeeded') throw new Error(`startup sync ${sync.status}`);
  const server = await startHttpServer({ port: 0, host: '127.0.0.1', handler: http.app });
  const count = async () =>
    Number(
      (
        await runtime.db.orm.em
          .fork()
          .getConnection()
          .execute<Array<{ n: string }>>('select count(*) as n from integration_connection')
      )[0]!.n,
    );

  const file = join(dir, 'legacy.ndjson');
  const text: string[] = [];
  for (let i = 0; i < LINES; i++)
    text.push(JSON.stringify({ ...connection('imp', i), importKey: `bench:${i}` }));
  await writeFile(file, `${text.join('\n')}\n`);

  const cli = async (args: string[]) => {
    let stdout = '';
    let stderr = '';
    const started = performance.now();
    const code = await runCli(args, {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      stdin: new PassThrough(),
      isTty: false,
      env: { ...env, REGSYNC_DATA_DIR: dir, DATABASE_URL: database.url },
      cwd: dir,
    });
    const ms = performance.now() - started;
    if (code !== 0) throw new Error(`import exited ${code}: ${stderr}${stdout.slice(0, 500)}`);
    return { ms, report: JSON.parse(stdout) as Record<string, unknown> };
  };

  const first = await cli(['connections', 'import', file, '--json']);
  const rows = await count();
  if (rows !== LINES || first.report.imported !== LINES)
    throw new Error(`imported ${String(first.report.imported)}, ${rows} rows`);
  const again = await cli(['connections', 'import', file, '--json']);
  if (again.report.unchanged !== LINES || (await count()) !== LINES)
    throw new Error(`re-run: ${JSON.stringify(again.report)}`);

  // The reference: the same kind of lines through the user endpoint, one request each.
  const httpStarted = performance.now();
  for (let i = 0; i < SAMPLE; i++) {
    const line = connection('http', i);
    const res = await fetch(`${server.url}/api/v1/users/${line.userId}/connections`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Regsync-User': line.userId,
        'X-Regsync-Proxy-Secret': PROXY_SECRET,
      },
      body: JSON.stringify({ integrationType: line.integrationType, config: line.config }),
    });
    if (res.status !== 201) throw new Error(`HTTP create ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
  }
  const httpMs = performance.now() - httpStarted;
  if ((await count()) !== LINES + SAMPLE) throw new Error('HTTP creates missing');
  const httpPerConnection = httpMs / SAMPLE;
  const importPerConnection = first.ms / LINES;
  const result = {
    lines: LINES,
    withSecrets: Math.ceil(LINES / 2),
    importSeconds: +(first.ms / 1000).toFixed(2),
    importPerSecond: Math.round(LINES / (first.ms / 1000)),
    rerunSeconds: +(again.ms / 1000).toFixed(2),
    httpSample: SAMPLE,
    httpMsPerConnection: +httpPerConnection.toFixed(3),
    httpExtrapolatedSeconds: +((httpPerConnection * LINES) / 1000).toFixed(1),
    ratio: +(httpPerConnection / importPerConnection).toFixed(1),
    targets: {
      importAtMost30s: first.ms <= 30_000,
      atLeast10xFasterThanHttp: httpPerConnection / importPerConnection >= 10,
    },
    loadAverage: loadavg().map((l) => +l.toFixed(2)),
  };
  process.stdout.write(
    `import of ${LINES} connections (half with secrets) on PostgreSQL: ${result.importSeconds} s (${result.importPerSecond}/s); re-run (all unchanged) ${result.rerunSeconds} s\n` +
      `HTTP create one by one: ${result.httpMsPerConnection} ms a connection over ${SAMPLE} (extrapolated to ${LINES}: ${result.httpExtrapolatedSeconds} s)\n` +
      `ratio: the import is ${result.ratio}x faster per connection\n${JSON.stringify(result)}\n`,
  );
  await server.close(1000);
  await http.close();
} finally {
  await rm(dir, { recursive: true, force: true });
  await database.drop();
}
