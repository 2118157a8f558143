/**
 * Credential hygiene for DATABASE_URL: the URL may carry a password, and neither logs, error
 * messages nor the CLI may ever print it.
 */

/** The URL with its password (and any `password=` query parameter) replaced by `***`. */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    for (const name of ['password', 'sslpassword', 'sslkey']) {
      if (parsed.searchParams.has(name)) parsed.searchParams.set(name, '***');
    }
    return parsed.toString();
  } catch {
    // Not a URL we can parse: keep only the scheme, which is all a reader needs.
    const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0];
    return scheme ? `${scheme}//***` : '***';
  }
}

/** `text` with every occurrence of the URL's password (raw and percent-decoded) replaced by `***`. */
export function scrubSecret(text: string, url: string | undefined): string {
  if (!url) return text;
  const secrets = new Set<string>();
  try {
    const parsed = new URL(url);
    if (parsed.password) {
      secrets.add(parsed.password);
      secrets.add(decodeURIComponent(parsed.password));
    }
    const queryPassword = parsed.searchParams.get('password');
    if (queryPassword) secrets.add(queryPassword);
  } catch {
    secrets.add(url);
  }
  let out = text.split(url).join(redactDatabaseUrl(url));
  for (const secret of secrets) {
    if (secret.length > 0) out = out.split(secret).join('***');
  }
  return out;
}
