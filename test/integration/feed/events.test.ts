/**
 * GET /api/v1/events on the real service (a real Git registry in a bare repo, the app on
 * loopback), on PGlite and PostgreSQL: the startup sync's event and a later sync's event
 * over SSE, resume with Last-Event-ID, the JSON page, history expiry (a retention of two
 * events), heartbeats and the bound on open streams.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS } from '../../helpers/databases.js';
import { openSse, type SseClient } from '../../helpers/sse.js';
import type { TestRepo } from '../../helpers/gitRepos.js';
import { createRegistryRepo, startService, type Service } from '../http/service.js';
import { changeAndSync } from './changeAndSync.js';

describe.each(DRIVERS)('%s', (driver) => {
  let repo: TestRepo;
  let service: Service;
  const streams: SseClient[] = [];
  const open = async (headers: Record<string, string> = {}, query = '') => {
    const client = await openSse(`${service.url}/api/v1/events${query}`, headers);
    streams.push(client);
    return client;
  };

  beforeAll(async () => {
    repo = await createRegistryRepo();
    service = await startService({
      driver,
      repo,
      env: {
        REGSYNC_FEED_RETENTION_EVENTS: '2',
        REGSYNC_FEED_HEARTBEAT_SECONDS: '1',
        REGSYNC_FEED_MAX_STREAMS: '4',
      },
    });
  }, 120_000);
  afterAll(async () => {
    for (const s of streams) s.close();
    await service?.close();
    await repo?.cleanup();
  });

  it('replays the startup sync and streams the next sync live, with ids and heartbeats', async () => {
    const stream = await open({}, '?after=0');
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const first = await stream.waitFor((f) => f.event === 'change');
    const startup = JSON.parse(first.data) as {
      id: number;
      previousRevision: string | null;
      counts: { added: number };
      changes: Array<{ kind: string; key: string; change: string; oldChecksum: null }>;
    };
    expect(first.id).toBe(String(startup.id));
    expect(startup.previousRevision).toBeNull();
    expect(startup.counts.added).toBeGreaterThan(5);
    expect(startup.changes).toContainEqual(
      expect.objectContaining({
        kind: 'integration',
        key: 'zendesk',
        change: 'added',
        oldChecksum: null,
      }),
    );

    const live = await open();
    await changeAndSync(service, repo, 'zendesk', 'Zendesk, changed for the feed.');
    const frame = await live.waitFor((f) => f.event === 'change');
    const event = JSON.parse(frame.data) as {
      id: number;
      revision: string;
      previousRevision: string;
      changes: Array<{ key: string; change: string; oldChecksum: string; newChecksum: string }>;
    };
    expect(event.id).toBeGreaterThan(startup.id);
    expect(event.revision).toBe(await repo.head());
    expect(event.previousRevision).not.toBe(event.revision);
    expect(event.changes).toHaveLength(1);
    expect(event.changes[0]).toMatchObject({ key: 'zendesk', change: 'updated' });
    expect(event.changes[0]?.oldChecksum).not.toBe(event.changes[0]?.newChecksum);
    // The first stream gets it too, once.
    await stream.waitFor((f) => f.id === String(event.id));
    expect(stream.frames.filter((f) => f.id === String(event.id))).toHaveLength(1);
    await live.waitFor(() => live.comments.includes('heartbeat'), 5000).catch(() => undefined);
    expect(live.comments).toContain('heartbeat');
    stream.close();
    live.close();
  });

  it('a reconnect with Last-Event-ID gets every event it missed, then live ones', async () => {
    const [first] = (
      (await (await service.fetch('/api/v1/events')).json()) as { items: Array<{ id: number }> }
    ).items;
    const missedFrom = first?.id ?? 0;
    await changeAndSync(service, repo, 'hubspot', 'HubSpot, changed while away.');
    const resumed = await open({ 'Last-Event-ID': String(missedFrom) });
    const replayed = await resumed.waitFor((f) => f.event === 'change');
    expect(Number(replayed.id)).toBeGreaterThan(missedFrom);
    const ids = async () =>
      resumed.frames.filter((f) => f.event === 'change').map((f) => Number(f.id));
    const page = (await (await service.fetch(`/api/v1/events?after=${missedFrom}`)).json()) as {
      items: Array<{ id: number }>;
      latestId: number;
    };
    await resumed.waitFor((f) => f.id === String(page.latestId));
    expect(await ids()).toEqual(page.items.map((e) => e.id));
    resumed.close();
  });

  it('the JSON page: events after a cursor, oldest first, with next and latestId', async () => {
    const all = (await (await service.fetch('/api/v1/events')).json()) as {
      items: Array<{ id: number; changes: unknown[] }>;
      next: number;
      latestId: number;
    };
    // Retention 2: only the two newest events are kept.
    expect(all.items).toHaveLength(2);
    expect(all.next).toBe(all.latestId);
    const [older, newer] = all.items;
    const after = (await (
      await service.fetch(`/api/v1/events?after=${older?.id}&limit=1`)
    ).json()) as { items: Array<{ id: number }>; next: number };
    expect(after.items.map((e) => e.id)).toEqual([newer?.id]);
    expect(after.next).toBe(newer?.id);
    const bad = await service.fetch('/api/v1/events?after=soon');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { code: string }).code).toBe('INVALID_QUERY');
  });

  it('a cursor older than the retention: event expired on SSE, 410 FEED_EXPIRED as JSON', async () => {
    const stream = await open({ 'Last-Event-ID': '0' });
    const expired = await stream.waitFor((f) => f.event === 'expired');
    expect(JSON.parse(expired.data)).toMatchObject({ status: 410, code: 'FEED_EXPIRED' });
    await stream.ended;
    expect(stream.frames.filter((f) => f.event === 'change')).toEqual([]);

    const res = await service.fetch('/api/v1/events?after=0');
    expect(res.status).toBe(410);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(((await res.json()) as { code: string }).code).toBe('FEED_EXPIRED');
    // An id beyond the newest is from another database: resync as well.
    const beyond = await service.fetch('/api/v1/events?after=999999');
    expect(beyond.status).toBe(410);
  });

  it('refuses a stream past REGSYNC_FEED_MAX_STREAMS with 503 and Retry-After, and frees the slot on close', async () => {
    const held = [await open(), await open(), await open(), await open()];
    const refused = await fetch(`${service.url}/api/v1/events`, {
      headers: { Accept: 'text/event-stream' },
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBeTruthy();
    expect(((await refused.json()) as { code: string }).code).toBe('FEED_STREAMS_EXHAUSTED');
    for (const s of held) s.close();
    for (let i = 0; i < 50; i++) {
      const again = await open();
      if (again.status === 200) {
        again.close();
        return;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the slots were not freed');
  });
});
