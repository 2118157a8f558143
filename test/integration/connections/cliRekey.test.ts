/** `regsync connections rekey` from the command line, on the embedded database. */
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/program.js';
import { createTempDataDir } from '../../helpers/databases.js';
import { SECRET_KEY } from './userDataService.js';

describe('regsync connections rekey', () => {
  let data: { dir: string; remove(): Promise<void> };
  beforeAll(async () => {
    data = await createTempDataDir({ seeded: true });
  });
  afterAll(async () => {
    await data?.remove();
  });

  const cli = async (args: string[], env: Record<string, string>) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      stdin: new PassThrough(),
      isTty: false,
      env: { REGSYNC_DATA_DIR: data.dir, ...env },
      cwd: data.dir,
    });
    return { code, stdout, stderr };
  };

  it('reports what it scanned as JSON and exits 0', async () => {
    const r = await cli(['connections', 'rekey', '--json'], { REGSYNC_SECRET_KEY: SECRET_KEY });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      scanned: 0,
      reencrypted: 0,
      plainEncrypted: 0,
      failed: [],
    });
  });

  it('refuses a malformed key in one line, without a stack trace', async () => {
    const r = await cli(['connections', 'rekey'], { REGSYNC_SECRET_KEY: 'too-short' });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('REGSYNC_SECRET_KEY');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
