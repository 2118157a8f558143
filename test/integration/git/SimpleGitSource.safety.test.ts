import { execFile } from 'node:child_process';
import { chmod, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimpleGitSource, type SimpleGitSourceOptions } from '../../../src/git/SimpleGitSource.js';
import { SourceError } from '../../../src/git/SourceError.js';
import {
  createTestRepo,
  git,
  manifestJson,
  recordingLogger,
  type TestRepo,
} from '../../helpers/gitRepos.js';

const CRM = 'integrations/crm/manifest.json';

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** A folder of executable hooks that each create `<trapDir>/<hook name>` when run. */
async function trapHooks(
  root: string,
): Promise<{ hooksDir: string; trapDir: string; fsmonitor: string }> {
  const hooksDir = join(root, 'trap-hooks');
  const trapDir = join(root, 'trapped');
  await mkdir(hooksDir, { recursive: true });
  await mkdir(trapDir, { recursive: true });
  const names = [
    'post-checkout',
    'post-merge',
    'reference-transaction',
    'pre-auto-gc',
    'post-rewrite',
    'post-index-change',
    'pre-push',
    'fsmonitor-watchman',
    'pre-receive',
    'post-update',
  ];
  for (const name of names) {
    const hook = join(hooksDir, name);
    await writeFile(
      hook,
      `#!/bin/sh\ntouch "${trapDir}/${name}"\ncat >/dev/null 2>&1 || true\nexit 0\n`,
    );
    await chmod(hook, 0o755);
  }
  const fsmonitor = join(hooksDir, 'fsmonitor');
  await writeFile(fsmonitor, `#!/bin/sh\ntouch "${trapDir}/fsmonitor"\n`);
  await chmod(fsmonitor, 0o755);
  return { hooksDir, trapDir, fsmonitor };
}

describe('SimpleGitSource: safety', () => {
  let repo: TestRepo;
  beforeEach(async () => {
    repo = await createTestRepo({ [CRM]: manifestJson('crm') });
  });
  afterEach(async () => repo.cleanup());

  const dangerous: Array<[string, Partial<SimpleGitSourceOptions>, string]> = [
    ['ext:: URL', { url: 'ext::sh -c touch% /tmp/regsync-trap-ext' }, 'UNSAFE_URL'],
    ['fd:: URL', { url: 'fd::0' }, 'UNSAFE_URL'],
    ['helper:: URL', { url: 'evil::https://example.com/r.git' }, 'UNSAFE_URL'],
    ['URL as an option', { url: '--upload-pack=touch /tmp/regsync-trap-up' }, 'UNSAFE_URL'],
    ['URL as -u', { url: '-utouch /tmp/regsync-trap-u' }, 'UNSAFE_URL'],
    ['URL as -c', { url: '-ccore.sshCommand=touch /tmp/regsync-trap' }, 'UNSAFE_URL'],
    [
      'ssh host as an option',
      { url: 'ssh://-oProxyCommand=touch%20/tmp/regsync-trap/r' },
      'UNSAFE_URL',
    ],
    ['git:// URL', { url: 'git://example.com/r.git' }, 'UNSAFE_URL'],
    ['http to a public host', { url: 'http://example.com/r.git' }, 'UNSAFE_URL'],
    ['token with ssh', { url: 'ssh://git@example.com/r.git', token: 'tok_abcdef' }, 'UNSAFE_URL'],
    ['branch as an option', { branch: '--upload-pack=touch /tmp/regsync-trap' }, 'UNSAFE_REF'],
    ['branch as -c', { branch: '-c' }, 'UNSAFE_REF'],
    ['branch with ..', { branch: 'main..evil' }, 'UNSAFE_REF'],
    ['branch with @{', { branch: 'main@{1}' }, 'UNSAFE_REF'],
    ['tag as an option', { tag: '--config=core.fsmonitor=evil' }, 'UNSAFE_REF'],
    [
      'pinned revision as an option',
      { pinnedRevision: '--output=/tmp/regsync-trap' },
      'UNSAFE_REF',
    ],
    ['pinned short sha', { pinnedRevision: 'abc^{tree}' }, 'UNSAFE_REF'],
    ['subdir with ..', { subdir: '../outside' }, 'UNSAFE_PATH'],
    ['absolute subdir', { subdir: '/etc' }, 'UNSAFE_PATH'],
    ['subdir with backslash', { subdir: 'a\\..\\b' }, 'UNSAFE_PATH'],
    ['subdir as an option', { subdir: '--output=/tmp/x' }, 'UNSAFE_PATH'],
    ['subdir with pathspec magic', { subdir: ':(glob)**' }, 'UNSAFE_PATH'],
  ];

  it.each(dangerous)(
    'refuses %s before any git process or folder exists',
    (_name, options, code) => {
      const logger = recordingLogger();
      let error: unknown;
      try {
        new SimpleGitSource({ url: repo.url, cacheDir: repo.cacheDir, logger, ...options });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SourceError);
      expect(error).toMatchObject({ code, retryable: false });
      expect(logger.calls).toEqual([]);
      return expect(exists(repo.cacheDir)).resolves.toBe(false);
    },
  );

  it('no hook of the remote, and no hook or fsmonitor from the host config, ever runs', async () => {
    const { hooksDir, trapDir, fsmonitor } = await trapHooks(repo.root);
    // The remote repository asks for hooks (hooks are not transferred, but its config is read
    // by upload-pack on a file:// remote); the host's global config asks for them too.
    await git(repo.remote, 'config', 'core.hooksPath', hooksDir);
    await git(repo.remote, 'config', 'core.fsmonitor', fsmonitor);
    const home = join(repo.root, 'home');
    await mkdir(home);
    await writeFile(
      join(home, '.gitconfig'),
      `[core]\n\thooksPath = ${hooksDir}\n\tfsmonitor = ${fsmonitor}\n[gc]\n\tauto = 1\n`,
    );

    // Sanity: a plain fetch with that host config does run the trap, so the test can fail.
    const control = join(repo.root, 'control.git');
    const env = { PATH: process.env.PATH, HOME: home, GIT_CONFIG_NOSYSTEM: '1' };
    await promisify(execFile)('git', ['init', '--quiet', '--bare', control], { env });
    await promisify(execFile)(
      'git',
      ['--git-dir', control, 'fetch', '--quiet', repo.url, '+refs/heads/*:refs/heads/*'],
      { env },
    );
    expect(await readdir(trapDir)).toContain('reference-transaction');
    for (const f of await readdir(trapDir)) await rm(join(trapDir, f));

    const savedHome = process.env.HOME;
    process.env.HOME = home;
    try {
      const source = new SimpleGitSource({ url: repo.url, cacheDir: repo.cacheDir });
      const first = await source.resolveRevision();
      await source.prepare(first);
      // The test's own push would run the remote's receive hooks: lift them for the push only.
      await git(repo.remote, 'config', '--unset', 'core.hooksPath');
      await repo.commit({ [CRM]: manifestJson('crm', { v: 2 }) });
      await repo.forcePush(first.id, { [CRM]: manifestJson('crm', { v: 3 }) });
      await git(repo.remote, 'config', 'core.hooksPath', hooksDir);
      const next = await source.resolveRevision();
      await source.prepare(next);
      await source.listChanges(first.id, next.id);
      await source.list(next.id);
      expect(await source.read(next.id, CRM)).toMatchObject({ ok: true });
    } finally {
      process.env.HOME = savedHome;
    }
    expect(await readdir(trapDir)).toEqual([]);
  });

  it('an unreachable remote is a retryable SourceError', async () => {
    const source = new SimpleGitSource({
      url: `file://${repo.root}/missing.git`,
      cacheDir: repo.cacheDir,
    });
    const error = await source.resolveRevision().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({ code: 'SOURCE_UNREACHABLE', retryable: true });
  });

  it('a closed loopback port is unreachable, and the credential in the URL is in no message', async () => {
    const logger = recordingLogger();
    const source = new SimpleGitSource({
      url: 'http://x-access-token:tok_S3cretValue@127.0.0.1:9/r.git',
      cacheDir: repo.cacheDir,
      logger,
      timeoutMs: 10_000,
    });
    expect(source.description).toBe('git http://***@127.0.0.1:9/r.git (default branch)');
    const error = (await source.resolveRevision().catch((e: unknown) => e)) as SourceError;
    expect(error).toMatchObject({ code: 'SOURCE_UNREACHABLE', retryable: true });
    const everything = JSON.stringify({
      message: error.message,
      stack: error.stack,
      cause: String(error.cause),
      log: logger.text(),
    });
    expect(everything).not.toContain('S3cret');
    expect(everything).not.toContain(
      Buffer.from('x-access-token:tok_S3cretValue').toString('base64'),
    );
  });

  it('a server that accepts but never answers is killed by the timeout: retryable, not a hang', async () => {
    const sockets: Socket[] = [];
    const server = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const source = new SimpleGitSource({
        url: `http://127.0.0.1:${port}/r.git`,
        cacheDir: repo.cacheDir,
        timeoutMs: 1500,
      });
      const started = Date.now();
      const error = await source.resolveRevision().catch((e: unknown) => e);
      expect(error).toMatchObject({
        name: 'SourceError',
        code: 'SOURCE_UNREACHABLE',
        retryable: true,
      });
      expect((error as Error).message).toContain('timed out');
      expect(Date.now() - started).toBeLessThan(8000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('the mirror allows only the transport of its URL (no ext, fd or https-to-http redirect)', async () => {
    const source = new SimpleGitSource({ url: repo.remote, cacheDir: repo.cacheDir });
    await source.prepare(await source.resolveRevision());
    const config = await git(source.mirrorPath, 'config', '--list', '--local');
    expect(config).toContain('protocol.allow=never');
    expect(config).toContain('protocol.file.allow=always');
    expect(config).not.toContain('protocol.ext');
  });
});
