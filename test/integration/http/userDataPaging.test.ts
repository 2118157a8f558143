/**
 * Paging of the user-data lists over real HTTP, on PGlite and PostgreSQL (issue 10, point 4):
 * a user's connections, the admin listing of one integration's connections and the user's
 * workspaces come in pages of `limit` (PAGE_LIMITS.userData: a default and a maximum) with an
 * opaque keyset cursor in `next` and a `Link: <…>; rel="next"` that keeps the filters; a page
 * walk sees every item once, in the documented order, even when items are added between
 * pages; a cursor this service did not issue (forged parts included) and an undocumented
 * parameter are 400 INVALID_QUERY naming `/query/<name>`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_LIMITS } from '../../../src/http/openapi/pageLimits.js';
import { DRIVERS } from '../../helpers/databases.js';
import {
  ADMIN_TOKEN,
  expectDocumented,
  legacyThreemaFiles,
  startUserDataService,
  type UserDataHarness,
} from '../connections/userDataService.js';

const threema = (label: string) => ({
  integrationType: 'threema-legacy',
  label,
  config: {
    gatewayId: '*ABCDEFG',
    apiSecret: 'S3cretValue0123456789',
    recipientThreemaId: 'ECHOECHO',
  },
});
const cursorOf = (parts: unknown[]) =>
  Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');

interface Page {
  items: Array<{ id: string; userId?: string; label?: string | null; isActive?: boolean }>;
  next: string | null;
}

describe.each(DRIVERS)('user-data paging on %s', (driver) => {
  let h: UserDataHarness;
  beforeAll(async () => {
    h = await startUserDataService(driver);
    await h.commitAndSync(legacyThreemaFiles());
  }, 180_000);
  afterAll(async () => {
    await h?.close();
  });

  const admin = (path: string) =>
    fetch(`${h.url}${path}`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });

  /** Follows Link headers from `first`; checks each page's size, body schema and Link/next agreement. */
  const walk = async (
    get: (path: string) => Promise<Response>,
    first: string,
    limit: number,
    schema: 'ConnectionList' | 'IntegrationConnections' | 'WorkspaceList',
    between?: (page: number) => Promise<void>,
  ) => {
    const seen: Page['items'] = [];
    let url: string | null = first;
    let pages = 0;
    while (url) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      const body = (await res.json()) as Page;
      expectDocumented(schema, body);
      expect(body.items.length).toBeLessThanOrEqual(limit);
      const link = res.headers.get('link');
      if (body.next === null) expect(link).toBeNull();
      else {
        // The next URL keeps every filter and swaps only the cursor.
        const next = new URL(/^<([^>]+)>; rel="next"$/.exec(link ?? '')![1]!, 'http://x');
        const now = new URL(url, 'http://x');
        now.searchParams.set('cursor', body.next);
        expect(`${next.pathname}${next.search}`).toBe(`${now.pathname}${now.search}`);
      }
      seen.push(...body.items);
      url = link ? /^<([^>]+)>/.exec(link)![1]! : null;
      pages++;
      if (between) await between(pages);
      expect(pages).toBeLessThan(50);
    }
    return { seen, pages };
  };

  it("pages a user's connections oldest first; the Link keeps the filters", async () => {
    const user = 'pia';
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await h.as(user, `/api/v1/users/${user}/connections`, {
        method: 'POST',
        body: threema(`c${i}`),
      });
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as { id: string }).id);
    }
    // One disconnected: listed only with includeDisconnected=true, on whichever page it falls.
    expect(
      (await h.as(user, `/api/v1/users/${user}/connections/${ids[3]}`, { method: 'DELETE' }))
        .status,
    ).toBe(200);
    const get = (path: string) => h.as(user, path);
    const active = await walk(
      get,
      `/api/v1/users/${user}/connections?limit=3`,
      3,
      'ConnectionList',
    );
    expect(active.seen.map((c) => c.id)).toEqual(ids.filter((_, i) => i !== 3));
    expect(active.pages).toBe(2);
    const all = await walk(
      get,
      `/api/v1/users/${user}/connections?includeDisconnected=true&integrationType=threema-legacy&limit=2`,
      2,
      'ConnectionList',
    );
    expect(all.seen.map((c) => c.id)).toEqual(ids);
    expect(all.pages).toBe(4);
    // Added between pages: sorts after the cursor, so the walk still sees each item once.
    const late: string[] = [];
    const grown = await walk(
      get,
      `/api/v1/users/${user}/connections?limit=4`,
      4,
      'ConnectionList',
      async (page) => {
        if (page !== 1) return;
        const res = await h.as(user, `/api/v1/users/${user}/connections`, {
          method: 'POST',
          body: threema('late'),
        });
        late.push(((await res.json()) as { id: string }).id);
      },
    );
    expect(grown.seen.map((c) => c.id)).toEqual([...ids.filter((_, i) => i !== 3), ...late]);
    // Another user's cursor position shows nothing of theirs: the user is always the path's.
    const mine = (await (await get(`/api/v1/users/${user}/connections?limit=1`)).json()) as Page;
    const other = (await (
      await h.as('quinn', `/api/v1/users/quinn/connections?cursor=${mine.next}`)
    ).json()) as Page;
    expect(other).toEqual({ items: [], next: null });
  });

  it('pages the admin listing of one integration by user, then oldest first', async () => {
    const made: Array<[string, string]> = [];
    for (const user of ['ray', 'ada', 'ray', 'mo', 'ada']) {
      const res = await h.as(user, `/api/v1/users/${user}/connections`, {
        method: 'POST',
        body: threema(user),
      });
      made.push([user, ((await res.json()) as { id: string }).id]);
    }
    const { seen, pages } = await walk(
      admin,
      '/api/v1/integrations/threema-legacy/connections?limit=2',
      2,
      'IntegrationConnections',
    );
    expect(pages).toBeGreaterThan(2);
    expect(new Set(seen.map((c) => c.id)).size).toBe(seen.length);
    const users = seen.map((c) => c.userId!);
    expect(users).toEqual([...users].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    for (const [user, id] of made)
      expect(seen).toContainEqual(expect.objectContaining({ id, userId: user }));
    // Within a user, creation order.
    const ray = seen.filter((c) => c.userId === 'ray').map((c) => c.id);
    expect(ray).toEqual(made.filter(([u]) => u === 'ray').map(([, id]) => id));
    // The admin token is still required on every page.
    const first = (await (
      await admin('/api/v1/integrations/threema-legacy/connections?limit=1')
    ).json()) as Page;
    expect(
      (await fetch(`${h.url}/api/v1/integrations/threema-legacy/connections?cursor=${first.next}`))
        .status,
    ).toBe(401);
  });

  it("pages the user's workspaces oldest first; without limit a page holds the default", async () => {
    const owner = 'wes';
    const ids: string[] = [];
    const count = PAGE_LIMITS.userData.default + 3;
    for (let i = 0; i < count; i++) {
      const res = await h.as(owner, '/api/v1/workspaces', {
        method: 'POST',
        body: { name: `ws ${i}` },
      });
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as { id: string }).id);
    }
    const get = (path: string) => h.as(owner, path);
    const first = await get('/api/v1/workspaces');
    const body = (await first.json()) as Page;
    expectDocumented('WorkspaceList', body);
    expect(body.items).toHaveLength(PAGE_LIMITS.userData.default);
    expect(body.next).not.toBeNull();
    expect(first.headers.get('link')).toBe(`</api/v1/workspaces?cursor=${body.next}>; rel="next"`);
    const { seen } = await walk(get, '/api/v1/workspaces?limit=40', 40, 'WorkspaceList');
    expect(seen.map((w) => w.id)).toEqual(ids);
    const max = await get(`/api/v1/workspaces?limit=${PAGE_LIMITS.userData.max}`);
    expect(((await max.json()) as Page).items).toHaveLength(count);
    expect(max.headers.get('link')).toBeNull();
  });

  it('refuses a limit out of range, a cursor it did not issue and an undocumented parameter', async () => {
    const now = new Date().toISOString();
    const uuid = '0000000a-000b-4000-8000-00000000000c';
    const forged = [
      'not a cursor!',
      cursorOf([now]),
      cursorOf([now, 'not-a-uuid']),
      cursorOf(['2026-13-45T00:00:00.000Z', uuid]),
      cursorOf(['yesterday', uuid]),
      cursorOf([now, uuid.toUpperCase()]),
      cursorOf([now, 7]),
      Buffer.from('{"a":1}').toString('base64url'),
      `${cursorOf([now, uuid])}=`,
    ];
    const cases: Array<[(p: string) => Promise<Response>, string, string]> = [];
    for (const [get, base] of [
      [(p: string) => h.as('pia', p), '/api/v1/users/pia/connections'],
      [(p: string) => h.as('wes', p), '/api/v1/workspaces'],
    ] as const) {
      for (const cursor of forged)
        cases.push([get, `${base}?cursor=${encodeURIComponent(cursor)}`, '/query/cursor']);
      cases.push([get, `${base}?limit=0`, '/query/limit']);
      cases.push([get, `${base}?limit=${PAGE_LIMITS.userData.max + 1}`, '/query/limit']);
      cases.push([get, `${base}?limit=1&limit=2`, '/query/limit']);
      cases.push([get, `${base}?page=2`, '/query/page']);
      cases.push([get, `${base}?offset=10`, '/query/offset']);
    }
    const typeBase = '/api/v1/integrations/threema-legacy/connections';
    for (const cursor of [
      cursorOf([now, uuid]),
      cursorOf(['', now, uuid]),
      cursorOf(['a\u0000b', now, uuid]),
      cursorOf(['x'.repeat(201), now, uuid]),
      cursorOf(['ray', now, 'nope']),
    ])
      cases.push([admin, `${typeBase}?cursor=${cursor}`, '/query/cursor']);
    cases.push([admin, `${typeBase}?limit=${PAGE_LIMITS.userData.max + 1}`, '/query/limit']);
    cases.push([admin, `${typeBase}?sort=desc`, '/query/sort']);
    for (const [get, path, pointer] of cases) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      expect(res.headers.get('content-type'), path).toContain('application/problem+json');
      const problem = (await res.json()) as { code: string; errors?: Array<{ pointer: string }> };
      expectDocumented('Problem', problem);
      expect(problem.code, path).toBe('INVALID_QUERY');
      expect(
        problem.errors?.map((e) => e.pointer),
        path,
      ).toContain(pointer);
    }
    // A well-formed cursor past every row is an empty last page, not an error.
    const end = cursorOf(['9999-12-31T23:59:59.999Z', 'ffffffff-ffff-4fff-bfff-ffffffffffff']);
    const past = await h.as('pia', `/api/v1/users/pia/connections?cursor=${end}`);
    expect(past.status).toBe(200);
    expect(await past.json()).toEqual({ items: [], next: null });
  });
});
