import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../src/cli/CliIo.js';
import { runCli } from '../../../src/cli/program.js';
import { migrationsList } from '../../../src/db/migrationsList.js';
import { createPostgresDatabase, createTempDataDir } from '../../helpers/databases.js';

function captureIo(
  env: NodeJS.ProcessEnv,
  cwd: string,
): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    stdin: new PassThrough(),
    isTty: false,
    env,
    cwd,
    out: () => out,
    err: () => err,
  };
}

const names = migrationsList.map((m) => m.name);
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe('regsync migrate', () => {
  it('applies the migrations to the embedded database, then reports the schema up to date', async () => {
    const temp = await createTempDataDir({ seeded: true });
    cleanups.push(temp.remove);
    const env = { REGSYNC_DATA_DIR: temp.dir };

    const first = captureIo(env, temp.dir);
    expect(await runCli(['migrate', '--json'], first)).toBe(0);
    expect(JSON.parse(first.out())).toEqual({
      driver: 'pglite',
      database: temp.dir,
      applied: names,
      current: names,
    });

    const second = captureIo(env, temp.dir);
    expect(await runCli(['migrate'], second)).toBe(0);
    expect(second.out()).toMatch(/schema up to date/);
  });

  it('migrates PostgreSQL from DATABASE_URL without printing its password', async () => {
    const database = await createPostgresDatabase();
    cleanups.push(database.drop);
    const url = new URL(database.url);
    url.password = 'hunter2-secret'; // trust auth on the test server ignores it
    const io = captureIo({ DATABASE_URL: url.toString() }, process.cwd());
    expect(await runCli(['migrate'], io)).toBe(0);
    expect(io.out()).toContain(`applied ${names.length} migration(s)`);
    expect(io.out()).toContain(':***@');
    expect(io.out() + io.err()).not.toContain('hunter2');
  });
});
