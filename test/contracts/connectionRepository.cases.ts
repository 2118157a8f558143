/**
 * The ConnectionRepository contract: the same cases run on the in-memory fake and on the
 * MikroORM repository over PGlite and PostgreSQL (test/contracts/inMemory.contract.test.ts,
 * test/integration/db/repositories.contract.test.ts). Each case uses its own users and
 * integration keys, so cases can share one store.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type {
  ConnectionPosition,
  ConnectionRepository,
  NewConnection,
} from '../../src/connections/ports.js';
import type { IntegrationManifest } from '../../src/manifest/types.js';
import { integration } from '../integration/db/manifests.js';

/** A repository under test and the catalog it reads. */
export interface ConnectionRepositoryFixture {
  repo: ConnectionRepository;
  /** Makes `manifest` the integration's current catalog version (as a sync would); returns its checksum. */
  publish(manifest: IntegrationManifest): Promise<string>;
  /** Removes the integration from the catalog (its manifest left the registry). */
  unpublish(key: string): Promise<void>;
}

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute));

function row(userId: string, integrationType: string, changes: Partial<NewConnection> = {}) {
  return {
    id: randomUUID(),
    userId,
    integrationType,
    label: null,
    config: { region: 'eu' },
    isActive: true,
    connectedAt: at(0),
    createdAt: at(0),
    updatedAt: at(0),
    ...changes,
  } satisfies NewConnection;
}

/** Defines the contract's cases on `fixture()` (valid inside the cases only). */
export function connectionRepositoryContract(fixture: () => ConnectionRepositoryFixture): void {
  describe('ConnectionRepository contract', () => {
    it('finds an active integration with its connection config, and none once removed', async () => {
      const { repo, publish, unpublish } = fixture();
      const manifest = integration('cr-found');
      const checksum = await publish(manifest);
      expect(await repo.findIntegration('cr-found')).toEqual({
        key: 'cr-found',
        checksum,
        connectionConfig: manifest.integration.connectionConfig,
      });
      expect(await repo.findIntegration('cr-never')).toBeUndefined();
      await publish(integration('cr-other'));
      const both = await repo.findIntegrations(['cr-found', 'cr-other', 'cr-never', 'cr-found']);
      expect([...both.keys()].sort()).toEqual(['cr-found', 'cr-other']);
      expect(both.get('cr-found')?.checksum).toBe(checksum);
      expect(await repo.findIntegrations([])).toEqual(new Map());
      await unpublish('cr-found');
      expect(await repo.findIntegration('cr-found')).toBeUndefined();
      expect([...(await repo.findIntegrations(['cr-found', 'cr-other'])).keys()]).toEqual([
        'cr-other',
      ]);
    });

    it("scopes reads and updates by user: another user's id finds nothing", async () => {
      const { repo } = fixture();
      const mine = row('cr-ann', 'acme', { label: 'work', config: { token: { $enc: 'v1:x' } } });
      await repo.insert(mine);
      expect(await repo.findForUser('cr-ann', mine.id)).toMatchObject({
        id: mine.id,
        userId: 'cr-ann',
        integrationType: 'acme',
        label: 'work',
        config: { token: { $enc: 'v1:x' } },
        isActive: true,
        connectedAt: at(0),
        updatedAt: at(0),
      });
      expect(await repo.findForUser('cr-bob', mine.id)).toBeUndefined();
      expect(await repo.update('cr-bob', mine.id, { label: 'stolen' })).toBe(false);
      expect(await repo.update('cr-ann', randomUUID(), { label: 'none' })).toBe(false);
      expect(
        await repo.update('cr-ann', mine.id, { label: 'home', isActive: false, updatedAt: at(5) }),
      ).toBe(true);
      expect(await repo.findForUser('cr-ann', mine.id)).toMatchObject({
        label: 'home',
        isActive: false,
        updatedAt: at(5),
      });
    });

    it('returns copies: changing a returned record changes nothing stored', async () => {
      const { repo } = fixture();
      const mine = row('cr-cop', 'acme');
      await repo.insert(mine);
      const read = await repo.findForUser('cr-cop', mine.id);
      (read!.config as Record<string, unknown>).region = 'us';
      expect((await repo.findForUser('cr-cop', mine.id))?.config).toEqual({ region: 'eu' });
    });

    it('refuses a second row with the same id', async () => {
      const { repo } = fixture();
      const mine = row('cr-dup', 'acme');
      await repo.insert(mine);
      await expect(repo.insert({ ...mine, userId: 'cr-dup2' })).rejects.toThrow();
      expect(await repo.findForUser('cr-dup2', mine.id)).toBeUndefined();
    });

    it("lists a user's connections oldest first, active only unless asked, by type when asked", async () => {
      const { repo } = fixture();
      const late = row('cr-cid', 'acme', { connectedAt: at(30) });
      const early = row('cr-cid', 'zeta', { connectedAt: at(10) });
      const gone = row('cr-cid', 'acme', { connectedAt: at(20), isActive: false });
      const other = row('cr-dan', 'acme', { connectedAt: at(1) });
      for (const r of [late, early, gone, other]) await repo.insert(r);
      const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id);
      const all = { limit: 100 };
      expect(ids(await repo.listForUser('cr-cid', all))).toEqual([early.id, late.id]);
      expect(ids(await repo.listForUser('cr-cid', { ...all, includeDisconnected: true }))).toEqual([
        early.id,
        gone.id,
        late.id,
      ]);
      expect(ids(await repo.listForUser('cr-cid', { ...all, integrationType: 'acme' }))).toEqual([
        late.id,
      ]);
      expect(await repo.listForUser('cr-nobody', all)).toEqual([]);
    });

    it("pages a user's connections by (connectedAt, id): ties split by id, none repeated or lost", async () => {
      const { repo } = fixture();
      const user = 'cr-pager';
      // Five at one instant (the id breaks the tie), two later, one disconnected, one of another user.
      const rows = [
        ...Array.from({ length: 5 }, () => row(user, 'acme', { connectedAt: at(5) })),
        row(user, 'zeta', { connectedAt: at(7) }),
        row(user, 'acme', { connectedAt: at(6), isActive: false }),
        row(user, 'acme', { connectedAt: at(9) }),
        row('cr-pager2', 'acme', { connectedAt: at(5) }),
      ];
      for (const r of rows) await repo.insert(r);
      const expected = (await repo.listForUser(user, { limit: 100 })).map((r) => r.id);
      expect(expected).toHaveLength(7);
      for (const limit of [1, 2, 3, 7]) {
        const seen: string[] = [];
        let after: ConnectionPosition | undefined;
        for (let pages = 0; pages < 20; pages++) {
          const page = await repo.listForUser(user, { limit, ...(after ? { after } : {}) });
          expect(page.length).toBeLessThanOrEqual(limit);
          seen.push(...page.map((r) => r.id));
          const last = page.at(-1);
          if (page.length < limit || !last) break;
          after = { userId: last.userId, connectedAt: last.connectedAt, id: last.id };
        }
        expect(seen, `limit ${limit}`).toEqual(expected);
      }
      // The filters hold on every page, and a position past the end is an empty page.
      const first = await repo.listForUser(user, { limit: 1, integrationType: 'acme' });
      const next = await repo.listForUser(user, {
        limit: 100,
        integrationType: 'acme',
        includeDisconnected: true,
        after: { ...first[0]!, userId: 'ignored' },
      });
      expect(next.every((r) => r.integrationType === 'acme')).toBe(true);
      expect(next.some((r) => !r.isActive)).toBe(true);
      expect(next).toHaveLength(6);
      const tail = rows[7]!;
      expect(await repo.listForUser(user, { limit: 5, after: tail })).toEqual([]);
    });

    it("lists every user's connections of one type, by user then oldest first", async () => {
      const { repo } = fixture();
      const type = 'cr-bytype';
      const b2 = row('cr-b', type, { connectedAt: at(40) });
      const a1 = row('cr-a', type, { connectedAt: at(50) });
      const b1 = row('cr-b', type, { connectedAt: at(30) });
      const off = row('cr-a', type, { connectedAt: at(1), isActive: false });
      for (const r of [b2, a1, b1, off]) await repo.insert(r);
      const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id);
      expect(ids(await repo.listByType(type, { limit: 100 }))).toEqual([a1.id, b1.id, b2.id]);
      expect(ids(await repo.listByType(type, { limit: 100, includeDisconnected: true }))).toEqual([
        off.id,
        a1.id,
        b1.id,
        b2.id,
      ]);
      // Page by page (the user is the first part of the key): the same rows, in the same order.
      const paged: string[] = [];
      let after: ConnectionPosition | undefined;
      for (let pages = 0; pages < 10; pages++) {
        const page = await repo.listByType(type, {
          limit: 1,
          includeDisconnected: true,
          ...(after ? { after } : {}),
        });
        const last = page.at(-1);
        if (!last) break;
        paged.push(last.id);
        after = { userId: last.userId, connectedAt: last.connectedAt, id: last.id };
      }
      expect(paged).toEqual([off.id, a1.id, b1.id, b2.id]);
      // A later user at an earlier time still sorts after: the user comes first.
      expect(
        ids(await repo.listByType(type, { limit: 100, after: { ...a1, connectedAt: at(59) } })),
      ).toEqual([b1.id, b2.id]);
    });

    it('touches only an active connection within the given scope', async () => {
      const { repo } = fixture();
      const live = row('cr-eve', 'acme');
      const off = row('cr-eve', 'acme', { isActive: false });
      await repo.insert(live);
      await repo.insert(off);
      expect(await repo.touch(off.id, at(9))).toBe(false);
      expect(await repo.touch(live.id, at(9), { integrationType: 'other' })).toBe(false);
      expect(await repo.touch(live.id, at(9), { userId: 'cr-fay' })).toBe(false);
      expect((await repo.findForUser('cr-eve', live.id))?.lastUsedAt ?? null).toBeNull();
      expect(await repo.touch(live.id, at(9), { integrationType: 'acme', userId: 'cr-eve' })).toBe(
        true,
      );
      expect((await repo.findForUser('cr-eve', live.id))?.lastUsedAt).toEqual(at(9));
      expect(await repo.touch(randomUUID(), at(9))).toBe(false);
    });

    it('updates only while the guard holds (compare and set); nulls compare as absent', async () => {
      const { repo } = fixture();
      const plain = row('cr-hal', 'acme');
      await repo.insert(plain);
      expect(await repo.findForUser('cr-hal', plain.id)).toMatchObject({
        verificationCodeHash: null,
        verificationExpiresAt: null,
        verificationAttemptsLeft: null,
      });
      const pending = row('cr-hal', 'acme', {
        isActive: false,
        verificationCodeHash: 's1:salt:hash',
        verificationExpiresAt: at(30),
        verificationAttemptsLeft: 2,
      });
      await repo.insert(pending);
      const guard = { isActive: false, verificationCodeHash: 's1:salt:hash' };
      const take = (left: number) =>
        repo.updateIfUnchanged(
          'cr-hal',
          pending.id,
          { ...guard, verificationAttemptsLeft: left },
          { verificationAttemptsLeft: left - 1 },
        );
      expect(await take(2)).toBe(true);
      expect(await take(2)).toBe(false);
      expect(await repo.updateIfUnchanged('cr-ida', pending.id, guard, { isActive: true })).toBe(
        false,
      );
      expect(await take(1)).toBe(true);
      expect(await repo.findForUser('cr-hal', pending.id)).toMatchObject({
        isActive: false,
        verificationAttemptsLeft: 0,
        verificationExpiresAt: at(30),
      });
      const activate = {
        isActive: true,
        verificationCodeHash: null,
        verificationAttemptsLeft: null,
      };
      expect(await repo.updateIfUnchanged('cr-hal', pending.id, guard, activate)).toBe(true);
      expect(await repo.updateIfUnchanged('cr-hal', pending.id, guard, activate)).toBe(false);
      expect(
        await repo.updateIfUnchanged(
          'cr-hal',
          plain.id,
          { verificationCodeHash: null },
          { label: 'plain' },
        ),
      ).toBe(true);
      expect((await repo.findForUser('cr-hal', plain.id))?.label).toBe('plain');
      expect(await repo.updateIfUnchanged('cr-hal', randomUUID(), {}, { label: 'x' })).toBe(false);
    });

    it('pages through every connection in id order, active or not', async () => {
      const { repo } = fixture();
      for (let i = 0; i < 3; i++)
        await repo.insert(row(`cr-pg${i}`, 'acme', { isActive: i !== 1 }));
      const seen: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await repo.page(after, 2);
        expect(page.length).toBeLessThanOrEqual(2);
        if (page.length === 0) break;
        seen.push(...page.map((r) => r.id));
        after = page.at(-1)?.id;
      }
      expect(seen).toEqual([...seen].sort());
      expect(new Set(seen).size).toBe(seen.length);
      const mine = (await repo.listByType('acme', { limit: 500, includeDisconnected: true }))
        .filter((r) => r.userId.startsWith('cr-pg'))
        .map((r) => r.id);
      expect(mine).toHaveLength(3);
      for (const id of mine) expect(seen).toContain(id);
    });

    it('replaces a config only while the row is unchanged since it was read', async () => {
      const { repo } = fixture();
      const mine = row('cr-gus', 'acme', { updatedAt: at(3) });
      await repo.insert(mine);
      expect(await repo.replaceConfig(mine.id, at(4), { region: 'stale' })).toBe(false);
      expect(await repo.replaceConfig(mine.id, at(3), { region: 'us' })).toBe(true);
      const read = await repo.findForUser('cr-gus', mine.id);
      expect(read?.config).toEqual({ region: 'us' });
      expect(read?.updatedAt).toEqual(at(3));
      expect(await repo.replaceConfig(randomUUID(), at(3), {})).toBe(false);
    });
  });
}
