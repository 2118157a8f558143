/**
 * Pure checks of everything a user (or an environment variable) hands to git: the registry
 * URL, branch and tag names, pinned revisions, the registry subfolder and manifest paths.
 *
 * Why: git treats some inputs as commands. `ext::sh -c ...` runs a shell, `fd::` talks to
 * file descriptors, an argument starting with `-` becomes an option (`--upload-pack=evil`),
 * and a host starting with `-` becomes an ssh option (`-oProxyCommand=...`). Every check
 * here runs before any git process is started, so a refused input never reaches git.
 * The checks throw a SourceError (`UNSAFE_URL`, `UNSAFE_REF`, `UNSAFE_PATH`), never retryable.
 */
import { SourceError } from './SourceError.js';

/** The git transports a registry may use; anything else is refused. */
export type GitTransport = 'https' | 'http' | 'ssh' | 'file';

/** A URL that passed `checkGitUrl`. */
export interface CheckedGitUrl {
  /** What git is given: the URL without any user info for http(s). */
  url: string;
  /** Safe for logs, errors and the sync-run table: a credential reads `***`. */
  redacted: string;
  transport: GitTransport;
  /** A credential found in the URL's user info (http and https only), taken out of it. */
  credential?: { username: string; password: string };
}

// Control characters (C0, DEL) are never valid in a URL, ref or path we pass to git.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
/** `transport::address` is git's remote-helper syntax (`ext::`, `fd::`, `foo::`). */
const HELPER_SYNTAX = /^[A-Za-z0-9][A-Za-z0-9+.-]*::/;
const SCP_LIKE = /^(?:([^@/:]+)@)?([^@/:[\]]+|\[[0-9A-Fa-f:.]+\]):(.*)$/;
const HOST_NAME = /^(?:[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?|\[[0-9A-Fa-f:.]+\])$/;
const USER_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/;

function unsafeUrl(reason: string): SourceError {
  return new SourceError('UNSAFE_URL', `Refused registry URL: ${reason}`);
}

/** True for names that always reach this machine: `localhost`, 127.0.0.0/8 and `[::1]`. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * Checks a registry URL and takes any credential out of it.
 *
 * Allowed: `https://`, `http://` to a loopback host only (tests, a local mirror), `ssh://`,
 * scp-style `user@host:path`, `file://` and absolute local paths. Refused: every other
 * scheme (`git://`, `ext::`, `fd::`, any `transport::address`), leading `-` in the URL, the
 * user or the host, control characters, and a password in an ssh URL.
 */
export function checkGitUrl(raw: string): CheckedGitUrl {
  if (raw.length === 0) throw unsafeUrl('it is empty');
  if (raw.length > 2048) throw unsafeUrl('it is longer than 2048 characters');
  if (raw.startsWith('-')) throw unsafeUrl('it starts with "-" and git would read it as an option');
  if (HELPER_SYNTAX.test(raw))
    throw unsafeUrl('"transport::address" remote helpers (ext::, fd::, ...) can run commands');
  if (CONTROL.test(raw)) throw unsafeUrl('it contains whitespace or control characters');
  // A local path is one argument after `--`: a space in a folder name is harmless there.
  if (raw.startsWith('/')) {
    if (raw.includes('::')) throw unsafeUrl('a local path must not contain "::"');
    return { url: raw, redacted: raw, transport: 'file' };
  }
  if (/\s/.test(raw)) throw unsafeUrl('it contains whitespace or control characters');
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(raw)?.[1]?.toLowerCase();
  if (scheme === undefined) return checkScpLike(raw);

  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw unsafeUrl('it is not a valid URL');
  }
  // "::" is only fine inside a bracketed IPv6 host (http://[::1]:8080/...).
  if (raw.replace(/^[^/]*\/\/(?:[^@/]*@)?\[[^\]]*\]/, '').includes('::')) {
    throw unsafeUrl('it contains "::" outside an IPv6 host');
  }
  switch (scheme) {
    case 'https':
    case 'http':
      return checkHttpUrl(parsed, scheme);
    case 'ssh':
      return checkSshUrl(parsed, raw);
    case 'file':
      if (parsed.host !== '' && parsed.host !== 'localhost')
        throw unsafeUrl('file:// URLs must name a local path');
      if (parsed.username !== '' || parsed.password !== '')
        throw unsafeUrl('file:// URLs take no credential');
      return { url: raw, redacted: raw, transport: 'file' };
    default:
      throw unsafeUrl(`scheme "${scheme}" is not allowed (use https, ssh, file or a local path)`);
  }
}

function checkHttpUrl(parsed: URL, scheme: 'https' | 'http'): CheckedGitUrl {
  if (parsed.hostname === '' || !HOST_NAME.test(parsed.hostname))
    throw unsafeUrl('the host name is not valid');
  if (scheme === 'http' && !isLoopbackHost(parsed.hostname)) {
    throw unsafeUrl(
      'plain http is only allowed to a loopback host (127.0.0.1, ::1, localhost); use https',
    );
  }
  let credential: CheckedGitUrl['credential'];
  if (parsed.username !== '' || parsed.password !== '') {
    credential = {
      username: decodeURIComponent(parsed.username),
      password: decodeURIComponent(parsed.password),
    };
  }
  parsed.username = '';
  parsed.password = '';
  const url = parsed.toString();
  const redacted = credential ? url.replace(`${scheme}://`, `${scheme}://***@`) : url;
  return credential
    ? { url, redacted, transport: scheme, credential }
    : { url, redacted, transport: scheme };
}

function checkSshUrl(parsed: URL, raw: string): CheckedGitUrl {
  if (parsed.password !== '') throw unsafeUrl('ssh URLs must not carry a password; use an ssh key');
  if (parsed.hostname === '' || !HOST_NAME.test(parsed.hostname))
    throw unsafeUrl('the host name is not valid');
  if (parsed.username !== '' && !USER_NAME.test(decodeURIComponent(parsed.username))) {
    throw unsafeUrl('the user name is not valid');
  }
  return { url: raw, redacted: raw, transport: 'ssh' };
}

function checkScpLike(raw: string): CheckedGitUrl {
  const match = SCP_LIKE.exec(raw);
  if (!match)
    throw unsafeUrl(
      'it is neither a URL (https://, ssh://, file://), an scp-style user@host:path nor an absolute path',
    );
  const [, user, host = '', path = ''] = match;
  if (user !== undefined && !USER_NAME.test(user)) throw unsafeUrl('the user name is not valid');
  if (!HOST_NAME.test(host)) throw unsafeUrl('the host name is not valid');
  if (path === '' || path.startsWith('-'))
    throw unsafeUrl('the repository path is empty or starts with "-"');
  if (raw.includes('::')) throw unsafeUrl('it contains "::"');
  return { url: raw, redacted: raw, transport: 'ssh' };
}

/**
 * Checks a branch or tag name against git's `check-ref-format` rules (and a few of ours:
 * no leading `-`, at most 255 characters). `refs/heads/` or `refs/tags/` prefixes are
 * accepted and removed. Returns the short name.
 */
export function checkRefName(raw: string, kind: 'branch' | 'tag'): string {
  const prefix = kind === 'branch' ? 'refs/heads/' : 'refs/tags/';
  const name = raw.startsWith(prefix) ? raw.slice(prefix.length) : raw;
  const refuse = (reason: string): SourceError =>
    new SourceError(
      'UNSAFE_REF',
      `Refused ${kind} name ${JSON.stringify(raw.slice(0, 100))}: ${reason}`,
    );
  if (name.length === 0) throw refuse('it is empty');
  if (name.length > 255) throw refuse('it is longer than 255 characters');
  if (name.startsWith('-')) throw refuse('it starts with "-" and git would read it as an option');
  if (CONTROL.test(name) || /[\s~^:?*[\\]/.test(name))
    throw refuse('it contains a space, a control character or one of ~ ^ : ? * [ \\');
  if (name.includes('..')) throw refuse('it contains ".."');
  if (name.includes('@{') || name === '@') throw refuse('it contains "@{" or is "@"');
  if (name.startsWith('/') || name.endsWith('/') || name.includes('//'))
    throw refuse('it has an empty path component');
  if (name.endsWith('.')) throw refuse('it ends with "."');
  if (name === 'HEAD') throw refuse('"HEAD" is not a branch or tag name');
  for (const part of name.split('/')) {
    if (part.startsWith('.')) throw refuse('a component starts with "."');
    if (part.endsWith('.lock')) throw refuse('a component ends with ".lock"');
  }
  return name;
}

/** True for a full SHA-1 (40 hex) or SHA-256 (64 hex) object id. */
export function isObjectId(value: string): boolean {
  return /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(value);
}

/** Checks that a revision passed back to the source is a full object id (lower-case hex). */
export function checkObjectId(value: string): string {
  if (!isObjectId(value)) {
    throw new SourceError(
      'UNSAFE_REF',
      `Refused revision ${JSON.stringify(value.slice(0, 80))}: expected a full 40- or 64-character hex commit id`,
    );
  }
  return value;
}

/**
 * Checks a registry-relative path (a subfolder or a manifest path): `/`-separated, no `..`
 * or `.` component, not absolute, no backslash, no leading `-` or `:` (pathspec magic), no
 * `.git` component, no control characters. A leading `./` and trailing `/` are dropped.
 * `allowEmpty` admits "" (the repository root, for a subfolder).
 */
export function checkRelativePath(
  raw: string,
  what: 'subdir' | 'path',
  allowEmpty = what === 'subdir',
): string {
  const refuse = (reason: string): SourceError =>
    new SourceError(
      'UNSAFE_PATH',
      `Refused ${what === 'subdir' ? 'registry subfolder' : 'path'} ${JSON.stringify(raw.slice(0, 100))}: ${reason}`,
    );
  let path = raw;
  while (path.startsWith('./')) path = path.slice(2);
  while (path.endsWith('/') && path.length > 1) path = path.slice(0, -1);
  if (path === '' || path === '.') {
    if (allowEmpty) return '';
    throw refuse('it is empty');
  }
  if (path.length > 1024) throw refuse('it is longer than 1024 characters');
  if (path.startsWith('/')) throw refuse('it is absolute; give it relative to the repository root');
  if (path.includes('\\')) throw refuse('it contains a backslash');
  if (path.startsWith('-')) throw refuse('it starts with "-" and git would read it as an option');
  if (path.startsWith(':')) throw refuse('it starts with ":" (git pathspec magic)');
  if (CONTROL.test(path)) throw refuse('it contains a control character');
  for (const part of path.split('/')) {
    if (part === '') throw refuse('it has an empty component ("//")');
    if (part === '..' || part === '.') throw refuse('it has a "." or ".." component');
    if (part.toLowerCase() === '.git') throw refuse('it has a ".git" component');
  }
  return path;
}

/**
 * Replaces every occurrence of each secret (as given, URL-encoded and base64 within a
 * Basic header) with `***`, and the user info of any `scheme://user:pass@` URL in the text.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 3) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)]))
      out = out.split(form).join('***');
  }
  return out.replace(/\b([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/\s@]+@/g, '$1***@');
}
