/**
 * The ConnectionImportStore contract: the same cases run on the in-memory fake and on the
 * MikroORM store over PGlite and PostgreSQL (test/contracts/inMemory.contract.test.ts,
 * test/integration/db/repositories.contract.test.ts). Each case uses its own users, import
 * keys and integration keys, so cases can share one store.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ConnectionImportStore, ImportedConnection } from '../../src/connections/ports.js';
import { integration } from '../integration/db/manifests.js';
import type { ConnectionRepositoryFixture } from './connectionRepository.cases.js';

/** A store under test and the catalog it reads (published to as in the repository contract). */
export interface ConnectionImportStoreFixture extends Pick<
  ConnectionRepositoryFixture,
  'publish' | 'unpublish'
> {
  store: ConnectionImportStore;
}

const at = (minute: number) => new Date(Date.UTC(2025, 9, 2, 10, minute));

function row(
  userId: string,
  integrationType: string,
  changes: Partial<ImportedConnection> = {},
): ImportedConnection {
  return {
    id: randomUUID(),
    userId,
    integrationType,
    label: null,
    config: { region: 'eu', token: { $enc: 'v1:x' } },
    isActive: true,
    connectedAt: at(0),
    disconnectedAt: null,
    lastUsedAt: null,
    createdAt: at(1),
    updatedAt: at(1),
    importKey: null,
    ...changes,
  };
}

/** Defines the contract's cases on `fixture()` (valid inside the cases only). */
export function connectionImportStoreContract(fixture: () => ConnectionImportStoreFixture): void {
  describe('ConnectionImportStore contract', () => {
    it('finds the active integrations among the keys, and none once removed', async () => {
      const { store, publish, unpublish } = fixture();
      const manifest = integration('cis-found');
      const checksum = await publish(manifest);
      const found = await store.findIntegrations(['cis-found', 'cis-never', 'cis-found']);
      expect([...found.entries()]).toEqual([
        [
          'cis-found',
          { key: 'cis-found', checksum, connectionConfig: manifest.integration.connectionConfig },
        ],
      ]);
      expect(await store.findIntegrations([])).toEqual(new Map());
      await unpublish('cis-found');
      expect(await store.findIntegrations(['cis-found'])).toEqual(new Map());
    });

    it('writes a batch, and finds its import keys with the connection each wrote', async () => {
      const { store } = fixture();
      const keyed = row('cis-ann', 'acme', { importKey: 'cis-k1' });
      const other = row('cis-bob', 'globex', {
        importKey: 'cis-k2',
        isActive: false,
        disconnectedAt: at(5),
        lastUsedAt: at(4),
      });
      const unkeyed = row('cis-ann', 'acme');
      expect((await store.insertMany([keyed, other, unkeyed])).sort()).toEqual(
        [keyed.id, other.id, unkeyed.id].sort(),
      );
      const keys = await store.findImportKeys(['cis-k1', 'cis-k2', 'cis-k9', 'cis-k1']);
      expect(Object.fromEntries(keys)).toEqual({
        'cis-k1': { userId: 'cis-ann', integrationType: 'acme' },
        'cis-k2': { userId: 'cis-bob', integrationType: 'globex' },
      });
      expect(await store.findImportKeys([])).toEqual(new Map());
      expect(await store.insertMany([])).toEqual([]);
    });

    it('skips a row whose import key is stored or taken earlier in the same batch', async () => {
      const { store } = fixture();
      const first = row('cis-cy', 'acme', { importKey: 'cis-k3' });
      expect(await store.insertMany([first])).toEqual([first.id]);
      const again = row('cis-cy', 'acme', { importKey: 'cis-k3' });
      const fresh = row('cis-cy', 'acme', { importKey: 'cis-k4' });
      const twice = row('cis-cy', 'acme', { importKey: 'cis-k4' });
      expect(await store.insertMany([again, fresh, twice])).toEqual([fresh.id]);
      const stored = await store.listForUsers([{ userId: 'cis-cy', integrationType: 'acme' }]);
      expect(stored.map((r) => r.id).sort()).toEqual([first.id, fresh.id].sort());
    });

    it('writes all rows of a batch or none: a duplicate id refuses the whole batch', async () => {
      const { store } = fixture();
      const stored = row('cis-dee', 'acme');
      await store.insertMany([stored]);
      const good = row('cis-dee', 'acme', { importKey: 'cis-k5' });
      await expect(store.insertMany([good, { ...stored, importKey: 'cis-k6' }])).rejects.toThrow();
      expect(await store.findImportKeys(['cis-k5', 'cis-k6'])).toEqual(new Map());
      const rows = await store.listForUsers([{ userId: 'cis-dee', integrationType: 'acme' }]);
      expect(rows.map((r) => r.id)).toEqual([stored.id]);
    });

    it('lists every connection of exactly the given (user, type) pairs, as written', async () => {
      const { store } = fixture();
      const annAcme = row('cis-eve', 'acme', {
        isActive: false,
        disconnectedAt: at(9),
        lastUsedAt: at(8),
        label: 'old',
      });
      const annGlobex = row('cis-eve', 'globex');
      const bobAcme = row('cis-fay', 'acme');
      const bobGlobex = row('cis-fay', 'globex');
      await store.insertMany([annAcme, annGlobex, bobAcme, bobGlobex]);
      const listed = await store.listForUsers([
        { userId: 'cis-eve', integrationType: 'acme' },
        { userId: 'cis-fay', integrationType: 'globex' },
      ]);
      expect(listed.map((r) => r.id).sort()).toEqual([annAcme.id, bobGlobex.id].sort());
      const { importKey: _unused, ...written } = annAcme;
      expect(listed.find((r) => r.id === annAcme.id)).toMatchObject(written);
      expect(await store.listForUsers([])).toEqual([]);
    });
  });
}
