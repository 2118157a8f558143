import { describe, expect, it } from 'vitest';
import {
  checkGitUrl,
  checkObjectId,
  checkRefName,
  checkRelativePath,
  isLoopbackHost,
  redactSecrets,
} from './checkGitInputs.js';
import { SourceError } from './SourceError.js';

function refusal(fn: () => unknown): SourceError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SourceError);
    return error as SourceError;
  }
  throw new Error('expected a refusal');
}

describe('checkGitUrl', () => {
  it.each([
    ['https://github.com/acme/registry.git', 'https'],
    ['https://git.example.com:8443/group/sub/registry', 'https'],
    ['http://127.0.0.1:8080/registry.git', 'http'],
    ['http://localhost/registry.git', 'http'],
    ['http://[::1]:9000/registry.git', 'http'],
    ['ssh://git@github.com/acme/registry.git', 'ssh'],
    ['ssh://git@github.com:2222/acme/registry.git', 'ssh'],
    ['git@github.com:acme/registry.git', 'ssh'],
    ['github.com:acme/registry.git', 'ssh'],
    ['file:///srv/git/registry.git', 'file'],
    ['/srv/git/registry.git', 'file'],
    ['/srv/my registries/registry.git', 'file'],
  ])('accepts %s', (url, transport) => {
    const checked = checkGitUrl(url);
    expect(checked.transport).toBe(transport);
    expect(checked.credential).toBeUndefined();
    expect(checked.redacted).toBe(checked.url);
  });

  it.each([
    ['ext::sh -c touch% /tmp/pwned', 'remote helpers'],
    ['ext::sh', 'remote helpers'],
    ['fd::3', 'remote helpers'],
    ['foo::https://example.com/repo', 'remote helpers'],
    ['-uevil', 'option'],
    ['--upload-pack=touch /tmp/pwned', 'option'],
    ['--config=core.sshCommand=evil', 'option'],
    ['-c', 'option'],
    ['git://github.com/acme/registry.git', 'scheme "git"'],
    ['ftp://example.com/registry.git', 'scheme "ftp"'],
    ['http://github.com/acme/registry.git', 'loopback'],
    ['http://10.0.0.5/registry.git', 'loopback'],
    ['ssh://-oProxyCommand=touch%20x/registry', 'host'],
    ['ssh://user:secret@host/registry', 'password'],
    ['-oProxyCommand=touch x:registry', 'option'],
    ['git@-oProxyCommand=x:registry', 'host'],
    ['git@host:-registry', 'path'],
    ['https://example.com/a b', 'whitespace'],
    ['https://example.com/a\nb', 'whitespace'],
    ['file://otherhost/srv/registry', 'local path'],
    ['relative/path', 'neither'],
    ['', 'empty'],
  ])('refuses %j', (url, reason) => {
    const error = refusal(() => checkGitUrl(url));
    expect(error.code).toBe('UNSAFE_URL');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(reason);
  });

  it('takes a token or password out of an https URL and redacts it', () => {
    const checked = checkGitUrl('https://x-access-token:ghp_S3cret@github.com/acme/registry.git');
    expect(checked.url).toBe('https://github.com/acme/registry.git');
    expect(checked.redacted).toBe('https://***@github.com/acme/registry.git');
    expect(checked.credential).toEqual({ username: 'x-access-token', password: 'ghp_S3cret' });
    expect(JSON.stringify({ url: checked.url, redacted: checked.redacted })).not.toContain(
      'S3cret',
    );
  });

  it('treats a lone user name in an https URL as a token too', () => {
    const checked = checkGitUrl('https://ghp_T0ken@github.com/acme/registry.git');
    expect(checked.credential).toEqual({ username: 'ghp_T0ken', password: '' });
    expect(checked.redacted).not.toContain('T0ken');
  });

  it('decodes a percent-encoded password', () => {
    expect(checkGitUrl('https://u:p%40ss@host.example/r.git').credential).toEqual({
      username: 'u',
      password: 'p@ss',
    });
  });
});

describe('isLoopbackHost', () => {
  it.each(['localhost', '127.0.0.1', '127.1.2.3', '[::1]'])('%s is loopback', (h) =>
    expect(isLoopbackHost(h)).toBe(true),
  );
  it.each(['example.com', '10.0.0.1', '128.0.0.1', 'localhost.example.com'])('%s is not', (h) =>
    expect(isLoopbackHost(h)).toBe(false),
  );
});

describe('checkRefName', () => {
  it.each(['main', 'release/1.x', 'v1.0.0', 'feature/a-b_c', 'refs/heads/main'])(
    'accepts branch %s',
    (ref) => {
      expect(checkRefName(ref, 'branch')).toBe(ref.replace('refs/heads/', ''));
    },
  );
  it('strips refs/tags/ from a tag', () => expect(checkRefName('refs/tags/v2', 'tag')).toBe('v2'));
  it.each([
    '',
    '-b',
    '--upload-pack=evil',
    '-c',
    'a..b',
    'a b',
    'a~1',
    'a^',
    'a:b',
    'a?',
    'a*',
    'a[b',
    'a\\b',
    '/a',
    'a/',
    'a//b',
    '.a',
    'a/.b',
    'a.lock',
    'a/b.lock/c',
    'a.',
    '@',
    'a@{1}',
    'HEAD',
    'a\u0001',
    'x'.repeat(256),
  ])('refuses %j', (ref) => {
    const error = refusal(() => checkRefName(ref, 'branch'));
    expect(error.code).toBe('UNSAFE_REF');
    expect(error.retryable).toBe(false);
  });
});

describe('checkObjectId', () => {
  it('accepts full sha-1 and sha-256 ids', () => {
    expect(checkObjectId('a'.repeat(40))).toBe('a'.repeat(40));
    expect(checkObjectId('0'.repeat(64))).toBe('0'.repeat(64));
  });
  it.each(['abc1234', 'A'.repeat(40), '--output=/tmp/x', `${'a'.repeat(40)}^`, 'HEAD'])(
    'refuses %j',
    (id) => {
      expect(refusal(() => checkObjectId(id)).code).toBe('UNSAFE_REF');
    },
  );
});

describe('checkRelativePath', () => {
  it.each([
    ['', ''],
    ['.', ''],
    ['./', ''],
    ['registry', 'registry'],
    ['./registry/', 'registry'],
    ['a/b/c', 'a/b/c'],
  ])('accepts subdir %j as %j', (raw, out) => expect(checkRelativePath(raw, 'subdir')).toBe(out));
  it.each([
    '..',
    '../x',
    'a/../../b',
    'a/./b',
    '/etc',
    'a\\b',
    '-x',
    '--output=x',
    ':(glob)*',
    'a//b',
    '.git',
    'a/.GIT/b',
    'a\u0000b',
  ])('refuses subdir %j', (raw) => {
    const error = refusal(() => checkRelativePath(raw, 'subdir'));
    expect(error.code).toBe('UNSAFE_PATH');
    expect(error.retryable).toBe(false);
  });
  it('refuses an empty manifest path', () =>
    expect(refusal(() => checkRelativePath('', 'path')).code).toBe('UNSAFE_PATH'));
});

describe('redactSecrets', () => {
  it('removes each secret, its URL-encoded form and URL user info', () => {
    const text = 'fatal: could not read from https://u:p%40ss@host/r with token tok_123 and p@ss';
    expect(redactSecrets(text, ['tok_123', 'p@ss'])).toBe(
      'fatal: could not read from https://***@host/r with token *** and ***',
    );
  });
  it('ignores empty or very short secrets', () =>
    expect(redactSecrets('a b', ['', 'a'])).toBe('a b'));
});
