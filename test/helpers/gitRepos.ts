/**
 * Real git repositories for integration tests: a work repository and a bare "remote" in a
 * fresh temp folder, driven by the git binary (never by the code under test).
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Environment for the test's own git calls: no host config, fixed identity and dates. */
const GIT_ENV: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: '/nonexistent',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Registry Bot',
  GIT_AUTHOR_EMAIL: 'bot@example.test',
  GIT_COMMITTER_NAME: 'Registry Bot',
  GIT_COMMITTER_EMAIL: 'bot@example.test',
  LC_ALL: 'C',
};

/** Runs git in `cwd` and returns trimmed stdout. */
export async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd, env: GIT_ENV, maxBuffer: 64 * 1024 * 1024 });
  return stdout.trim();
}

/** A manifest document for `integrations/<key>/manifest.json` (content is not validated here). */
export function manifestJson(key: string, extra: Record<string, unknown> = {}, indent = 2): string {
  return `${JSON.stringify({ manifestVersion: '1.0', key, displayName: key, ...extra }, null, indent)}\n`;
}

export interface TestRepo {
  /** Root temp folder (removed by `cleanup`). */
  root: string;
  /** Work repository with a checkout. */
  work: string;
  /** Bare repository the work repository pushes to: the "remote". */
  remote: string;
  /** `file://` URL of the remote. */
  url: string;
  /** A fresh, not yet existing, cache folder for the source under test. */
  cacheDir: string;
  /** Writes files (path -> content; `null` deletes) and commits them; returns the sha. */
  commit(files: Record<string, string | Buffer | null>, message?: string): Promise<string>;
  /** Replaces `path` with a symlink to `target` and commits; returns the sha. */
  commitSymlink(path: string, target: string, message?: string): Promise<string>;
  /** Pushes the current branch (and tags). */
  push(branch?: string): Promise<void>;
  /** Rewrites history: resets the branch to `sha`, commits `files`, force-pushes; returns the new sha. */
  forcePush(sha: string, files: Record<string, string | Buffer | null>): Promise<string>;
  /** Creates an annotated tag at HEAD and pushes it; returns the commit sha. */
  tag(name: string): Promise<string>;
  /** Switches the work repository to a (new) branch. */
  checkout(branch: string, create?: boolean): Promise<void>;
  head(): Promise<string>;
  cleanup(): Promise<void>;
}

/**
 * Creates a work repository on branch `main` and a bare remote, with one initial commit.
 * `objectFormat: 'sha256'` makes both SHA-256 repositories (64-hex object ids).
 */
export async function createTestRepo(
  initial: Record<string, string> = { 'README.md': '# registry\n' },
  options: { objectFormat?: 'sha1' | 'sha256' } = {},
): Promise<TestRepo> {
  const root = await mkdtemp(join(tmpdir(), 'regsync-git-'));
  const work = join(root, 'work');
  const remote = join(root, 'remote.git');
  const format = `--object-format=${options.objectFormat ?? 'sha1'}`;
  await mkdir(work);
  await git(root, 'init', '--quiet', '--bare', format, '--initial-branch=main', remote);
  await git(root, 'init', '--quiet', format, '--initial-branch=main', work);
  await git(work, 'remote', 'add', 'origin', remote);

  const writeFiles = async (files: Record<string, string | Buffer | null>): Promise<void> => {
    const added: string[] = [];
    const removed: string[] = [];
    for (const [path, content] of Object.entries(files)) {
      if (content === null) {
        removed.push(path);
        continue;
      }
      const full = join(work, path);
      await mkdir(dirname(full), { recursive: true });
      await writeFile(full, content);
      added.push(path);
    }
    if (removed.length > 0) await git(work, 'rm', '-r', '--quiet', '--', ...removed);
    if (added.length > 0) await git(work, 'add', '--', ...added);
  };
  const repo: TestRepo = {
    root,
    work,
    remote,
    url: `file://${remote}`,
    cacheDir: join(root, 'cache'),
    async commit(files, message = 'update registry') {
      await writeFiles(files);
      await git(work, 'commit', '--quiet', '--allow-empty', '-m', message);
      return repo.head();
    },
    async commitSymlink(path, target, message = 'add a symlink') {
      const full = join(work, path);
      await rm(full, { recursive: true, force: true });
      await mkdir(dirname(full), { recursive: true });
      await symlink(target, full);
      await git(work, 'add', '-A', '--', path);
      await git(work, 'commit', '--quiet', '-m', message);
      return repo.head();
    },
    async push(branch) {
      const name = branch ?? (await git(work, 'rev-parse', '--abbrev-ref', 'HEAD'));
      await git(work, 'push', '--quiet', '--tags', 'origin', name);
    },
    async forcePush(sha, files) {
      await git(work, 'reset', '--quiet', '--hard', sha);
      const next = await repo.commit(files, 'rewritten history');
      const name = await git(work, 'rev-parse', '--abbrev-ref', 'HEAD');
      await git(work, 'push', '--quiet', '--force', 'origin', name);
      return next;
    },
    async tag(name) {
      await git(work, 'tag', '-a', '-m', `release ${name}`, name);
      await git(work, 'push', '--quiet', 'origin', `refs/tags/${name}`);
      return repo.head();
    },
    async checkout(branch, create = false) {
      await git(work, 'checkout', '--quiet', ...(create ? ['-b'] : []), branch);
    },
    head: () => git(work, 'rev-parse', 'HEAD'),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
  await repo.commit(initial, 'initial registry');
  await repo.push('main');
  return repo;
}

/** One call a logger received. */
export interface LogCall {
  level: 'debug' | 'info' | 'warn';
  obj: object;
  msg: string | undefined;
}

/** A pino-shaped logger that records every call, for counting git processes and leak checks. */
export function recordingLogger(): {
  calls: LogCall[];
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  /** The git subcommands run, in order (`ls-remote`, `fetch`, `cat-file`, ...). */
  gitCommands(): string[];
  /** Everything received, as one string (for "the token never appears" checks). */
  text(): string;
} {
  const calls: LogCall[] = [];
  const at = (level: LogCall['level']) => (obj: object, msg?: string) =>
    void calls.push({ level, obj, msg });
  return {
    calls,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    gitCommands: () =>
      calls.flatMap((c) => {
        const args = (c.obj as { git?: string[] }).git;
        return args ? [args.find((a) => !a.startsWith('-')) ?? ''] : [];
      }),
    text: () => JSON.stringify(calls),
  };
}
