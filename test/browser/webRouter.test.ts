/**
 * How the real service serves the catalog page (no browser needed): `/` with a strict CSP
 * that allows exactly the import map, vendor and app files at versioned or hashed URLs with
 * immutable caching and the right content types, gzip and 304s, and every other route
 * (API, probes, 404s) exactly as before.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestRepo } from '../helpers/gitRepos.js';
import { startCatalog, type Service } from './harness.js';

describe('web router in the real app', () => {
  let repo: TestRepo;
  let service: Service;
  let html = '';
  let imports: Record<string, string> = {};

  beforeAll(async () => {
    ({ repo, service } = await startCatalog());
    html = await (await service.fetch('/')).text();
    imports = (
      JSON.parse(/<script type="importmap">(.*?)<\/script>/s.exec(html)?.[1] ?? '{}') as {
        imports: Record<string, string>;
      }
    ).imports;
  });
  afterAll(async () => {
    await service?.close();
    await repo?.cleanup();
  });

  it('serves the page at / with no-cache and a CSP whose one inline allowance is the import map', async () => {
    const res = await service.fetch('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull(); // the real app, not a test wrapper
    const csp = res.headers.get('content-security-policy') ?? '';
    const map = /<script type="importmap">(.*?)<\/script>/s.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(map).digest('base64');
    expect(csp).toContain(`script-src 'self' 'sha256-${hash}'`);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe');
    // No other inline script, no CDN.
    expect(html.match(/<script(?![^>]*\bsrc=)(?![^>]*type="importmap")/g)).toBeNull();
    expect(html).not.toMatch(/https?:\/\//);
    expect(Object.keys(imports).sort()).toEqual(['htm', 'preact', 'preact/hooks']);
  });

  it('answers 304 to a matching If-None-Match, and gzips when asked', async () => {
    const first = await service.fetch('/');
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await service.fetch('/', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    const pico = /href="(\/ui\/vendor\/pico@[^"]+)"/.exec(html)?.[1] ?? '';
    const zipped = await service.fetch(pico, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(await zipped.text()).toContain('--pico-');
    const head = await service.fetch('/', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('serves preact, preact/hooks, htm and Pico from node_modules at versioned URLs, cached for good', async () => {
    expect(imports.preact).toMatch(/^\/ui\/vendor\/preact@10\.\d+\.\d+\/preact\.module\.js$/);
    expect(imports['preact/hooks']).toMatch(
      /^\/ui\/vendor\/preact@10\.\d+\.\d+\/hooks\.module\.js$/,
    );
    expect(imports.htm).toMatch(/^\/ui\/vendor\/htm@3\.\d+\.\d+\/htm\.module\.js$/);
    for (const url of Object.values(imports)) {
      const res = await service.fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(await res.text()).toMatch(/\bexport\b/);
    }
    const pico = /href="(\/ui\/vendor\/pico@2\.\d+\.\d+\/pico\.min\.css)"/.exec(html)?.[1];
    expect(pico).toBeDefined();
    const css = await service.fetch(pico!);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('serves our modules under a content hash; an old hash or unknown file is the API 404', async () => {
    const main = /<script type="module" src="(\/ui\/app\/([0-9a-f]{16})\/main\.js)"/.exec(html);
    expect(main).not.toBeNull();
    const [, mainUrl, hash] = main!;
    const js = await service.fetch(mainUrl!);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const [path, type] of [
      ['pages/catalog.js', 'text/javascript; charset=utf-8'],
      ['style.css', 'text/css; charset=utf-8'],
      ['samples.json', 'application/json; charset=utf-8'],
      ['favicon.svg', 'image/svg+xml'],
    ]) {
      const res = await service.fetch(`/ui/app/${hash}/${path}`);
      expect([path, res.status, res.headers.get('content-type')]).toEqual([path, 200, type]);
    }
    for (const path of [
      `/ui/app/0000000000000000/main.js`,
      `/ui/app/${hash}/nope.js`,
      `/ui/app/${hash}/../../index.html`,
      '/ui/vendor/preact@0.0.1/preact.module.js',
      '/ui/vendor/left-pad@1.0.0/index.js',
    ]) {
      const res = await service.fetch(path);
      expect([path, res.status]).toEqual([path, 404]);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('leaves the API, the probes and the 404s as they were', async () => {
    const list = await service.fetch('/api/v1/integrations?limit=1');
    expect(list.status).toBe(200);
    expect(list.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(list.headers.get('content-security-policy')).toBeNull();
    expect((await service.fetch('/healthz')).status).toBe(200);
    expect((await (await service.fetch('/openapi.json')).json()) as object).toHaveProperty(
      'openapi',
    );
    const missing = await service.fetch('/api/v1/nothing');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { code: string }).code).toBe('ROUTE_NOT_FOUND');
    const elsewhere = await service.fetch('/index.html');
    expect(elsewhere.status).toBe(404);
  });
});
