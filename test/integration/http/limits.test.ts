/**
 * Every response and every cache is bounded (issue 10 point 4), and the query string is
 * checked against the served document (issue 17 point 4): against the real service on
 * loopback (PGlite; pagination and the cache do not depend on the database driver).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestRepo } from '../../helpers/gitRepos.js';
import { PAGE_LIMITS } from '../../../src/http/openapi/pageLimits.js';
import { createRegistryRepo, startService, type Service } from './service.js';

interface Problem {
  code: string;
  errors?: Array<{ pointer: string; rule: string; message: string }>;
}
interface OpenApi {
  paths: Record<string, Record<string, { parameters?: Array<Record<string, unknown>> }>>;
}

const CACHE_BYTES = 256 * 1024;

describe('limits and refusals', () => {
  let repo: TestRepo;
  let service: Service;
  let doc: OpenApi;

  beforeAll(async () => {
    repo = await createRegistryRepo();
    service = await startService({
      driver: 'pglite',
      repo,
      env: { REGSYNC_CATALOG_CACHE_BYTES: String(CACHE_BYTES) },
    });
    doc = (await (await service.fetch('/openapi.json')).json()) as OpenApi;
  });
  afterAll(async () => {
    await service?.close();
    await repo?.cleanup();
  });

  const problem = async (path: string, init?: RequestInit): Promise<Problem> => {
    const res = await service.fetch(path, init);
    expect(res.status, path).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    return (await res.json()) as Problem;
  };

  it('every list operation documents a limit with a maximum, the one the route applies', async () => {
    const lists = {
      '/api/v1/integrations': PAGE_LIMITS.definitions,
      '/api/v1/templates': PAGE_LIMITS.definitions,
      '/api/v1/entity-types': PAGE_LIMITS.entityTypes,
      '/api/v1/integrations/{key}/entity-types': PAGE_LIMITS.entityTypes,
      '/api/v1/templates/{key}/entity-types': PAGE_LIMITS.entityTypes,
      '/api/v1/manifests': PAGE_LIMITS.manifests,
      '/api/v1/sync/runs': PAGE_LIMITS.syncRuns,
    };
    const concrete: Record<string, string> = {
      '/api/v1/integrations/{key}/entity-types': '/api/v1/integrations/hubspot/entity-types',
      '/api/v1/templates/{key}/entity-types': '/api/v1/templates/saas-startup/entity-types',
    };
    for (const [template, limits] of Object.entries(lists)) {
      const limit = doc.paths[template]?.get?.parameters?.find((p) => p.name === 'limit');
      expect(limit?.schema, template).toEqual({ type: 'integer', minimum: 1, maximum: limits.max });
      const path = concrete[template] ?? template;
      const over = await problem(`${path}?limit=${limits.max + 1}`);
      expect(over.code).toBe('INVALID_QUERY');
      expect(over.errors).toEqual([
        {
          pointer: '/query/limit',
          rule: 'maximum',
          message: `limit must be a whole number from 1 to ${limits.max}`,
        },
      ]);
      const atMax = await service.fetch(`${path}?limit=${limits.max}`);
      expect(atMax.status, path).toBe(200);
    }
  });

  it('GET /entity-types is paged: default size, next cursors and Link headers cover every entry once', async () => {
    const first = await service.fetch('/api/v1/entity-types');
    const firstBody = (await first.json()) as { items: unknown[]; next: string | null };
    expect(firstBody.items).toHaveLength(PAGE_LIMITS.entityTypes.default);
    expect(firstBody.next).toEqual(expect.any(String));
    expect(first.headers.get('link')).toBe(
      `</api/v1/entity-types?cursor=${firstBody.next}>; rel="next"`,
    );
    const seen: string[] = [];
    let pages = 0;
    for (let url: string | null = '/api/v1/entity-types?limit=7'; url; pages++) {
      const res = await service.fetch(url);
      const body = (await res.json()) as {
        items: Array<{ definition: { kind: string; key: string }; key: string }>;
        next: string | null;
      };
      expect(body.items.length).toBeLessThanOrEqual(7);
      seen.push(...body.items.map((e) => `${e.definition.kind}/${e.definition.key}/${e.key}`));
      url = /<([^>]+)>; rel="next"/.exec(res.headers.get('link') ?? '')?.[1] ?? null;
      expect(url === null).toBe(body.next === null);
    }
    expect(pages).toBeGreaterThan(2);
    expect(new Set(seen).size).toBe(seen.length);
    const kinds = new Set(seen.map((id) => id.split('/')[0]));
    expect(kinds).toEqual(new Set(['integration', 'template']));
    const forged = await problem(
      `/api/v1/entity-types?cursor=${Buffer.from(JSON.stringify(['integration/nope/x'])).toString('base64url')}`,
    );
    expect(forged.errors?.[0]?.pointer).toBe('/query/cursor');
  });

  it('an undocumented query parameter is a 400 naming it, on every kind of operation', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/integrations?limit=2&categroy=crm'],
      ['GET', '/api/v1/integrations/hubspot?categroy=crm'],
      ['GET', '/api/v1/entity-types?categroy=crm'],
      ['GET', '/api/v1/sync?categroy=crm'],
      ['GET', '/api/v1/manifests?categroy=crm'],
      ['POST', '/api/v1/integrations/hubspot/models/contact/map?categroy=crm'],
    ] as const) {
      const body = await problem(path, {
        method,
        ...(method === 'POST'
          ? { headers: { 'Content-Type': 'application/json' }, body: '{"records":[{}]}' }
          : {}),
      });
      expect(body.code, path).toBe('INVALID_QUERY');
      expect(
        body.errors?.map((e) => [e.pointer, e.rule]),
        path,
      ).toEqual([['/query/categroy', 'unknown']]);
    }
    const repeated = await problem('/api/v1/templates?tag=a&tag=b');
    expect(repeated.errors?.map((e) => e.rule)).toEqual(['single']);
    const both = await problem('/api/v1/integrations?category=crm&zzz=1&limit=x');
    expect(both.errors?.map((e) => e.pointer).sort()).toEqual([
      '/query/category',
      '/query/limit',
      '/query/zzz',
    ]);
  });

  it('an undocumented body field is refused where the document says additionalProperties: false', async () => {
    const res = await service.fetch('/api/v1/integrations/hubspot/models/contact/map', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ records: [{}], modee: 'strict' }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Problem;
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors).toEqual([
      { pointer: '/modee', rule: 'additionalProperties', message: 'unknown property "modee"' },
    ]);
  });

  it('the response cache is keyed by the normalized query and never holds more than its byte bound', async () => {
    const state = service.http.deps.state;
    const a = await service.fetch('/api/v1/integrations?tag=crm&limit=3');
    const b = await service.fetch('/api/v1/integrations?limit=3&tag=crm');
    expect(b.headers.get('etag')).toBe(a.headers.get('etag'));
    const entries = state.cachedEntries();
    await service.fetch('/api/v1/integrations/?tag=crm&limit=3');
    expect(state.cachedEntries()).toBe(entries);

    let largest = 0;
    for (let i = 0; i < 240; i++) {
      const path =
        i % 2 === 0
          ? `/api/v1/entity-types?limit=${(i % 100) + 1}`
          : `/api/v1/integrations?q=${i.toString(36)}`;
      const res = await service.fetch(path);
      expect(res.status).toBe(200);
      largest = Math.max(largest, state.cachedBytes());
      expect(state.cachedBytes()).toBeLessThanOrEqual(CACHE_BYTES);
    }
    // The bound was reached (so eviction ran), and what is kept still answers.
    expect(largest).toBeGreaterThan(CACHE_BYTES / 2);
    const again = await service.fetch('/api/v1/entity-types?limit=99');
    expect(again.status).toBe(200);
    expect(state.cachedBytes()).toBeLessThanOrEqual(CACHE_BYTES);
  });
});
