import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUNDLED_REGISTRY, loadConfig } from './loadConfig.js';

describe('loadConfig', () => {
  it('needs nothing: embedded database, bundled registry, port 8080', () => {
    const result = loadConfig({}, '/srv');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.databaseUrl).toBeUndefined();
    expect(result.config.dataDir).toBe('/srv/.regsync');
    expect(result.config.registry).toBe(BUNDLED_REGISTRY);
    expect(result.config.registryIsBundled).toBe(true);
    expect(result.config.port).toBe(8080);
    expect(result.config.maxRemoveRatio).toBe(0.5);
  });

  it('reports every bad setting at once, each naming its variable', () => {
    const result = loadConfig({
      PORT: 'eighty',
      REGSYNC_POLL_CRON: 'every minute',
      REGSYNC_MAX_REMOVE_RATIO: '2',
      DATABASE_URL: 'mysql://x',
      REGSYNC_ADMIN_TOKEN: 'short',
      REGSYNC_GITHUB_REPO: 'not a repo',
      REGSYNC_REGISTRY_SUBDIR: '../etc',
      REGSYNC_SYNC_RUN_RETENTION: '3',
      REGSYNC_GATE_APP_ID: 'actions',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const joined = result.errors.join('\n');
    for (const name of [
      'PORT',
      'REGSYNC_POLL_CRON',
      'REGSYNC_MAX_REMOVE_RATIO',
      'DATABASE_URL',
      'REGSYNC_ADMIN_TOKEN',
      'REGSYNC_GITHUB_REPO',
      'REGSYNC_REGISTRY_SUBDIR',
      'REGSYNC_SYNC_RUN_RETENTION',
      'REGSYNC_GATE_APP_ID',
    ]) {
      expect(joined).toContain(name);
    }
    expect(result.errors).toHaveLength(9);
  });

  it('resolves a relative registry folder against the working directory but keeps URLs', () => {
    const local = loadConfig({ REGSYNC_REGISTRY: 'my-registry' }, '/srv');
    expect(local.ok && local.config.registry).toBe('/srv/my-registry');
    const url = loadConfig({ REGSYNC_REGISTRY: 'https://github.com/acme/registry.git' }, '/srv');
    expect(url.ok && url.config.registry).toBe('https://github.com/acme/registry.git');
    const scp = loadConfig({ REGSYNC_REGISTRY: 'git@github.com:acme/registry.git' }, '/srv');
    expect(scp.ok && scp.config.registry).toBe('git@github.com:acme/registry.git');
  });

  it('configures the gate only with a GitHub repository', () => {
    const result = loadConfig({
      REGSYNC_GITHUB_REPO: 'acme/registry',
      REGSYNC_GITHUB_API_URL: 'http://127.0.0.1:9',
    });
    expect(result.ok && result.config.github).toEqual({
      repo: 'acme/registry',
      token: undefined,
      apiUrl: 'http://127.0.0.1:9',
      checkName: 'validate',
    });
  });

  it('parses the connection secret keys once, into typed settings, and names a bad one', () => {
    // Random-looking keys: a repeated byte is refused as weak (secretStrength.ts).
    const key = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37 + 11) % 256));
    const previous = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 53 + 7) % 256));
    const ok = loadConfig({
      REGSYNC_SECRET_KEY: key.toString('base64'),
      REGSYNC_SECRET_KEY_PREVIOUS: previous.toString('hex'),
      REGSYNC_PROXY_SECRET: 'a-proxy-secret-of-length',
    });
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    expect(ok.config.userData.secretKey?.key).toEqual(key);
    expect(ok.config.userData.previousKeys.map((k) => k.key)).toEqual([previous]);
    expect(ok.config.userData.proxySecret).toBe('a-proxy-secret-of-length');
    const bad = loadConfig({ REGSYNC_SECRET_KEY: 'not-a-key', PORT: 'x' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.some((e) => e.startsWith('REGSYNC_SECRET_KEY must be 32 bytes'))).toBe(true);
    expect(bad.errors.some((e) => e.startsWith('PORT'))).toBe(true);
  });

  it('documents every variable src/config reads in docs/configuration.md', () => {
    const folder = new URL('.', import.meta.url);
    const modules = readdirSync(folder).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(modules).toContain('loadConfig.ts');
    const source = modules.map((file) => readFileSync(new URL(file, folder), 'utf8')).join('\n');
    const docs = readFileSync(new URL('../../docs/configuration.md', import.meta.url), 'utf8');
    const names = new Set(
      [...source.matchAll(/'((?:REGSYNC|DATABASE|PORT)[A-Z_]*)'/g)].map((m) => m[1] ?? ''),
    );
    expect(names.size).toBeGreaterThan(15);
    for (const name of names) expect(docs, `${name} is not documented`).toContain(`\`${name}\``);
  });

  it('is the only place that reads a REGSYNC_ variable (nothing outside src/config does)', () => {
    // `env.REGSYNC_X`, `env['REGSYNC_X']` or `process.env.REGSYNC_X` in any other module of src/.
    const src = new URL('../', import.meta.url);
    const readers = (readdirSync(src, { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('config'))
      .filter((f) =>
        /\benv(?:\.|\[['"`])(?:REGSYNC|DATABASE_URL)/.test(readFileSync(new URL(f, src), 'utf8')),
      );
    expect(readers).toEqual([]);
  });
});

describe('loadConfig and unsafe registries', () => {
  it('refuses a registry that would read as a git option', () => {
    const result = loadConfig({ REGSYNC_REGISTRY: '--upload-pack=touch /tmp/x' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toContain('REGSYNC_REGISTRY');
  });

  it('passes git transports through untouched so that the source can refuse them', () => {
    const result = loadConfig({ REGSYNC_REGISTRY: 'ext::sh -c touch% /tmp/x' }, '/srv');
    expect(result.ok && result.config.registry).toBe('ext::sh -c touch% /tmp/x');
  });
});
