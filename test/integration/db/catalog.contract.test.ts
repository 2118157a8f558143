import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidCursorError } from '../../../src/db/catalogQuery.js';
import { forEachDatabase } from '../../helpers/databases.js';
import { integration, template, valid } from './manifests.js';

forEachDatabase((fx) => {
  beforeAll(async () => {
    const store = fx.db.store;
    for (let i = 0; i < 7; i++) await store.saveManifest(valid(integration(`crm-${i}`)), 'rev-1');
    await store.saveManifest(
      valid(
        integration('slack', {
          name: 'Slack',
          description: 'Messages 100%_done',
          tags: ['chat'],
          integration: { ...integration('slack').integration, category: 'notification-channel' },
        }),
      ),
      'rev-1',
    );
    await store.saveManifest(valid(integration('removed-one')), 'rev-1');
    await store.markRemoved(['integrations/removed-one/manifest.json'], 'rev-2');
    await store.saveManifest(valid(template('retail')), 'rev-1');
    await store.markInvalid('integrations/bad/manifest.json', [], 'rev-2');
  });

  describe('listDefinitions', () => {
    it('pages through served definitions of a kind by key with an opaque cursor', async () => {
      const keys: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await fx.db.catalog.listDefinitions({
          kind: 'integration',
          limit: 3,
          ...(cursor ? { cursor } : {}),
        });
        keys.push(...page.items.map((d) => d.key));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      expect(keys).toEqual([
        'crm-0',
        'crm-1',
        'crm-2',
        'crm-3',
        'crm-4',
        'crm-5',
        'crm-6',
        'slack',
      ]);
      expect(pages).toBe(3);
      const first = await fx.db.catalog.listDefinitions({ kind: 'integration', limit: 1 });
      expect(first.items[0]).not.toHaveProperty('document');
    });

    it('filters by category, tag and free text (LIKE wildcards match literally)', async () => {
      const keys = async (q: Parameters<typeof fx.db.catalog.listDefinitions>[0]) =>
        (await fx.db.catalog.listDefinitions(q)).items.map((d) => d.key);
      expect(await keys({ kind: 'integration', category: 'notification-channel' })).toEqual([
        'slack',
      ]);
      expect(await keys({ kind: 'integration', tag: 'chat' })).toEqual(['slack']);
      expect((await keys({ kind: 'integration', tag: 'crm' })).length).toBe(7);
      expect(await keys({ kind: 'integration', q: 'SLA' })).toEqual(['slack']);
      expect(await keys({ kind: 'integration', q: '100%_' })).toEqual(['slack']);
      expect(await keys({ kind: 'integration', q: '1_0' })).toEqual([]);
      expect(await keys({ kind: 'integration', q: 'crm-3' })).toEqual(['crm-3']);
      expect(await keys({ kind: 'template' })).toEqual(['retail']);
    });

    it('rejects a cursor it did not issue', async () => {
      await expect(
        fx.db.catalog.listDefinitions({ kind: 'integration', cursor: 'bm90LWEtY3Vyc29y' }),
      ).rejects.toBeInstanceOf(InvalidCursorError);
    });
  });

  it('lists entity types with attributes, by kind and by definition key', async () => {
    const ofSlack = await fx.db.catalog.listEntityTypes({ definitionKey: 'slack' });
    expect(ofSlack.map((e) => e.key)).toEqual(['person', 'company']);
    expect(ofSlack[0]).toMatchObject({
      definitionKind: 'integration',
      definitionKey: 'slack',
      displayName: 'Person',
    });
    expect(ofSlack[0]?.attributes.map((a) => a.key)).toEqual(['id', 'email', 'company']);
    const templates = await fx.db.catalog.listEntityTypes({ kind: 'template' });
    expect(templates.map((e) => `${e.definitionKey}/${e.key}`)).toEqual(['retail/order']);
    const all = await fx.db.catalog.listEntityTypes();
    expect(all.length).toBe(8 * 2 + 1);
    expect(all.some((e) => e.definitionKey === 'removed-one')).toBe(false);
  });

  it('counts manifest states, finds a run by id and answers a ping', async () => {
    expect(await fx.db.catalog.countManifestStates()).toEqual({
      active: 9,
      invalid: 1,
      removed: 1,
      'never-ingested': 0,
      shadowed: 0,
    });
    const id = '00000000-0000-4000-8000-00000000beef';
    await fx.db.store.saveRun({
      id,
      trigger: 'webhook',
      source: 'registry',
      status: 'gated',
      reason: 'GatePending',
      counts: { added: 0, updated: 0, unchanged: 0, removed: 0, invalid: 0 },
      invalid: [],
      upgraded: [],
      startedAt: new Date('2026-02-01T00:00:00.000Z'),
    });
    expect((await fx.db.catalog.getSyncRun(id))?.status).toBe('gated');
    expect(await fx.db.catalog.getSyncRun('00000000-0000-4000-8000-000000000000')).toBeUndefined();
    expect(await fx.db.catalog.getSyncRun('not-a-uuid')).toBeUndefined();
    expect(await fx.db.catalog.lastSyncedRevision()).toBeUndefined();
    await expect(fx.db.catalog.ping()).resolves.toBeUndefined();
  });
});
