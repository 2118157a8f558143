import { PassThrough } from 'node:stream';
import type { CliIo } from '../../../src/cli/CliIo.js';
import { runCli } from '../../../src/cli/program.js';

/** Runs `regsync` in-process with captured output and the given environment. */
export async function cli(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stdin: new PassThrough(),
    isTty: false,
    env: options.env ?? {},
    cwd: options.cwd,
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}
