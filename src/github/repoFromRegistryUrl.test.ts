import { describe, expect, it } from 'vitest';
import { repoFromRegistryUrl } from './repoFromRegistryUrl.js';

describe('repoFromRegistryUrl', () => {
  it.each([
    ['https://github.com/acme/registry.git', 'acme/registry'],
    ['https://github.com/acme/registry', 'acme/registry'],
    ['https://GitHub.com/Acme/Registry/', 'Acme/Registry'],
    ['ssh://git@github.com/acme/registry.git', 'acme/registry'],
    ['ssh://git@github.com:22/acme/registry.git', 'acme/registry'],
    ['git@github.com:acme/registry.git', 'acme/registry'],
    ['git@github.com:acme/my.registry', 'acme/my.registry'],
  ])('derives the repository of %s', (url, repo) => {
    expect(repoFromRegistryUrl(url)).toBe(repo);
  });

  it.each([
    'file:///srv/registry.git',
    '/srv/registry',
    'https://gitlab.com/acme/registry.git',
    'https://github.com.evil.example/acme/registry.git',
    'https://github.com/acme/registry/tree/main',
    'https://github.com/acme',
    'https://github.com:8443/acme/registry.git',
    'git@gitlab.com:acme/registry.git',
    'https://github.com/../registry.git',
    'ftp://github.com/acme/registry.git',
    'not a url',
  ])('cannot derive one from %s', (url) => {
    expect(repoFromRegistryUrl(url)).toBeUndefined();
  });
});
