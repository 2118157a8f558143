import type { Readable } from 'node:stream';

/** Where a command reads and writes; injected so commands can be run in-process by tests. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin: Readable;
  /** True when stdout is a terminal (progress output is shown only then). */
  isTty: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** The real process streams. */
export function processIo(): CliIo {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    stdin: process.stdin,
    isTty: Boolean(process.stdout.isTTY),
    env: process.env,
    cwd: process.cwd(),
  };
}
