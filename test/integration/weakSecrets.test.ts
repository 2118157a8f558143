/**
 * A weak REGSYNC_SECRET_KEY (all zeros, a repeated pattern) and a REGSYNC_WEBHOOK_SECRET
 * shorter than 16 characters stop `regsync serve` (and `regsync connections rekey`) before
 * anything opens: a configuration error, exit 2, one line naming the variable, no stack
 * trace, and no port listened on.
 */
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { createTempDataDir } from '../helpers/databases.js';

describe('weak secrets are refused at startup', () => {
  let data: { dir: string; remove(): Promise<void> };
  beforeAll(async () => {
    data = await createTempDataDir();
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
      env: { REGSYNC_DATA_DIR: data.dir, PORT: '0', REGSYNC_HOST: '127.0.0.1', ...env },
      cwd: data.dir,
    });
    return { code, stdout, stderr };
  };

  it.each([
    ['an all-zero key (hex)', '0'.repeat(64), 'all zeros'],
    ['an all-zero key (base64)', Buffer.alloc(32).toString('base64'), 'all zeros'],
    ['a repeated byte', Buffer.alloc(32, 7).toString('base64'), 'distinct byte values'],
    ['a short repeated pattern', 'deadbeef'.repeat(8), 'distinct byte values'],
  ])('serve refuses %s as REGSYNC_SECRET_KEY with exit 2', async (_name, key, reason) => {
    const r = await cli(['serve'], { REGSYNC_SECRET_KEY: key });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('REGSYNC_SECRET_KEY is refused');
    expect(r.stderr).toContain(reason);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).not.toContain('listening');
  });

  it('serve refuses a webhook secret shorter than 16 characters with exit 2', async () => {
    const r = await cli(['serve'], { REGSYNC_WEBHOOK_SECRET: 'short-secret' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('REGSYNC_WEBHOOK_SECRET must be at least 16 characters');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).not.toContain('listening');
  });

  it('rekey refuses a weak key with exit 2 too', async () => {
    const r = await cli(['connections', 'rekey', '--json'], {
      REGSYNC_SECRET_KEY: Buffer.alloc(32, 1).toString('hex'),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('REGSYNC_SECRET_KEY is refused');
  });
});
