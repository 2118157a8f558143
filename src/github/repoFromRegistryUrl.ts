const NAME = /^[A-Za-z0-9_.-]+$/;

/**
 * The `owner/name` of a registry URL on github.com, for filtering push webhooks by the
 * followed repository: `https://github.com/owner/name(.git)`, `ssh://git@github.com/owner/name.git`
 * and the scp form `git@github.com:owner/name.git`, any letter case of the host, an optional
 * trailing slash. Undefined for anything else (another host, a local path or `file://` URL, a
 * deeper path), which the caller must treat as "unknown", never as a match. Pure; never throws.
 */
export function repoFromRegistryUrl(url: string): string | undefined {
  let path: string | undefined;
  const scp = /^[A-Za-z0-9._-]+@github\.com:(.+)$/i.exec(url);
  if (scp) path = scp[1];
  else {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return undefined;
    }
    if (!['https:', 'http:', 'ssh:', 'git+ssh:'].includes(parsed.protocol)) return undefined;
    if (parsed.hostname.toLowerCase() !== 'github.com' || (parsed.port && parsed.port !== '22'))
      return undefined;
    path = parsed.pathname;
  }
  const [owner, repo, ...rest] = (path ?? '')
    .replace(/^\/+/, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/i, '')
    .split('/');
  if (rest.length > 0 || !owner || !repo || !NAME.test(owner) || !NAME.test(repo)) return undefined;
  if (/^\.+$/.test(owner) || /^\.+$/.test(repo)) return undefined;
  return `${owner}/${repo}`;
}
