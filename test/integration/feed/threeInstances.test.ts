/**
 * Three instances on one PostgreSQL database, as an operator runs them: three runtimes, each
 * with its own pool and its own LISTEN session, serving on their own loopback ports, one Git
 * registry. Syncs run on each in turn; an SSE client on every instance must receive every
 * event, once, in id order, whichever instance synced (the other two learn of it only
 * through PostgreSQL's NOTIFY or their safety-net poll). The three also dispatch outbound
 * webhooks to one slow loopback receiver, with their dispatch rounds kicked concurrently
 * throughout: every event must reach each receiver exactly once, in one attempt.
 *
 * No timing is asserted here; the latency of the same setup with three real processes is
 * measured by bench/feed/run.ts (docs/performance.md, "Change feed across instances").
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSse, type SseClient } from '../../helpers/sse.js';
import type { TestRepo } from '../../helpers/gitRepos.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../helpers/webhookReceiver.js';
import { ADMIN_TOKEN, createRegistryRepo, startService, type Service } from '../http/service.js';
import { changeAndSync } from './changeAndSync.js';

const SECRET = `whsec_${randomBytes(32).toString('base64')}`;
// Each instance syncs at least once; the fourth shows a second round on the first.
const SYNCS = 4;

interface EventJson {
  id: number;
  revision: string;
  changes: Array<{ key: string; change: string }>;
}

describe('three instances on one PostgreSQL database', () => {
  let repo: TestRepo;
  let receiver: WebhookReceiver;
  const instances: Service[] = [];
  const streams: SseClient[] = [];
  let before = 0;
  const commits: string[] = [];

  beforeAll(async () => {
    // Every answer held 150 ms: a delivery stays claimed while the others' rounds run.
    receiver = await startWebhookReceiver({ delayMs: 150 });
    repo = await createRegistryRepo();
    const env = {
      REGSYNC_NOTIFY_URLS: `${receiver.url}/one,${receiver.url}/two`,
      REGSYNC_NOTIFY_SECRET: SECRET,
      REGSYNC_NOTIFY_ALLOW_PRIVATE: 'true',
    };
    const first = await startService({ driver: 'postgresql', repo, env });
    instances.push(first);
    instances.push(
      ...(await Promise.all(
        [1, 2].map(() =>
          startService({
            driver: 'postgresql',
            repo,
            env,
            databaseUrl: first.databaseUrl,
            startupSync: false,
          }),
        ),
      )),
    );
  }, 120_000);
  afterAll(async () => {
    for (const s of streams) s.close();
    for (const instance of instances.reverse()) await instance.close();
    await receiver?.close();
    await repo?.cleanup();
  });

  it('an SSE client on each instance receives every sync’s event once, in order, whichever instance ran it', async () => {
    const latest = (await (await instances[0]!.fetch('/api/v1/events')).json()) as {
      latestId: number;
    };
    before = latest.latestId;
    for (const instance of instances) streams.push(await openSse(`${instance.url}/api/v1/events`));
    expect(streams.map((s) => s.status)).toEqual([200, 200, 200]);

    // Concurrent dispatch rounds on all three, for as long as the syncs run: every 50 ms,
    // several per delivery in flight (each held 150 ms), without loading the syncs down.
    let syncing = true;
    const ticking = (async () => {
      while (syncing) {
        await Promise.all(instances.map((i) => i.http.dispatcher.kick()));
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    try {
      for (let n = 0; n < SYNCS; n++) {
        const by = instances[n % 3]!;
        commits.push(await changeAndSync(by, repo, 'zendesk', `Zendesk, change ${n} on ${n % 3}.`));
      }
    } finally {
      syncing = false;
      await ticking;
    }

    const page = (await (await instances[2]!.fetch(`/api/v1/events?after=${before}`)).json()) as {
      items: EventJson[];
    };
    expect(page.items.map((e) => e.revision)).toEqual(commits);
    const ids = page.items.map((e) => e.id);
    for (const stream of streams) {
      await stream.waitFor((f) => f.id === String(ids.at(-1)));
      const changes = stream.frames.filter((f) => f.event === 'change');
      expect(changes.map((f) => Number(f.id))).toEqual(ids);
      expect(changes.map((f) => (JSON.parse(f.data) as EventJson).revision)).toEqual(commits);
    }
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(SYNCS);
  }, 120_000);

  it('every event reaches each webhook receiver exactly once, in one attempt, with three dispatching', async () => {
    const all = (await (await instances[0]!.fetch('/api/v1/events')).json()) as {
      items: EventJson[];
    };
    // The startup sync's event too (only the first instance was up to queue it).
    const expected = all.items.map((e) => `msg_${e.id}`);
    expect(expected.length).toBe(SYNCS + 1);
    await receiver.waitFor('/one', expected.length);
    await receiver.waitFor('/two', expected.length);
    // Let any round still in flight on any instance finish before counting.
    await Promise.all(instances.map((i) => i.http.dispatcher.kick()));
    for (const path of ['/one', '/two']) {
      const got = receiver.received.filter((r) => r.path === path);
      const perId = new Map<string, number>();
      for (const r of got) {
        const id = String(r.headers['webhook-id']);
        perId.set(id, (perId.get(id) ?? 0) + 1);
      }
      expect([...perId.keys()].sort()).toEqual([...expected].sort());
      expect(
        [...perId.values()].every((count) => count === 1),
        JSON.stringify([...perId]),
      ).toBe(true);
    }
    const log = (await (
      await instances[1]!.fetch('/api/v1/notifications/deliveries?limit=100', {
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
      })
    ).json()) as { items: Array<{ status: string; attempts: unknown[] }> };
    expect(log.items).toHaveLength(expected.length * 2);
    expect(log.items.every((d) => d.status === 'delivered' && d.attempts.length === 1)).toBe(true);
  }, 60_000);
});
