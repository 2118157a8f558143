/**
 * Runs git (through simple-git) against one bare mirror with a fixed, minimal environment.
 *
 * - `GIT_DIR` is always the mirror, so git never discovers a repository around the cache
 *   folder and never reads its config.
 * - The environment is built from an allow-list, not copied: `GIT_ASKPASS`, `SSH_ASKPASS`,
 *   `GIT_SSH_COMMAND`, `GIT_CONFIG_*`, editors and pagers of the host never reach git (and
 *   simple-git would refuse most of them anyway).
 * - `GIT_TERMINAL_PROMPT=0`: a missing credential fails at once instead of waiting for a tty.
 * - `GIT_ALLOW_PROTOCOL=<the one transport of the URL>`: git refuses every other transport
 *   (`ext`, `fd`, and a redirect from https to http), overriding any `protocol.*.allow`.
 * - `GIT_LITERAL_PATHSPECS=1`: a subfolder is a path, never a glob or `:(magic)`.
 * - A credential travels in an environment variable that `--config-env` turns into
 *   `http.<url>.extraHeader`: it is on no command line, in no config file, in no log.
 * - Every call has simple-git's `timeout.block` (no output for that long kills git).
 * - simple-git's `unsafe` options stay at their defaults.
 *
 * Every failure is scrubbed of the credential and rethrown as a SourceError.
 */
import { spawn } from 'node:child_process';
import { GitError, simpleGit, type SimpleGit } from 'simple-git';
import { CatFileBatch } from './CatFileBatch.js';
import type { SourceLogger } from './SourceLogger.js';
import { redactSecrets, type GitTransport } from './checkGitInputs.js';
import { SourceError, type SourceErrorCode } from './SourceError.js';

export type { SourceLogger } from './SourceLogger.js';

/** A git process that exited with a non-zero code; kept apart so callers can read the code. */
class GitExitError extends GitError {
  constructor(
    readonly exitCode: number,
    readonly stderr: string,
  ) {
    super(undefined, stderr.trim() || `git exited with code ${exitCode}`);
  }
}

/** Name of the variable that carries the Authorization header to `--config-env`. */
const AUTH_ENV = 'REGSYNC_GIT_HTTP_AUTHORIZATION';

/** Host variables git may need: where binaries are, ssh-agent, proxies, CA bundles. */
const PASS_THROUGH = [
  'PATH',
  'HOME',
  'TMPDIR',
  'SSH_AUTH_SOCK',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'all_proxy',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'GIT_SSL_CAINFO',
  'GIT_SSL_CAPATH',
];

/**
 * Options of `GitRunner`: the mirror, the folder git starts in, the URL (and transport) a
 * credential is scoped to.
 */
export interface GitRunnerOptions {
  /** The bare mirror; must be absolute. */
  gitDir: string;
  /** An existing folder to start git in (the cache folder). */
  cwd: string;
  /** The URL given to git (no user info), used to scope the credential header. */
  url: string;
  transport: GitTransport;
  /** `Authorization: ...` header value sent to `url` only. */
  authorization?: string;
  /** Strings scrubbed from every message (token, password, the encoded header). */
  secrets: string[];
  timeoutMs: number;
  logger?: SourceLogger;
}

/** What a call may return when git exits non-zero on purpose (`merge-base --is-ancestor`). */
export interface GitExit {
  exitCode: number;
  stdout: string;
}

/**
 * Runs git against one bare mirror with the fixed environment of the file header. `run`,
 * `remote` and `blob` resolve with git's output or reject with a scrubbed
 * `SourceError`; `test` answers an exit code instead of throwing. Creates simple-git lazily,
 * once.
 */
export class GitRunner {
  private instance: SimpleGit | undefined;
  private readonly options: GitRunnerOptions;

  constructor(options: GitRunnerOptions) {
    this.options = options;
  }

  /** simple-git insists its folder exists, so the instance is made on first use (after mkdir). */
  private get git(): SimpleGit {
    this.instance ??= this.create();
    return this.instance;
  }

  /**
   * The one long-lived `cat-file --batch-command` reader of this mirror (see CatFileBatch),
   * started on first use with the same environment as every other call, minus the
   * credential (it never talks to the remote).
   */
  get batch(): CatFileBatch {
    this.batchReader ??= new CatFileBatch({
      cwd: this.options.cwd,
      env: this.environment(false),
      timeoutMs: this.options.timeoutMs,
      ...(this.options.logger ? { logger: this.options.logger } : {}),
    });
    return this.batchReader;
  }

  /** Ends the batch reader (when the mirror is deleted); the next lookup starts a new one. */
  closeBatch(): void {
    this.batchReader?.close();
  }

  private batchReader: CatFileBatch | undefined;

  /** The fixed environment of the file header; `withAuth` adds the credential variable. */
  private environment(withAuth: boolean): Record<string, string> {
    const options = this.options;
    const env: Record<string, string> = {};
    for (const name of PASS_THROUGH) {
      const value = process.env[name];
      if (value !== undefined) env[name] = value;
    }
    Object.assign(env, {
      GIT_DIR: options.gitDir,
      GIT_TERMINAL_PROMPT: '0',
      GIT_ALLOW_PROTOCOL: options.transport,
      GIT_LITERAL_PATHSPECS: '1',
      GIT_NO_REPLACE_OBJECTS: '1',
      LC_ALL: 'C',
    });
    if (withAuth && options.authorization) env[AUTH_ENV] = options.authorization;
    return env;
  }

  private create(): SimpleGit {
    const options = this.options;
    const env = this.environment(true);
    return simpleGit({
      baseDir: options.cwd,
      timeout: { block: options.timeoutMs },
      trimmed: false,
      errors(error, result) {
        // A timeout arrives as simple-git's own plugin error: keep it, describe() names it.
        if (error instanceof Error && /block timeout reached/.test(error.message)) return error;
        if (result.exitCode)
          return new GitExitError(result.exitCode, Buffer.concat(result.stdErr).toString('utf8'));
        return error;
      },
    }).env(env);
  }

  /** Runs a local command; a non-zero exit throws a SourceError (`GIT_FAILED` unless classified). */
  async run(args: string[]): Promise<string> {
    const result = await this.exec(args, false);
    if (result.exitCode !== 0) throw this.failure(args, result.stderr, false);
    return result.stdout;
  }

  /** Runs a local command and returns its exit code instead of throwing on 1 (and only 1). */
  async test(args: string[]): Promise<GitExit> {
    const result = await this.exec(args, false);
    if (result.exitCode !== 0 && result.exitCode !== 1)
      throw this.failure(args, result.stderr, false);
    return { exitCode: result.exitCode, stdout: result.stdout };
  }

  /**
   * Runs a local command that reads its input from stdin (`update-ref --stdin`), which
   * simple-git cannot feed: spawned here with the same environment (no credential), folder
   * and silence timeout as every other local call. A non-zero exit throws a SourceError.
   */
  async runWithInput(args: string[], input: string): Promise<string> {
    const started = Date.now();
    const result = await new Promise<{ exitCode: number; stdout: string; stderr: string }>(
      (resolve) => {
        const child = spawn('git', args, {
          cwd: this.options.cwd,
          env: this.environment(false),
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        let timer: NodeJS.Timeout | undefined;
        const quiet = () => {
          clearTimeout(timer);
          timer = setTimeout(() => {
            err.push(Buffer.from(`timed out: no output from git for ${this.options.timeoutMs} ms`));
            child.kill('SIGKILL');
          }, this.options.timeoutMs);
        };
        quiet();
        child.stdout.on('data', (chunk: Buffer) => (out.push(chunk), quiet()));
        child.stderr.on('data', (chunk: Buffer) => (err.push(chunk), quiet()));
        child.on('error', (error) => err.push(Buffer.from(error.message)));
        child.on('close', (code) => {
          clearTimeout(timer);
          resolve({
            exitCode: code ?? -1,
            stdout: Buffer.concat(out).toString('utf8'),
            stderr: Buffer.concat(err).toString('utf8'),
          });
        });
        child.stdin.on('error', () => undefined);
        child.stdin.end(input);
      },
    );
    this.log(args, started, result.exitCode);
    if (result.exitCode !== 0) throw this.failure(args, result.stderr, false);
    return result.stdout;
  }

  /** Runs a command that talks to the remote (`ls-remote`, `fetch`), with the credential. */
  async remote(args: string[]): Promise<string> {
    const withAuth = this.options.authorization
      ? [`--config-env=http.${this.options.url}.extraHeader=${AUTH_ENV}`, ...args]
      : args;
    const result = await this.exec(withAuth, true);
    if (result.exitCode !== 0) throw this.failure(args, result.stderr, true);
    return result.stdout;
  }

  /** Reads a blob's bytes. */
  async blob(oid: string): Promise<Buffer> {
    const started = Date.now();
    try {
      const out = await this.git.binaryCatFile(['blob', oid]);
      this.log(['cat-file', 'blob', oid], started, 0);
      return out;
    } catch (error) {
      const { exitCode, stderr } = this.describe(error);
      this.log(['cat-file', 'blob', oid], started, exitCode);
      throw this.failure(['cat-file'], stderr, false);
    }
  }

  /** Scrubs every configured secret out of a text. */
  scrub(text: string): string {
    return redactSecrets(text, this.options.secrets);
  }

  private async exec(
    args: string[],
    network: boolean,
  ): Promise<{ exitCode: number; stdout: string; stderr: string }> {
    const started = Date.now();
    try {
      const stdout = await this.git.raw(args);
      this.log(args, started, 0, network);
      return { exitCode: 0, stdout, stderr: '' };
    } catch (error) {
      const { exitCode, stderr } = this.describe(error);
      this.log(args, started, exitCode, network);
      return { exitCode, stdout: '', stderr };
    }
  }

  /** Exit code and message of whatever simple-git threw; -1 for a timeout or a spawn failure. */
  private describe(error: unknown): { exitCode: number; stderr: string } {
    if (error instanceof GitExitError) return { exitCode: error.exitCode, stderr: error.stderr };
    const message = error instanceof Error ? error.message : String(error);
    if (/block timeout reached/.test(message))
      return {
        exitCode: -1,
        stderr: `timed out: no output from git for ${this.options.timeoutMs} ms`,
      };
    return { exitCode: -1, stderr: message };
  }

  private log(args: string[], started: number, exitCode: number, network = false): void {
    // The arguments never hold a secret (the credential is in the environment), but the
    // scrub is cheap insurance against a future caller passing one.
    this.options.logger?.debug?.(
      { git: args.map((a) => this.scrub(a)), exitCode, ms: Date.now() - started, network },
      'git',
    );
  }

  private failure(args: string[], stderr: string, network: boolean): SourceError {
    const detail = this.scrub(stderr)
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .slice(-5)
      .join(' | ')
      .slice(0, 1000);
    const command = args.find((a) => !a.startsWith('-')) ?? 'git';
    const code = classify(stderr, network);
    const hint =
      code === 'AUTH_FAILED'
        ? ' (the remote wants a credential or refused it: check REGSYNC_GIT_TOKEN or the ssh key)'
        : '';
    return new SourceError(code, `git ${command} failed${hint}: ${detail}`, {
      cause: new Error(detail),
    });
  }
}

/** Maps git's (LC_ALL=C) stderr to a SourceError code. */
export function classify(stderr: string, network: boolean): SourceErrorCode {
  if (
    /Authentication failed|HTTP (?:Basic: )?Access denied|The requested URL returned error: 40[13]|could not read (?:Username|Password)|terminal prompts disabled|Permission denied \(publickey/i.test(
      stderr,
    )
  ) {
    return 'AUTH_FAILED';
  }
  if (/couldn't find remote ref|not our ref|no such remote ref/i.test(stderr))
    return 'REF_NOT_FOUND';
  // The mirror itself is broken (a git killed mid-fetch left a lock, a disk error): local.
  if (
    /Unable to create '.*\.lock'|cannot lock ref|not a git repository|bad object|is corrupt|index-pack failed|unable to write|No space left/i.test(
      stderr,
    )
  ) {
    return 'LOCAL_IO';
  }
  if (/transport '.*' not allowed|unsupported protocol/i.test(stderr)) return 'UNSAFE_URL';
  return network ? 'SOURCE_UNREACHABLE' : 'GIT_FAILED';
}
