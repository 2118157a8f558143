/**
 * Catalog reads on both databases: the first sync, listings with filters and cursor
 * pagination, details, entity types, revision ETags with 304, manifests and run history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestRepo } from '../../helpers/gitRepos.js';
import {
  ADMIN_TOKEN,
  bundledRegistryFiles,
  createRegistryRepo,
  startService,
  type Service,
} from './service.js';

describe.each(['pglite', 'postgresql'] as const)('catalog on %s', (driver) => {
  let repo: TestRepo;
  let service: Service;
  let total = 0;
  let integrations = 0;
  let templates: string[] = [];

  beforeAll(async () => {
    const files = Object.keys(await bundledRegistryFiles());
    total = files.length;
    integrations = files.filter((f) => f.startsWith('integrations/')).length;
    templates = files
      .filter((f) => f.startsWith('templates/'))
      .map((f) => f.split('/')[1] ?? '')
      .sort();
    repo = await createRegistryRepo();
    service = await startService({ driver, repo });
  });
  afterAll(async () => {
    await service?.close();
    await repo?.cleanup();
  });

  it('the first sync ingested the registry and GET /sync says so', async () => {
    const head = await repo.head();
    const res = await service.fetch('/api/v1/sync');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as {
      revision: string;
      lastRun: { status: string; trigger: string; counts: { added: number } };
      running: boolean;
    };
    expect(body.revision).toBe(head);
    expect(body.lastRun).toMatchObject({ status: 'succeeded', trigger: 'startup' });
    expect(body.lastRun.counts.added).toBe(total);
    expect(body.running).toBe(false);
  });

  it('lists integrations by key, paginated with a next cursor and a Link header', async () => {
    const keys: string[] = [];
    let path: string | null = '/api/v1/integrations?limit=5';
    let pages = 0;
    while (path) {
      const res = await service.fetch(path);
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        items: Array<{ key: string; category: string }>;
        next: string | null;
      };
      expect(body.items.length).toBeLessThanOrEqual(5);
      keys.push(...body.items.map((i) => i.key));
      const link = res.headers.get('link');
      if (body.next) {
        expect(link).toBe(`</api/v1/integrations?limit=5&cursor=${body.next}>; rel="next"`);
        path = `/api/v1/integrations?limit=5&cursor=${body.next}`;
      } else {
        expect(link).toBeNull();
        path = null;
      }
      pages++;
    }
    expect(pages).toBe(Math.ceil(integrations / 5));
    expect(keys).toEqual([...keys].sort());
    expect(keys).toHaveLength(integrations);
    expect(keys).toContain('hubspot');
  });

  it('filters by category, tag and free text', async () => {
    const byCategory = (await (
      await service.fetch('/api/v1/integrations?category=notification-channel&limit=100')
    ).json()) as { items: Array<{ key: string; category: string }> };
    expect(byCategory.items.length).toBeGreaterThan(0);
    expect(byCategory.items.every((i) => i.category === 'notification-channel')).toBe(true);
    expect(byCategory.items.map((i) => i.key)).toContain('slack');

    const byTag = (await (await service.fetch('/api/v1/integrations?tag=crm')).json()) as {
      items: Array<{ key: string; tags: string[] }>;
    };
    expect(byTag.items.map((i) => i.key)).toContain('hubspot');
    expect(byTag.items.every((i) => i.tags.includes('crm'))).toBe(true);

    const byText = (await (await service.fetch('/api/v1/integrations?q=HUBS')).json()) as {
      items: Array<{ key: string }>;
    };
    expect(byText.items.map((i) => i.key)).toEqual(['hubspot']);

    const none = (await (await service.fetch('/api/v1/integrations?q=%25')).json()) as {
      items: unknown[];
    };
    expect(none.items).toEqual([]);
  });

  it('serves one integration with entity types, relationships, semantics, mappings, revision and checksum', async () => {
    const res = await service.fetch('/api/v1/integrations/hubspot');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as Record<string, unknown> & {
      entityTypes: Array<{
        key: string;
        readonly: boolean;
        attributes: unknown[];
        semantic?: unknown;
      }>;
      mappings: Array<{ model: string }>;
      relationships: unknown[];
    };
    expect(body).toMatchObject({
      kind: 'integration',
      key: 'hubspot',
      readonly: true,
      revision: await repo.head(),
    });
    expect(body.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(body.entityTypes.map((e) => e.key)).toEqual(
      expect.arrayContaining(['contact', 'company', 'deal']),
    );
    expect(body.entityTypes.every((e) => e.readonly && e.attributes.length > 0)).toBe(true);
    expect(body.mappings.map((m) => m.model)).toEqual(['contact', 'company', 'deal']);
    expect(body.relationships.length).toBeGreaterThan(0);
  });

  it('answers a matching If-None-Match with 304, and a query change with another ETag', async () => {
    const first = await service.fetch('/api/v1/integrations/hubspot');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const again = await service.fetch('/api/v1/integrations/hubspot', {
      headers: { 'If-None-Match': etag ?? '' },
    });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    const weak = await service.fetch('/api/v1/integrations/hubspot', {
      headers: { 'If-None-Match': `"x", W/${etag}` },
    });
    expect(weak.status).toBe(304);
    const stale = await service.fetch('/api/v1/integrations/hubspot', {
      headers: { 'If-None-Match': '"something-else"' },
    });
    expect(stale.status).toBe(200);

    const list = await service.fetch('/api/v1/integrations?limit=2');
    const other = await service.fetch('/api/v1/integrations?limit=3');
    expect(list.headers.get('etag')).not.toBe(other.headers.get('etag'));
    const listAgain = await service.fetch('/api/v1/integrations?limit=2', {
      headers: { 'If-None-Match': list.headers.get('etag') ?? '' },
    });
    expect(listAgain.status).toBe(304);
  });

  it('a cached read (answered before Express) is the read the routers built: status, headers, bytes, access line, metrics', async () => {
    const state = service.http.deps.state;
    // Empty the response cache: the first read of each URL goes through the routers.
    state.changed(await state.revision());
    const seen = (res: Response, body: string) => {
      const headers = Object.fromEntries(res.headers);
      delete headers.date;
      delete headers['x-request-id'];
      return { status: res.status, headers, body };
    };
    const count = async (route: string) => {
      const text = await (await service.fetch('/metrics')).text();
      const match = new RegExp(
        `^regsync_http_request_duration_seconds_count\\{method="GET",route="${route}",status="200"\\} (\\d+)$`,
        'm',
      ).exec(text);
      return Number(match?.[1] ?? 0);
    };
    for (const [n, path, route] of [
      [1, '/api/v1/integrations/hubspot', '/api/v1/integrations/:key'],
      [2, '/api/v1/integrations', '/api/v1/integrations'], // a list: its Link header is cached too
    ] as const) {
      const built = await service.fetch(path, { headers: { 'X-Request-Id': `built-${n}` } });
      const builtSeen = seen(built, await built.text());
      const before = await count(route);
      const cached = await service.fetch(path, { headers: { 'X-Request-Id': `cached-${n}` } });
      expect(cached.headers.get('x-request-id')).toBe(`cached-${n}`);
      expect(seen(cached, await cached.text())).toEqual(builtSeen);
      expect(await count(route)).toBe(before + 1);
      const head = await service.fetch(path, { method: 'HEAD' });
      expect(head.headers.get('content-length')).toBe(builtSeen.headers['content-length']);
      expect(await head.text()).toBe('');
      const etag = built.headers.get('etag') ?? '';
      const fresh = await service.fetch(path, {
        headers: { 'If-None-Match': etag, 'X-Request-Id': `cached-304-${n}` },
      });
      expect(fresh.status).toBe(304);
      expect(fresh.headers.get('etag')).toBe(etag);
      expect(fresh.headers.get('x-content-type-options')).toBe('nosniff');
      await new Promise((resolve) => setTimeout(resolve, 20));
      const line = (reqId: string) =>
        service.logs.find((l) => l.reqId === reqId && l.msg === 'request');
      const { durationMs: _built, ...builtLine } = line(`built-${n}`) ?? {};
      const { durationMs: _cached, ...cachedLine } = line(`cached-${n}`) ?? {};
      expect({ ...cachedLine, reqId: `built-${n}`, time: 0 }).toEqual({ ...builtLine, time: 0 });
      expect(cachedLine).toMatchObject({
        path,
        route,
        status: 200,
        bytes: Buffer.byteLength(builtSeen.body),
      });
      expect(line(`cached-304-${n}`)).toMatchObject({ path, route, status: 304, bytes: 0 });
    }
  });

  it('lists and serves templates', async () => {
    const list = (await (await service.fetch('/api/v1/templates')).json()) as {
      items: Array<{ key: string }>;
      next: null;
    };
    expect(list.items.map((t) => t.key)).toEqual(templates);
    expect(list.next).toBeNull();
    const res = await service.fetch('/api/v1/templates/saas-startup');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      kind: string;
      businessType: string;
      entityTypes: unknown[];
      readonly: boolean;
    };
    expect(body.kind).toBe('template');
    expect(body.readonly).toBe(false);
    expect(body.entityTypes.length).toBeGreaterThan(0);
    expect((await service.fetch('/api/v1/templates/hubspot')).status).toBe(404);
  });

  it('lists entity types, all or of one integration or template', async () => {
    // Pages of at most 100 (PAGE_LIMITS.entityTypes), walked through their `next` cursors.
    const all: { items: Array<{ definition: { kind: string; key: string }; key: string }> } = {
      items: [],
    };
    for (let cursor: string | null = ''; cursor !== null;) {
      const page = (await (
        await service.fetch(`/api/v1/entity-types?limit=100${cursor ? `&cursor=${cursor}` : ''}`)
      ).json()) as { items: typeof all.items; next: string | null };
      all.items.push(...page.items);
      cursor = page.next;
    }
    expect(new Set(all.items.map((e) => e.definition.kind))).toEqual(
      new Set(['integration', 'template']),
    );
    const hubspot = (await (
      await service.fetch('/api/v1/entity-types?integration=hubspot')
    ).json()) as {
      items: Array<{
        definition: { key: string };
        key: string;
        readonly: boolean;
        attributes: unknown[];
      }>;
    };
    expect(hubspot.items.map((e) => e.key)).toEqual(['contact', 'company', 'deal']);
    expect(
      hubspot.items.every(
        (e) => e.definition.key === 'hubspot' && e.readonly && e.attributes.length > 0,
      ),
    ).toBe(true);
    const template = (await (
      await service.fetch('/api/v1/entity-types?template=saas-startup')
    ).json()) as { items: Array<{ definition: { kind: string } }> };
    expect(template.items.length).toBeGreaterThan(0);
    expect(template.items.every((e) => e.definition.kind === 'template')).toBe(true);
    const one = await service.fetch('/api/v1/integrations/hubspot/entity-types/contact');
    expect(one.status).toBe(200);
    expect(((await one.json()) as { key: string }).key).toBe('contact');
    expect((await service.fetch('/api/v1/integrations/hubspot/entity-types/nope')).status).toBe(
      404,
    );
    expect((await service.fetch('/api/v1/entity-types?integration=nope')).status).toBe(404);
  });

  it('lists every manifest path with its state, and the run history newest first', async () => {
    const manifests = (await (await service.fetch('/api/v1/manifests')).json()) as {
      counts: Record<string, number>;
      items: Array<{ path: string; state: string; checksum: string }>;
    };
    expect(manifests.counts).toEqual({
      active: total,
      invalid: 0,
      removed: 0,
      'never-ingested': 0,
      shadowed: 0,
    });
    expect(manifests.items.map((m) => m.path)).toContain('integrations/hubspot/manifest.json');
    expect(
      manifests.items.every((m) => m.state === 'active' && m.checksum.startsWith('sha256:')),
    ).toBe(true);

    const runs = (await (await service.fetch('/api/v1/sync/runs?limit=5')).json()) as {
      items: Array<{ id: string; status: string; counts: { added: number } }>;
    };
    expect(runs.items.length).toBeGreaterThanOrEqual(1);
    const first = runs.items[runs.items.length - 1];
    const one = await service.fetch(`/api/v1/sync/runs/${first?.id}`);
    expect(one.status).toBe(200);
    expect(((await one.json()) as { id: string }).id).toBe(first?.id);
  });

  it('pages through the manifest paths in path order, filters by part of the path', async () => {
    type List = {
      counts: Record<string, number>;
      items: Array<{ path: string }>;
      nextCursor: string | null;
    };
    const all = ((await (await service.fetch('/api/v1/manifests')).json()) as List).items.map(
      (m) => m.path,
    );
    expect(all).toEqual([...all].sort());
    const seen: string[] = [];
    let url: string | null = '/api/v1/manifests?limit=4';
    while (url) {
      const res = await service.fetch(url);
      const page = (await res.json()) as List;
      expect(page.items.length).toBeLessThanOrEqual(4);
      expect(page.counts.active).toBe(total);
      seen.push(...page.items.map((m) => m.path));
      const link = res.headers.get('link');
      url = page.nextCursor ? (/<([^>]+)>; rel="next"/.exec(link ?? '')?.[1] ?? null) : null;
      if (page.nextCursor) expect(url).toContain(`cursor=${page.nextCursor}`);
      else expect(link).toBeNull();
    }
    expect(seen).toEqual(all);

    const hub = (await (await service.fetch('/api/v1/manifests?q=HubSpot')).json()) as List;
    expect(hub.items.map((m) => m.path)).toEqual(['integrations/hubspot/manifest.json']);
    const bad = await service.fetch('/api/v1/manifests?cursor=bm90LWEtY3Vyc29y!&limit=0');
    expect(bad.status).toBe(400);
    expect(
      ((await bad.json()) as { errors: Array<{ pointer: string }> }).errors.map((e) => e.pointer),
    ).toContain('/query/limit');
    expect((await service.fetch('/api/v1/manifests?cursor=%2F%2F%2F')).status).toBe(400);
  });

  it('a forced manual sync (admin) answers 202 with a Location; the catalog stays the same', async () => {
    const before = (await service.fetch('/api/v1/integrations/stripe')).headers.get('etag');
    const res = await service.fetch('/api/v1/sync?force=true', {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { runId: string; force: boolean };
    expect(body.force).toBe(true);
    expect(res.headers.get('location')).toBe(`/api/v1/sync/runs/${body.runId}`);
    const run = await service.waitForRun(body.runId);
    expect(run).toMatchObject({ status: 'succeeded', trigger: 'manual' });
    expect((run.counts as { unchanged: number }).unchanged).toBe(total);
    const after = (await service.fetch('/api/v1/integrations/stripe')).headers.get('etag');
    expect(after).toBe(before);
  });
});
