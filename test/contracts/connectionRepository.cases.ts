/**
 * The ConnectionRepository contract: the same cases run on the in-memory fake and on the
 * MikroORM repository over PGlite and PostgreSQL (test/contracts/inMemory.contract.test.ts,
 * test/integration/db/repositories.contract.test.ts). Each case uses its own users and
 * integration keys, so cases can share one store.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ConnectionRepository, NewConnection } from '../../src/connections/ports.js';
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
      expect(ids(await repo.listForUser('cr-cid'))).toEqual([early.id, late.id]);
      expect(ids(await repo.listForUser('cr-cid', { includeDisconnected: true }))).toEqual([
        early.id,
        gone.id,
        late.id,
      ]);
      expect(ids(await repo.listForUser('cr-cid', { integrationType: 'acme' }))).toEqual([late.id]);
      expect(await repo.listForUser('cr-nobody')).toEqual([]);
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
      expect(ids(await repo.listByType(type))).toEqual([a1.id, b1.id, b2.id]);
      expect(ids(await repo.listByType(type, { includeDisconnected: true }))).toEqual([
        off.id,
        a1.id,
        b1.id,
        b2.id,
      ]);
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
      const mine = (await repo.listByType('acme', { includeDisconnected: true }))
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
