/**
 * The change event of a revision write, on PGlite and PostgreSQL: recorded by applyRevision
 * in the revision's transaction (rolled back with it), per kind and key with old and new
 * checksum, none when the served catalog did not change; the retention moves the horizon,
 * and a cursor below it (or beyond the newest id) is refused.
 */
import { describe, expect, it } from 'vitest';
import { MikroOrmDefinitionStore } from '../../../src/db/MikroOrmDefinitionStore.js';
import type { MikroOrmChangeFeed } from '../../../src/db/MikroOrmChangeFeed.js';
import { forEachDatabase } from '../../helpers/databases.js';
import { integration, template, valid } from '../db/manifests.js';

forEachDatabase((fx) => {
  describe('change events', () => {
    it('records one event per changing revision, with old and new checksums by kind and key', async () => {
      const start = await fx.db.feed.latestId();
      const a = valid(integration('feed-a'));
      const b = valid(integration('feed-b'));
      const first = await fx.db.store.applyRevision({
        revision: 'feed-rev-1',
        save: [a, b],
        recovered: [],
        invalid: [],
        removed: [],
      });
      expect(first.eventId).toBeGreaterThan(start);

      const a2 = valid(integration('feed-a', { name: 'A, renamed' }));
      const t = valid(template('feed-shop'));
      const second = await fx.db.store.applyRevision({
        revision: 'feed-rev-2',
        save: [a2, t],
        recovered: [],
        invalid: [],
        removed: [b.path],
      });
      expect(second.eventId).toBeGreaterThan(first.eventId ?? 0);

      const events = await fx.db.feed.after(start, 10);
      expect(events.map((e) => e.id)).toEqual([first.eventId, second.eventId]);
      expect(events[0]).toMatchObject({ revision: 'feed-rev-1' });
      expect(events[0]?.changes).toEqual([
        {
          kind: 'integration',
          key: 'feed-a',
          change: 'added',
          oldChecksum: null,
          newChecksum: a.checksum,
        },
        {
          kind: 'integration',
          key: 'feed-b',
          change: 'added',
          oldChecksum: null,
          newChecksum: b.checksum,
        },
      ]);
      expect(events[1]?.revision).toBe('feed-rev-2');
      expect(events[1]?.changes).toEqual([
        {
          kind: 'integration',
          key: 'feed-a',
          change: 'updated',
          oldChecksum: a.checksum,
          newChecksum: a2.checksum,
        },
        {
          kind: 'integration',
          key: 'feed-b',
          change: 'removed',
          oldChecksum: b.checksum,
          newChecksum: null,
        },
        {
          kind: 'template',
          key: 'feed-shop',
          change: 'added',
          oldChecksum: null,
          newChecksum: t.checksum,
        },
      ]);
      expect(events[1]?.recordedAt).toBeInstanceOf(Date);
    });

    it('records no event when the served catalog did not change (only states moved)', async () => {
      const before = await fx.db.feed.latestId();
      const written = await fx.db.store.applyRevision({
        revision: 'feed-rev-quiet',
        save: [],
        recovered: [],
        invalid: [{ path: 'integrations/feed-broken/manifest.json', findings: [] }],
        removed: [],
      });
      expect(written.eventId).toBeUndefined();
      expect(await fx.db.feed.latestId()).toBe(before);
    });

    it('a file that now declares another key: the old key is removed, the new one added', async () => {
      const start = await fx.db.feed.latestId();
      const old = valid(integration('feed-old'));
      await fx.db.store.applyRevision({
        revision: 'r1',
        save: [old],
        recovered: [],
        invalid: [],
        removed: [],
      });
      const renamed = { ...valid(integration('feed-new')), path: old.path };
      await fx.db.store.applyRevision({
        revision: 'r2',
        save: [renamed],
        recovered: [],
        invalid: [],
        removed: [],
      });
      const [, event] = await fx.db.feed.after(start, 10);
      expect(event?.changes.map((c) => [c.key, c.change])).toEqual([
        ['feed-new', 'added'],
        ['feed-old', 'removed'],
      ]);
    });

    it('takes the event back with the revision when the transaction fails', async () => {
      const before = await fx.db.feed.latestId();
      const bad = valid(
        integration('feed-refused', {
          entityTypes: [
            {
              key: 'person',
              displayName: 'Person',
              attributes: [
                { key: 'id', dataType: 'string' },
                { key: 'id', dataType: 'number' },
              ],
            },
          ],
        }),
      );
      await expect(
        fx.db.store.applyRevision({
          revision: 'feed-rev-bad',
          save: [valid(integration('feed-fine')), bad],
          recovered: [],
          invalid: [],
          removed: [],
        }),
      ).rejects.toThrow();
      expect(await fx.db.feed.latestId()).toBe(before);
      expect(await fx.db.feed.after(before, 10)).toEqual([]);
    });
  });

  describe('retention', () => {
    it('keeps the newest events, moves the horizon, and refuses cursors it cannot serve', async () => {
      // A store with a retention of two events, on the fixture's database.
      const store = new MikroOrmDefinitionStore({
        orm: fx.db.orm,
        feed: { retention: { maxEvents: 2, maxAgeMs: 3_600_000 } },
      });
      await runRetention(store, fx.db.feed);
    });

    it('drops the deliveries of pruned events with them, and keeps the others', async () => {
      const store = new MikroOrmDefinitionStore({
        orm: fx.db.orm,
        feed: { retention: { maxEvents: 2, maxAgeMs: 3_600_000 } },
      });
      const write = async (i: number) =>
        (
          await store.applyRevision({
            revision: `deliver-${i}`,
            save: [valid(integration('feed-delivered', { name: `d${i}` }))],
            recovered: [],
            invalid: [],
            removed: [],
          })
        ).eventId ?? -1;
      const conn = fx.db.orm.em.fork().getConnection();
      const deliver = (eventId: number) =>
        conn.execute(
          `insert into "notify_delivery" ("event_id", "receiver", "status", "next_attempt_at", "created_at", "updated_at")
           values (?, 'https://receiver.example.test/hook', 'pending', now(), now(), now())`,
          [eventId],
          'run',
        );
      const first = await write(1);
      const second = await write(2);
      await deliver(first);
      await deliver(second);
      // The third event pushes the first out of a two-event history.
      await write(3);
      const left = await conn.execute<Array<{ event_id: string | number }>>(
        `select "event_id" from "notify_delivery" where "event_id" in (?, ?)`,
        [first, second],
        'all',
      );
      expect(left.map((r: { event_id: string | number }) => Number(r.event_id))).toEqual([second]);
    });

    it('prunes events older than the age bound', async () => {
      const store = new MikroOrmDefinitionStore({
        orm: fx.db.orm,
        clock: { now: () => new Date(Date.now() + 10 * 3_600_000) },
        feed: { retention: { maxEvents: 1000, maxAgeMs: 3_600_000 } },
      });
      const written = await store.applyRevision({
        revision: 'aged',
        save: [valid(integration('feed-aged'))],
        recovered: [],
        invalid: [],
        removed: [],
      });
      // Everything recorded "ten hours ago" (now) is older than one hour: only this one stays.
      expect((await fx.db.feed.after(0, 1000)).map((e) => e.id)).toEqual([written.eventId]);
    });
  });
});

async function runRetention(
  store: MikroOrmDefinitionStore,
  feed: MikroOrmChangeFeed,
): Promise<void> {
  const ids: number[] = [];
  for (let i = 0; i < 4; i++) {
    const written = await store.applyRevision({
      revision: `ret-${i}`,
      save: [valid(integration('feed-retained', { name: `v${i}` }))],
      recovered: [],
      invalid: [],
      removed: [],
    });
    ids.push(written.eventId ?? -1);
  }
  const kept = await feed.after(0, 100);
  expect(kept.map((e) => e.id)).toEqual(ids.slice(2));
  // A client that saw ids[1] (the newest pruned) missed nothing; one that saw ids[0] did.
  expect(await feed.checkCursor(ids[1] ?? 0)).toEqual({ ok: true });
  expect(await feed.checkCursor(ids[3] ?? 0)).toEqual({ ok: true });
  expect(await feed.checkCursor(ids[0] ?? 0)).toEqual({
    ok: false,
    oldestId: ids[2],
    latestId: ids[3],
  });
  expect(await feed.checkCursor((ids[3] ?? 0) + 100)).toMatchObject({ ok: false });
}
