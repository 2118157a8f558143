import { describe, expect, it } from 'vitest';
import { loadConfig } from './loadConfig.js';
import { readSourcesFile } from './readSourcesFile.js';

const read = (text: string, env: NodeJS.ProcessEnv = {}) =>
  readSourcesFile({ path: '/etc/regsync/sources.json', text, env, bundledFolder: '/app/registry' });

describe('readSourcesFile', () => {
  it('reads every setting of every source, the token from the variable it names', () => {
    const result = read(
      JSON.stringify({
        sources: [
          { name: 'upstream', bundled: true },
          {
            name: 'acme',
            url: 'https://github.com/acme/private-registry.git',
            branch: 'main',
            subdir: 'registry',
            tokenEnv: 'ACME_TOKEN',
            gate: { repo: 'acme/private-registry', checkName: 'validate', appId: 15368 },
            override: ['hubspot'],
            hide: ['integrations/zendesk'],
          },
          { name: 'local', folder: 'manifests', revision: 'v1' },
        ],
      }),
      { ACME_TOKEN: 'ghp_secret' },
    );
    expect(result).toEqual({
      ok: true,
      sources: [
        {
          name: 'upstream',
          registry: '/app/registry',
          isBundled: true,
          rights: { override: false, hide: [] },
        },
        {
          name: 'acme',
          registry: 'https://github.com/acme/private-registry.git',
          isBundled: false,
          branch: 'main',
          subdir: 'registry',
          gitToken: 'ghp_secret',
          tokenEnv: 'ACME_TOKEN',
          github: { repo: 'acme/private-registry', checkName: 'validate', appId: 15368 },
          rights: { override: ['hubspot'], hide: ['integrations/zendesk'] },
        },
        {
          name: 'local',
          registry: '/etc/regsync/manifests',
          isBundled: false,
          revision: 'v1',
          rights: { override: false, hide: [] },
        },
      ],
    });
  });

  it('names the line, the pointer and the rule of every problem', () => {
    const text = [
      '{',
      '  "sources": [',
      '    { "name": "upstream", "bundled": true, "token": "ghp_x" },',
      '    { "name": "acme", "tokenEnv": "ACME_TOKEN" },',
      '    { "name": "upstream", "folder": "x", "hide": ["Not A Key"] }',
      '  ]',
      '}',
    ].join('\n');
    const result = read(text);
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors).toContain(
      '/etc/regsync/sources.json:3:5 /sources/0 schema/additionalProperties: unknown property "token"',
    );
    expect(errors).toContain(
      '/etc/regsync/sources.json:4:5 /sources/1 schema/oneOf: a source needs exactly one of "url", "folder" or "bundled": true',
    );
    expect(
      errors.some(
        (e) =>
          e.startsWith('/etc/regsync/sources.json:5:') &&
          e.includes('/sources/2/hide/0 schema/pattern'),
      ),
    ).toBe(true);
  });

  it('refuses a token variable that is unset, and a name used twice', () => {
    const result = read(
      JSON.stringify({
        sources: [
          { name: 'a', url: 'https://example.test/a.git', tokenEnv: 'A_TOKEN' },
          { name: 'a', folder: '/srv/a' },
        ],
      }),
    );
    expect(result.ok ? [] : result.errors.map((e) => e.split(' ').slice(1, 3).join(' '))).toEqual([
      '/sources/0/tokenEnv token-unset:',
      '/sources/1/name duplicate-name:',
    ]);
  });

  it('is what loadConfig reads for REGSYNC_SOURCES_FILE, and never beside REGSYNC_REGISTRY', () => {
    const text = JSON.stringify({
      sources: [
        { name: 'up', bundled: true },
        { name: 'mine', folder: '/srv/m' },
      ],
    });
    const ok = loadConfig({ REGSYNC_SOURCES_FILE: 'sources.json' }, '/etc/regsync', () => text);
    expect(ok.ok && ok.config.sources.map((s) => s.name)).toEqual(['up', 'mine']);
    const both = loadConfig(
      { REGSYNC_SOURCES_FILE: 'sources.json', REGSYNC_REGISTRY: '/srv/x' },
      '/etc/regsync',
      () => text,
    );
    expect(both.ok ? [] : both.errors).toEqual([
      'set REGSYNC_REGISTRY or REGSYNC_SOURCES_FILE, not both',
    ]);
  });

  it('parses REGSYNC_REGISTRY as an ordered list with bundled', () => {
    const result = loadConfig(
      { REGSYNC_REGISTRY: 'bundled,/srv/regsync/manifests', REGSYNC_BRANCH: 'main' },
      '/',
    );
    expect(result.ok && result.config.sources.map((s) => [s.name, s.isBundled, s.branch])).toEqual([
      ['bundled', true, 'main'],
      ['manifests', false, undefined],
    ]);
  });
});
