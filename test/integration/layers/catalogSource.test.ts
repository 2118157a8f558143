/**
 * The catalog API of a layered registry (issue 14, "origin everywhere"), on PostgreSQL:
 * every integration and template says which source its served copy comes from, `?source=`
 * narrows a list (and pages through it) or pins an item to a source, and a source name no
 * source has is a 400 naming the known ones. Two bare Git repositories, a sources file with
 * an override right, the real service on loopback.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRepo, type TestRepo } from '../../helpers/gitRepos.js';
import { integrationManifest, templateManifest } from '../../helpers/manifests.js';
import { startService, type Service } from '../http/service.js';

const pretty = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`;
const integration = (key: string, name?: string) => ({
  [`integrations/${key}/manifest.json`]: pretty(
    integrationManifest({ key, ...(name ? { name } : {}) }),
  ),
});
const template = (key: string) => ({
  [`templates/${key}/manifest.json`]: pretty(templateManifest(key)),
});

interface Item {
  key: string;
  name: string;
  origin: string;
}

// PostgreSQL here; the browser test (test/browser/catalogSources.test.ts) reads the same
// routes over PGlite, so both databases answer them, and one service start per file is enough.
describe('catalog origin and ?source= on postgresql', () => {
  const driver = 'postgresql';
  let upstream: TestRepo;
  let overlay: TestRepo;
  let dir: string;
  let service: Service;
  const get = async (path: string) => {
    const res = await service.fetch(path);
    return { res, body: (await res.json()) as Record<string, unknown> };
  };
  const list = async (path: string) =>
    ((await get(path)).body.items as Item[]).map((i) => [i.key, i.origin]);

  beforeAll(async () => {
    upstream = await createTestRepo({
      ...integration('alpha'),
      ...integration('beta'),
      ...template('starter'),
    });
    overlay = await createTestRepo({
      ...integration('alpha', 'Acme Alpha'),
      ...integration('gamma'),
      ...template('acme-kit'),
    });
    dir = await mkdtemp(join(tmpdir(), 'regsync-catalog-source-'));
    await writeFile(
      join(dir, 'sources.json'),
      JSON.stringify({
        sources: [
          { name: 'upstream', url: upstream.url },
          { name: 'acme', url: overlay.url, override: ['alpha'] },
        ],
      }),
    );
    service = await startService({
      driver,
      repo: upstream,
      env: { REGSYNC_REGISTRY: '', REGSYNC_SOURCES_FILE: join(dir, 'sources.json') },
    });
  }, 120_000);

  afterAll(async () => {
    await service?.close();
    await upstream?.cleanup();
    await overlay?.cleanup();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('names the source of every served integration and template', async () => {
    expect(await list('/api/v1/integrations')).toEqual([
      ['alpha', 'acme'],
      ['beta', 'upstream'],
      ['gamma', 'acme'],
    ]);
    expect(await list('/api/v1/templates')).toEqual([
      ['acme-kit', 'acme'],
      ['starter', 'upstream'],
    ]);
    const alpha = await get('/api/v1/integrations/alpha');
    expect(alpha.body).toMatchObject({ key: 'alpha', name: 'Acme Alpha', origin: 'acme' });
    const starter = await get('/api/v1/templates/starter');
    expect(starter.body).toMatchObject({ key: 'starter', origin: 'upstream' });
  });

  it('narrows a list to one source, pages through it, and caches each filter apart', async () => {
    expect(await list('/api/v1/integrations?source=upstream')).toEqual([['beta', 'upstream']]);
    expect(await list('/api/v1/integrations?source=acme')).toEqual([
      ['alpha', 'acme'],
      ['gamma', 'acme'],
    ]);
    expect(await list('/api/v1/templates?source=acme')).toEqual([['acme-kit', 'acme']]);
    // The filter composes with the others.
    expect(await list('/api/v1/integrations?source=acme&q=gamma')).toEqual([['gamma', 'acme']]);

    const first = await get('/api/v1/integrations?source=acme&limit=1');
    expect((first.body.items as Item[]).map((i) => i.key)).toEqual(['alpha']);
    expect(first.res.headers.get('link')).toContain('source=acme');
    const second = await get(
      `/api/v1/integrations?source=acme&limit=1&cursor=${String(first.body.next)}`,
    );
    expect((second.body.items as Item[]).map((i) => i.key)).toEqual(['gamma']);
    expect(second.body.next).toBeNull();

    const all = await service.fetch('/api/v1/integrations');
    const acme = await service.fetch('/api/v1/integrations?source=acme');
    expect(acme.headers.get('etag')).not.toBe(all.headers.get('etag'));
  });

  it('pins an item to a source: 404 naming the source that serves it otherwise', async () => {
    const pinned = await get('/api/v1/integrations/alpha?source=acme');
    expect(pinned.res.status).toBe(200);
    expect(pinned.body.origin).toBe('acme');
    // alpha's upstream copy is overridden (shadowed), not served: not in the catalog.
    const other = await get('/api/v1/integrations/alpha?source=upstream');
    expect(other.res.status).toBe(404);
    expect(other.res.headers.get('content-type')).toContain('application/problem+json');
    expect(other.body).toMatchObject({ code: 'NOT_FOUND' });
    expect(String(other.body.detail)).toContain('is served from source "acme", not "upstream"');
    expect((await get('/api/v1/templates/acme-kit?source=upstream')).res.status).toBe(404);
  });

  it('refuses a source no source has, naming the known ones, and a malformed name', async () => {
    for (const path of [
      '/api/v1/integrations?source=acmee',
      '/api/v1/templates?source=acmee',
      '/api/v1/integrations/alpha?source=acmee',
    ]) {
      const { res, body } = await get(path);
      expect(res.status, path).toBe(400);
      expect(body).toMatchObject({ code: 'INVALID_QUERY' });
      expect(body.errors).toEqual([
        {
          pointer: '/query/source',
          rule: 'enum',
          message: 'no registry source is named "acmee"; known: upstream, acme',
        },
      ]);
    }
    const malformed = await get('/api/v1/integrations?source=Acme%20Corp');
    expect(malformed.res.status).toBe(400);
    expect((malformed.body.errors as Array<{ pointer: string }>)[0]?.pointer).toBe('/query/source');
  });
});
