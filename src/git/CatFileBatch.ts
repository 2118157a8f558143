/**
 * One long-lived `git cat-file --batch-command` process per mirror, kept between polls: the
 * object lookups of a sync (is this commit here, what are its parents, what is at this path,
 * the bytes of these blobs) become lines written to its stdin instead of one git process
 * each. A process start costs milliseconds (several on a loaded machine); a round trip
 * through the pipe costs tens of microseconds.
 *
 * A lookup that misses makes git rescan the object store, so objects a `fetch` added after
 * the process started are found (checked by the tests in test/integration/git/).
 *
 * Several lookups written together are one round trip; answers come back in the order asked.
 * The process is started on first use with the environment GitRunner gives every git call,
 * and started again after it exits or a request times out. It never keeps Node alive: its
 * handles are unreferenced while no request waits, so a CLI exits when its work is done
 * (closing our end of stdin then ends git).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { SourceLogger } from './SourceLogger.js';
import { SourceError } from './SourceError.js';

/** One lookup: `info` answers type and size, `contents` also the bytes. */
export interface BatchCommand {
  op: 'info' | 'contents';
  /** Any name `cat-file` resolves: an id, `<id>^{commit}`, `<id>:<path>`. No control characters. */
  object: string;
}

/** git's answer to one lookup; `found: false` when the name resolves to no object. */
export type BatchAnswer =
  { found: true; oid: string; type: string; size: number; bytes?: Buffer } | { found: false };

/** How the batch process is started and bounded. */
export interface CatFileBatchOptions {
  /** The folder git starts in. */
  cwd: string;
  /** The complete environment of the git process (GIT_DIR among it). */
  env: Record<string, string>;
  /** Longest wait for the answers of one request before the process is killed. */
  timeoutMs: number;
  logger?: SourceLogger;
}

interface Pending {
  commands: readonly BatchCommand[];
  answers: BatchAnswer[];
  resolve(answers: BatchAnswer[]): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
  started: number;
}

const HEADER = /^([0-9a-f]{40}|[0-9a-f]{64}) ([a-z]+) (\d+)$/;

/**
 * The long-lived `cat-file --batch-command` reader of the file header. `request` sends
 * lookups and resolves with git's answers in order; `close` ends the process.
 */
export class CatFileBatch {
  private child: ChildProcessWithoutNullStreams | undefined;
  private readonly queue: Pending[] = [];
  private parts: Buffer[] = [];
  private partsLength = 0;
  /** Size of the body being read for the current `contents` answer. */
  private body: { oid: string; type: string; size: number } | undefined;
  /** Round trips made (one per `request`), for benchmarks and logs. */
  roundTrips = 0;
  /** Processes started. */
  processes = 0;

  constructor(private readonly options: CatFileBatchOptions) {}

  /**
   * Sends `commands` in one write and resolves with one answer per command, in order. Rejects
   * with a `GIT_FAILED` SourceError when git cannot be started, exits, or answers nothing
   * for `timeoutMs`; the next request starts a new process.
   */
  request(commands: readonly BatchCommand[]): Promise<BatchAnswer[]> {
    if (commands.length === 0) return Promise.resolve([]);
    for (const c of commands) {
      // A newline would end the command early and make the rest a command of its own.
      // eslint-disable-next-line no-control-regex
      if (/[\u0000-\u001f\u007f]/.test(c.object))
        return Promise.reject(
          new SourceError('UNSAFE_PATH', `Refused object name ${JSON.stringify(c.object)}`),
        );
    }
    return new Promise<BatchAnswer[]>((resolve, reject) => {
      const child = this.start();
      const pending: Pending = {
        commands,
        answers: [],
        resolve,
        reject,
        started: Date.now(),
        timer: setTimeout(
          () =>
            this.fail(
              new SourceError(
                'GIT_FAILED',
                `git cat-file --batch-command answered nothing for ${this.options.timeoutMs} ms`,
              ),
            ),
          this.options.timeoutMs,
        ),
      };
      this.queue.push(pending);
      this.roundTrips++;
      if (this.queue.length === 1) this.ref(child, true);
      child.stdin.write(commands.map((c) => `${c.op} ${c.object}\n`).join(''));
    });
  }

  /** Ends the process (pending requests are rejected); the next request starts a new one. */
  close(): void {
    const child = this.child;
    if (!child) return;
    this.fail(new SourceError('GIT_FAILED', 'git cat-file --batch-command was closed'));
  }

  private start(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const started = Date.now();
    const child = spawn('git', ['cat-file', '--batch-command'], {
      cwd: this.options.cwd,
      env: this.options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child = child;
    this.processes++;
    // Counted like every other git process (bench/sync counts the 'git' debug lines).
    this.options.logger?.debug?.(
      { git: ['cat-file', '--batch-command'], exitCode: 0, ms: Date.now() - started },
      'git',
    );
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => this.onData(child, chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-2000);
    });
    child.stdin.on('error', () => undefined);
    const gone = (detail: string) => {
      if (this.child !== child) return;
      this.fail(
        new SourceError(
          'GIT_FAILED',
          `git cat-file --batch-command stopped: ${(stderr.trim() || detail).slice(0, 500)}`,
        ),
      );
    };
    child.on('error', (error) => gone(error.message));
    child.on('exit', (code, signal) => gone(`exit code ${code ?? signal ?? 'unknown'}`));
    this.ref(child, false);
    return child;
  }

  /** While a request waits the process keeps Node alive; idle, it does not. */
  private ref(child: ChildProcessWithoutNullStreams, on: boolean): void {
    for (const handle of [child, child.stdin, child.stdout, child.stderr] as Array<{
      ref?: () => void;
      unref?: () => void;
    }>) {
      if (on) handle.ref?.();
      else handle.unref?.();
    }
  }

  /** Rejects every pending request and kills the process. */
  private fail(error: Error): void {
    const child = this.child;
    this.child = undefined;
    this.parts = [];
    this.partsLength = 0;
    this.body = undefined;
    for (const pending of this.queue.splice(0)) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    if (child) {
      child.stdin.end();
      child.kill('SIGKILL');
      this.ref(child, false);
    }
  }

  private onData(child: ChildProcessWithoutNullStreams, chunk: Buffer): void {
    if (this.child !== child) return;
    this.parts.push(chunk);
    this.partsLength += chunk.length;
    try {
      this.drain();
    } catch (error) {
      this.fail(error as Error);
    }
  }

  /** All buffered output as one buffer (a copy only when it arrived in several chunks). */
  private flat(): Buffer {
    if (this.parts.length !== 1) this.parts = [Buffer.concat(this.parts, this.partsLength)];
    return this.parts[0] as Buffer;
  }

  private keep(rest: Buffer): void {
    this.parts = rest.length > 0 ? [rest] : [];
    this.partsLength = rest.length;
  }

  private drain(): void {
    for (;;) {
      const pending = this.queue[0];
      if (!pending) {
        if (this.partsLength > 0)
          throw new SourceError('GIT_FAILED', 'git cat-file said more than it was asked');
        return;
      }
      const command = pending.commands[pending.answers.length] as BatchCommand;
      if (this.body) {
        const { size } = this.body;
        if (this.partsLength < size + 1) return;
        const buf = this.flat();
        // A copy, so a small blob does not pin the whole chunk it arrived in.
        const bytes = Buffer.from(buf.subarray(0, size));
        if (buf[size] !== 0x0a)
          throw new SourceError('GIT_FAILED', 'git cat-file output out of step');
        this.keep(buf.subarray(size + 1));
        pending.answers.push({ found: true, ...this.body, bytes });
        this.body = undefined;
      } else {
        if (this.partsLength === 0) return;
        const buf = this.flat();
        const newline = buf.indexOf(0x0a);
        if (newline < 0) return;
        const header = buf.toString('utf8', 0, newline);
        this.keep(buf.subarray(newline + 1));
        const match = HEADER.exec(header);
        if (match) {
          const found = {
            oid: match[1] as string,
            type: match[2] as string,
            size: Number(match[3]),
          };
          if (command.op === 'contents') {
            this.body = found;
            continue;
          }
          pending.answers.push({ found: true, ...found });
        } else if (
          header === `${command.object} missing` ||
          header === `${command.object} ambiguous`
        ) {
          pending.answers.push({ found: false });
        } else {
          throw new SourceError(
            'GIT_FAILED',
            `git cat-file answered ${JSON.stringify(header.slice(0, 200))} to ${command.op} ${command.object}`,
          );
        }
      }
      if (pending.answers.length === pending.commands.length) {
        this.queue.shift();
        clearTimeout(pending.timer);
        this.options.logger?.debug?.(
          { commands: pending.commands.length, ms: Date.now() - pending.started },
          'git batch',
        );
        if (this.queue.length === 0 && this.child) this.ref(this.child, false);
        pending.resolve(pending.answers);
      }
    }
  }
}

/** The parent ids in a raw commit object (its `parent <id>` header lines). */
export function commitParents(commit: Buffer): string[] {
  const text = commit.toString(
    'latin1',
    0,
    commit.indexOf('\n\n') < 0 ? commit.length : commit.indexOf('\n\n'),
  );
  const parents: string[] = [];
  for (const line of text.split('\n')) if (line.startsWith('parent ')) parents.push(line.slice(7));
  return parents;
}

/** One entry of a raw tree object. */
export interface RawTreeEntry {
  mode: string;
  name: string;
  oid: string;
}

/**
 * The entries of a raw tree object (`<mode> <name>\0<binary id>` each). `idBytes` is 20 for
 * SHA-1 and 32 for SHA-256 repositories. Modes are normalized to six digits (`40000` is
 * written `040000` by ls-tree).
 */
export function parseRawTree(tree: Buffer, idBytes: 20 | 32): RawTreeEntry[] {
  const entries: RawTreeEntry[] = [];
  let at = 0;
  while (at < tree.length) {
    const space = tree.indexOf(0x20, at);
    const nul = tree.indexOf(0x00, space + 1);
    if (space < 0 || nul < 0 || nul + 1 + idBytes > tree.length)
      throw new SourceError('GIT_FAILED', 'git cat-file returned a malformed tree object');
    entries.push({
      mode: tree.toString('latin1', at, space).padStart(6, '0'),
      name: tree.toString('utf8', space + 1, nul),
      oid: tree.toString('hex', nul + 1, nul + 1 + idBytes),
    });
    at = nul + 1 + idBytes;
  }
  return entries;
}
