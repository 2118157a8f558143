/**
 * The TD-001 import of legacy connections on PGlite and PostgreSQL, end to end: a legacy
 * "user" table (ADR-001's telegram_* and wealthos_* columns) is exported to NDJSON by the SQL
 * docs/connections.md shows (test/fixtures/connections/td-001/), then imported. The dry run
 * writes nothing; the import over the admin endpoint stores the good lines (secrets encrypted,
 * the legacy timestamps kept) and reports the bad one by line number, pointer and rule; a
 * re-run is all unchanged; on PostgreSQL the CLI does the same from the file.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/program.js';
import { ConnectionImporter } from '../../../src/connections/ConnectionImporter.js';
import { SecretBox } from '../../../src/connections/SecretBox.js';
import { MikroOrmConnectionImportStore } from '../../../src/db/connections/MikroOrmConnectionImportStore.js';
import { DRIVERS } from '../../helpers/databases.js';
import {
  ADMIN_TOKEN,
  expectDocumented,
  SECRET_KEY,
  startUserDataService,
  type UserDataHarness,
  userDataSettings,
} from './userDataService.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/connections/td-001/${name}`, import.meta.url), 'utf8');
const OPERATOR = {
  REGSYNC_OPERATOR__TELEGRAM__BOT_TOKEN: `123456789:${'A'.repeat(35)}`,
  REGSYNC_OPERATOR__WEALTHOS__TENANT_ID: 'acme-wealth',
};
const API_KEY = 'wos_live_AbCdEfGhIjKlMnOpQrStUvWxYz012345';
const BAD_LINE = {
  line: 4,
  pointer: '/config/api_key',
  rule: 'pattern',
  message: 'must match pattern "^wos_(live|sandbox)_[A-Za-z0-9]{32}$"',
};

describe.each(DRIVERS)('import of legacy connections on %s', (driver) => {
  let h: UserDataHarness;
  let ndjson = '';
  let dir = '';
  beforeAll(async () => {
    h = await startUserDataService(driver, { REGSYNC_ADMIN_TOKEN: ADMIN_TOKEN, ...OPERATOR });
    for (const statement of fixture('legacy-users.sql')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('--')))
      await sql(statement);
    const rows = await sql<{ line: string }>(
      fixture('export.sql')
        .split('\n')
        .filter((l) => !l.startsWith('--'))
        .join('\n')
        .replace(/;\s*$/, ''),
    );
    ndjson = rows.map((r) => `${r.line}\n`).join('');
    dir = await mkdtemp(join(tmpdir(), 'regsync-import-'));
    await writeFile(join(dir, 'legacy.ndjson'), ndjson);
  }, 180_000);
  afterAll(async () => {
    await h?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function sql<T = unknown>(text: string, params: unknown[] = []): Promise<T[]> {
    return h.service.runtime.db.orm.em.fork().getConnection().execute<T[]>(text, params, 'all');
  }
  const count = async () =>
    Number(
      (await sql<{ n: string | number }>(`select count(*) as n from integration_connection`))[0]!.n,
    );
  const post = (body: string, query = '', token = ADMIN_TOKEN) =>
    fetch(`${h.url}/api/v1/connections/import${query}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-ndjson', Authorization: `Bearer ${token}` },
      body,
    });

  it('the documented SQL exports the legacy columns as the committed fixture', () => {
    expect(ndjson).toBe(fixture('legacy-export.ndjson'));
  });

  it('a dry run validates every line, reports the bad one and writes nothing', async () => {
    const res = await post(ndjson, '?dryRun=true');
    expect(res.status).toBe(200);
    const report = await res.json();
    expectDocumented('ConnectionImportReport' as never, report);
    expect(report).toEqual({
      dryRun: true,
      imported: 3,
      unchanged: 0,
      failed: 1,
      errors: [BAD_LINE],
      errorsOmitted: 0,
    });
    expect(await count()).toBe(0);
  });

  it('imports the good lines with secrets encrypted; the bad line names its line, pointer and rule', async () => {
    const res = await post(ndjson);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      dryRun: false,
      imported: 3,
      unchanged: 0,
      failed: 1,
      errors: [BAD_LINE],
      errorsOmitted: 0,
    });
    expect(await count()).toBe(3);
    const raw = JSON.stringify(await sql(`select * from integration_connection`));
    expect(raw).not.toContain(API_KEY);
    expect(raw).not.toContain('legacy-key-123');
    const list = (await (
      await h.as('u-1', '/api/v1/users/u-1/connections?includeDisconnected=true')
    ).json()) as { items: unknown[] };
    expect(list.items).toMatchObject([
      {
        integrationType: 'telegram',
        config: { chat_id: '123456789' },
        isActive: true,
        connectedAt: '2025-10-01T09:00:00.000Z',
        configValid: true,
      },
      {
        integrationType: 'wealthos',
        config: { api_key: { set: true }, last_sync_at: '2025-10-02T10:30:00.000Z' },
        connectedAt: '2025-10-02T10:30:00.000Z',
        configValid: true,
        secretsEncrypted: true,
        findings: [],
      },
    ]);
    const u3 = (await (await h.as('u-3', '/api/v1/users/u-3/connections')).json()) as {
      items: unknown[];
    };
    expect(u3.items).toEqual([]);
  });

  it('a re-run of the same file changes nothing', async () => {
    const before = JSON.stringify(await sql(`select * from integration_connection order by id`));
    const report = await (await post(ndjson)).json();
    expect(report).toMatchObject({ imported: 0, unchanged: 3, failed: 1, errors: [BAD_LINE] });
    expect(JSON.stringify(await sql(`select * from integration_connection order by id`))).toBe(
      before,
    );
  });

  it('lines without importKey are matched by user, type and config; problems never stop the others', async () => {
    const lines = [
      JSON.stringify({ userId: 'u-6', integrationType: 'wealthos', config: { api_key: API_KEY } }),
      '{"userId": "u-6", "integrationType": "wealthos", "config": {',
      '',
      JSON.stringify({ userId: 'u-6', integrationType: 'nope', config: {} }),
      JSON.stringify({ userId: 'u-6', integrationType: 'telegram', config: {}, color: 'red' }),
      JSON.stringify({ userId: 'u-6', integrationType: 'wealthos', config: { api_key: API_KEY } }),
    ].join('\n');
    const first = (await (await post(lines)).json()) as {
      errors: Array<{ line: number; pointer: string; rule: string }>;
    };
    expect(first).toMatchObject({ imported: 1, unchanged: 1, failed: 3 });
    expect(first.errors.map((e) => [e.line, e.pointer, e.rule])).toEqual([
      [2, '', 'json'],
      [4, '/integrationType', 'integration-exists'],
      [5, '/color', 'additionalProperties'],
    ]);
    const again = await (await post(lines)).json();
    expect(again).toMatchObject({ imported: 0, unchanged: 2, failed: 3 });
    expect(await count()).toBe(4);
    // One line a batch: the next batch is checked while the previous one is written, and the
    // report is still the same, in line order.
    const settings = userDataSettings({ REGSYNC_SECRET_KEY: SECRET_KEY, ...OPERATOR });
    const oneByOne = new ConnectionImporter({
      store: new MikroOrmConnectionImportStore({ orm: h.service.runtime.db.orm }),
      box: new SecretBox({ current: settings.secretKey, previous: settings.previousKeys }),
      ...(settings.operator ? { operator: settings.operator } : {}),
      batchSize: 1,
    });
    const lineByLine = await oneByOne.run(
      (async function* () {
        yield* lines.split('\n');
      })(),
    );
    expect(lineByLine).toEqual(again);
    expect(await count()).toBe(4);
  });

  it('refuses a caller without the admin token, and a body that is not NDJSON', async () => {
    expect((await post('', '', 'wrong-token')).status).toBe(401);
    const res = await fetch(`${h.url}/api/v1/connections/import`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN_TOKEN}` },
      body: '{}',
    });
    expect(res.status).toBe(415);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  // The CLI opens the database itself: PGlite's folder is held by the service of this file,
  // so the case exists on PostgreSQL only (registered there, never a skipped test here).
  if (driver === 'postgresql')
    it('the CLI imports the file: --dry-run and a re-run change nothing, --json prints the report, exit 1 for the bad line', async () => {
      const cli = async (args: string[]) => {
        let stdout = '';
        let stderr = '';
        const code = await runCli(args, {
          stdout: (t) => void (stdout += t),
          stderr: (t) => void (stderr += t),
          stdin: new PassThrough(),
          isTty: false,
          env: {
            DATABASE_URL: h.service.databaseUrl!,
            REGSYNC_DATA_DIR: dir,
            REGSYNC_SECRET_KEY: SECRET_KEY,
            ...OPERATOR,
          },
          cwd: dir,
        });
        return { code, stdout, stderr };
      };
      const before = await count();
      const dry = await cli(['connections', 'import', 'legacy.ndjson', '--dry-run', '--json']);
      expect(dry.code).toBe(1);
      expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, imported: 0, unchanged: 3 });
      const text = await cli(['connections', 'import', 'legacy.ndjson']);
      expect(text.code).toBe(1);
      expect(text.stdout).toContain(
        'legacy.ndjson:4  /config/api_key  pattern  must match pattern',
      );
      expect(await count()).toBe(before);
      const missing = await cli(['connections', 'import', 'nowhere.ndjson', '--json']);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('nowhere.ndjson');
    });
});
