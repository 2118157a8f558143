import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/manifest/Finding.js';
import type { SyncRunRecord } from '../../../src/sync/ports.js';
import { forEachDatabase } from '../../helpers/databases.js';
import { integration, template, valid } from './manifests.js';

async function count(
  db: { orm: { em: { fork(): unknown } } },
  sql: string,
  params: unknown[] = [],
): Promise<number> {
  const em = db.orm.em.fork() as {
    getConnection(): {
      execute(sql: string, params: unknown[]): Promise<Array<{ n: number | string }>>;
    };
  };
  const [row] = await em.getConnection().execute(sql, params);
  return Number(row?.n);
}

const finding: Finding = {
  file: 'x',
  line: 3,
  column: 5,
  pointer: '/name',
  rule: 'schema',
  message: 'name must be a string',
  severity: 'error',
};

forEachDatabase((fx) => {
  describe('saveManifest', () => {
    it('stores a manifest and reads it back through the catalog reader', async () => {
      const v = valid(integration('acme'));
      expect(await fx.db.store.saveManifest(v, 'rev-1')).toBe('added');

      const detail = await fx.db.catalog.getDefinition('integration', 'acme');
      expect(detail).toMatchObject({
        kind: 'integration',
        key: 'acme',
        source: 'MANIFEST',
        readonly: true,
        name: 'acme CRM',
        category: 'data-source',
        provider: 'acme',
        tags: ['crm', 'sales'],
        path: 'integrations/acme/manifest.json',
        manifestVersion: '1.1',
        checksum: v.checksum,
        revision: 'rev-1',
      });
      expect(detail?.document).toEqual(v.manifest);
      expect(detail?.entityTypes.map((e) => [e.key, e.attributes.map((a) => a.key)])).toEqual([
        ['person', ['id', 'email', 'company']],
        ['company', ['id', 'size']],
      ]);
      expect(detail?.entityTypes[0]).toMatchObject({
        primaryKey: 'id',
        semantic: { classifications: ['pii'] },
        readonly: true,
      });
      expect(detail?.entityTypes[0]?.attributes[1]).toMatchObject({
        dataType: 'string',
        validation: { format: 'email' },
      });
      expect(detail?.entityTypes[0]?.attributes[2]).toMatchObject({
        dataType: 'reference',
        references: 'company',
      });
      expect(detail?.entityTypes[1]?.attributes[1]).toMatchObject({
        enumValues: ['small', 'large'],
      });
      expect(detail?.relationships).toEqual([
        {
          key: 'works-at',
          from: 'person',
          to: 'company',
          cardinality: 'many-to-one',
          via: 'company',
          source: 'MANIFEST',
          readonly: true,
        },
      ]);
      expect(detail?.mappings).toEqual([
        {
          model: 'contact',
          entityType: 'person',
          fields: v.manifest.kind === 'integration' ? v.manifest.mappings?.[0]?.fields : {},
          source: 'MANIFEST',
          readonly: true,
        },
      ]);
      expect((await fx.db.store.activeChecksums()).get(v.path)).toBe(v.checksum);
      expect(await fx.db.catalog.listManifestStates()).toContainEqual(
        expect.objectContaining({
          path: v.path,
          kind: 'integration',
          key: 'acme',
          state: 'active',
          checksum: v.checksum,
          findings: [],
          revision: 'rev-1',
        }),
      );
    });

    it('replaces the children when a changed manifest is saved again', async () => {
      await fx.db.store.saveManifest(valid(integration('replace')), 'rev-1');
      const changed = integration('replace', {
        name: 'Renamed',
        entityTypes: [
          {
            key: 'deal',
            displayName: 'Deal',
            attributes: [
              { key: 'id', dataType: 'string' },
              { key: 'amount', dataType: 'number' },
            ],
          },
        ],
        relationships: [],
        mappings: [{ model: 'deal', entityType: 'deal', fields: { id: { source: 'id' } } }],
      });
      expect(await fx.db.store.saveManifest(valid(changed), 'rev-2')).toBe('updated');

      const detail = await fx.db.catalog.getDefinition('integration', 'replace');
      expect(detail).toMatchObject({
        name: 'Renamed',
        revision: 'rev-2',
        checksum: valid(changed).checksum,
      });
      expect(detail?.entityTypes.map((e) => [e.key, e.attributes.length])).toEqual([['deal', 2]]);
      expect(detail?.relationships).toEqual([]);
      expect(detail?.mappings.map((m) => m.model)).toEqual(['deal']);
      // The old children are deleted, not left behind.
      const id = detail?.id;
      expect(
        await count(fx.db, 'select count(*) as n from entity_type where definition_id = ?', [id]),
      ).toBe(1);
      expect(
        await count(
          fx.db,
          'select count(*) as n from attribute a join entity_type e on e.id = a.entity_type_id where e.definition_id = ?',
          [id],
        ),
      ).toBe(2);
      expect(
        await count(fx.db, 'select count(*) as n from relationship where definition_id = ?', [id]),
      ).toBe(0);
      expect(await count(fx.db, "select count(*) as n from definition where key = 'replace'")).toBe(
        1,
      );
    });

    it('leaves the previous version and checksum intact when the transaction fails midway', async () => {
      const good = valid(integration('atomic'));
      await fx.db.store.saveManifest(good, 'rev-1');
      const broken = integration('atomic', {
        name: 'Broken',
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
      });
      await expect(fx.db.store.saveManifest(valid(broken), 'rev-2')).rejects.toThrow(
        /attribute_entity_type_key_unique|duplicate key/,
      );

      const detail = await fx.db.catalog.getDefinition('integration', 'atomic');
      expect(detail).toMatchObject({
        name: 'atomic CRM',
        checksum: good.checksum,
        revision: 'rev-1',
      });
      expect(detail?.entityTypes.map((e) => e.key)).toEqual(['person', 'company']);
      expect((await fx.db.store.activeChecksums()).get(good.path)).toBe(good.checksum);
      const state = (await fx.db.catalog.listManifestStates()).find((s) => s.path === good.path);
      expect(state).toMatchObject({ state: 'active', checksum: good.checksum, revision: 'rev-1' });
    });

    it('stores a manifest with more attributes than one insert statement takes', async () => {
      const attributes = Array.from({ length: 2500 }, (_, i) => ({
        key: `a${i}`,
        dataType: 'string' as const,
      }));
      const v = valid(
        integration('wide', {
          entityTypes: [{ key: 'row', displayName: 'Row', attributes }],
          relationships: [],
          mappings: [],
        }),
      );
      await fx.db.store.saveManifest(v, 'rev-1');
      const detail = await fx.db.catalog.getDefinition('integration', 'wide');
      expect(detail?.entityTypes[0]?.attributes).toHaveLength(2500);
      expect(detail?.entityTypes[0]?.attributes[2499]?.key).toBe('a2499');
    });

    it('stores templates with editable entity types and no mappings', async () => {
      const v = valid(template('shop'));
      expect(await fx.db.store.saveManifest(v, 'rev-1')).toBe('added');
      const detail = await fx.db.catalog.getDefinition('template', 'shop');
      expect(detail).toMatchObject({ kind: 'template', key: 'shop', tags: [], mappings: [] });
      expect(detail?.category).toBeNull();
      expect(detail?.entityTypes[0]).toMatchObject({
        key: 'order',
        readonly: false,
        definitionKind: 'template',
        definitionKey: 'shop',
      });
    });
  });

  describe('markRemoved', () => {
    it('keeps the rows, hides them from active checksums and the catalog, and a re-add is an addition', async () => {
      const v = valid(integration('gone'));
      await fx.db.store.saveManifest(v, 'rev-1');
      await fx.db.store.markRemoved([v.path, 'integrations/never-seen/manifest.json'], 'rev-2');

      expect((await fx.db.store.activeChecksums()).has(v.path)).toBe(false);
      expect(await fx.db.catalog.getDefinition('integration', 'gone')).toBeUndefined();
      expect((await fx.db.catalog.listEntityTypes({ definitionKey: 'gone' })).length).toBe(0);
      expect(
        await count(
          fx.db,
          "select count(*) as n from definition where key = 'gone' and removed_at is not null",
        ),
      ).toBe(1);
      expect(
        await count(
          fx.db,
          "select count(*) as n from attribute a join entity_type e on e.id = a.entity_type_id join definition d on d.id = e.definition_id where d.key = 'gone' and a.removed_at is not null and e.removed_at is not null",
        ),
      ).toBe(5);
      expect(
        await count(
          fx.db,
          "select count(*) as n from relationship r join definition d on d.id = r.definition_id where d.key = 'gone' and r.removed_at is not null",
        ),
      ).toBe(1);
      expect(
        await count(
          fx.db,
          "select count(*) as n from field_mapping m join definition d on d.id = m.definition_id where d.key = 'gone' and m.removed_at is not null",
        ),
      ).toBe(1);
      const states = await fx.db.catalog.listManifestStates({ state: 'removed' });
      expect(states).toContainEqual(
        expect.objectContaining({
          path: v.path,
          state: 'removed',
          checksum: v.checksum,
          revision: 'rev-2',
        }),
      );
      expect(states).toContainEqual(
        expect.objectContaining({
          path: 'integrations/never-seen/manifest.json',
          key: 'never-seen',
        }),
      );

      expect(await fx.db.store.saveManifest(v, 'rev-3')).toBe('added');
      expect((await fx.db.store.activeChecksums()).get(v.path)).toBe(v.checksum);
      expect((await fx.db.catalog.getDefinition('integration', 'gone'))?.entityTypes).toHaveLength(
        2,
      );
    });
  });

  describe('markInvalid', () => {
    it('records the findings and keeps serving the last good version', async () => {
      const v = valid(integration('shaky'));
      await fx.db.store.saveManifest(v, 'rev-1');
      await fx.db.store.markInvalid(v.path, [finding], 'rev-2');

      expect(await fx.db.catalog.getDefinition('integration', 'shaky')).toMatchObject({
        checksum: v.checksum,
        revision: 'rev-1',
      });
      expect((await fx.db.store.activeChecksums()).get(v.path)).toBe(v.checksum);
      const state = (await fx.db.catalog.listManifestStates({ state: 'invalid' })).find(
        (s) => s.path === v.path,
      );
      expect(state).toMatchObject({
        state: 'invalid',
        checksum: v.checksum,
        findings: [finding],
        revision: 'rev-2',
      });
    });

    it('records a path that was never valid without a checksum', async () => {
      await fx.db.store.markInvalid('templates/broken/manifest.json', [finding], 'rev-1');
      const state = (await fx.db.catalog.listManifestStates()).find(
        (s) => s.path === 'templates/broken/manifest.json',
      );
      expect(state).toMatchObject({
        kind: 'template',
        key: 'broken',
        state: 'invalid',
        findings: [finding],
      });
      expect(state?.checksum).toBeNull();
    });
  });

  describe('markNeverIngested', () => {
    it('records unsynced paths with why, leaves paths with a state alone, and replaces the set', async () => {
      const served = valid(integration('served'));
      await fx.db.store.saveManifest(served, 'rev-1');
      const fresh = 'integrations/fresh/manifest.json';
      const other = 'templates/other/manifest.json';
      await fx.db.store.markNeverIngested(
        [served.path, fresh, other],
        'rev-2',
        'not synced: check pending',
      );

      const states = async () =>
        new Map((await fx.db.catalog.listManifestStates()).map((s) => [s.path, s]));
      let byPath = await states();
      expect(byPath.get(served.path)).toMatchObject({
        state: 'active',
        checksum: served.checksum,
        detail: null,
        revision: 'rev-1',
      });
      expect(byPath.get(fresh)).toMatchObject({
        kind: 'integration',
        key: 'fresh',
        state: 'never-ingested',
        checksum: null,
        findings: [],
        detail: 'not synced: check pending',
        revision: 'rev-2',
      });
      expect(await fx.db.catalog.countManifestStates()).toMatchObject({ 'never-ingested': 2 });

      // The next held revision no longer has `other`: it goes; `fresh` gets the new reason.
      await fx.db.store.markNeverIngested([fresh], 'rev-3', 'not synced: check failed');
      byPath = await states();
      expect(byPath.has(other)).toBe(false);
      expect(byPath.get(fresh)).toMatchObject({
        state: 'never-ingested',
        detail: 'not synced: check failed',
        revision: 'rev-3',
      });

      // Synced at last: the state row becomes active and loses its detail; [] clears the rest.
      const synced = valid(integration('fresh'));
      await fx.db.store.saveManifest(synced, 'rev-4');
      await fx.db.store.markNeverIngested([], 'rev-4', '');
      byPath = await states();
      expect(byPath.get(fresh)).toMatchObject({
        state: 'active',
        detail: null,
        checksum: synced.checksum,
      });
      expect(await fx.db.catalog.countManifestStates()).toMatchObject({ 'never-ingested': 0 });
    });
  });

  describe('sync runs', () => {
    const run = (
      id: string,
      startedAt: string,
      changes: Partial<SyncRunRecord> = {},
    ): SyncRunRecord => ({
      id,
      trigger: 'schedule',
      source: 'https://example.test/registry.git',
      status: 'running',
      reason: 'Progressing',
      counts: { added: 0, updated: 0, unchanged: 0, removed: 0, invalid: 0 },
      invalid: [],
      upgraded: [],
      startedAt: new Date(startedAt),
      ...changes,
    });

    it('prunes old finished runs but keeps the newest succeeded one and running ones', async () => {
      // A store of its own: other tests of this file record runs too.
      await fx.db.orm.em.fork().getConnection().execute('delete from sync_run');
      await fx.db.store.saveRun(
        run('a0000000-0000-4000-8000-000000000001', '2026-12-01T00:00:00Z', {
          status: 'succeeded',
          toRevision: 'good',
        }),
      );
      for (let i = 2; i <= 6; i++) {
        await fx.db.store.saveRun(
          run(`a0000000-0000-4000-8000-00000000000${i}`, `2026-12-0${i}T00:00:00Z`, {
            status: 'gated',
            toRevision: 'held',
          }),
        );
      }
      await fx.db.store.saveRun(
        run('a0000000-0000-4000-8000-000000000000', '2026-11-30T00:00:00Z'),
      );
      expect(await fx.db.store.pruneRuns(2)).toBe(3);
      const left = (await fx.db.catalog.listSyncRuns({ limit: 50 })).map(
        (r) => `${r.id.slice(-1)} ${r.status}`,
      );
      // The two newest, the last succeeded one (the synced revision) and the running one stay.
      expect(left).toEqual(['6 gated', '5 gated', '1 succeeded', '0 running']);
      expect(await fx.db.store.lastSyncedRevision()).toBe('good');
      expect(await fx.db.store.pruneRuns(2)).toBe(0);
      await fx.db.orm.em.fork().getConnection().execute('delete from sync_run');
    });

    it('saves, updates by id and lists runs newest first; the last succeeded one gives the revision', async () => {
      expect(await fx.db.store.lastSyncedRevision()).toBeUndefined();
      const first = run('00000000-0000-4000-8000-000000000001', '2026-01-01T00:00:00.000Z');
      await fx.db.store.saveRun(first);
      const finished = {
        ...first,
        status: 'succeeded' as const,
        reason: 'Succeeded' as const,
        toRevision: 'rev-a',
        counts: { added: 2, updated: 1, unchanged: 3, removed: 0, invalid: 1 },
        invalid: [{ path: 'integrations/x/manifest.json', findings: [finding] }],
        upgraded: [{ path: 'integrations/y/manifest.json', from: '0.9' }],
        finishedAt: new Date('2026-01-01T00:00:01.500Z'),
        durationMs: 1500,
      };
      await fx.db.store.saveRun(finished);
      await fx.db.store.saveRun(
        run('00000000-0000-4000-8000-000000000002', '2026-01-02T00:00:00.000Z', {
          status: 'failed',
          reason: 'SourceUnreachable',
          toRevision: 'rev-b',
          message: 'timeout',
        }),
      );

      const runs = await fx.db.catalog.listSyncRuns({ limit: 10 });
      expect(runs.map((r) => r.id)).toEqual(['00000000-0000-4000-8000-000000000002', first.id]);
      expect(runs[1]).toEqual(finished);
      expect((await fx.db.catalog.lastRun())?.reason).toBe('SourceUnreachable');
      expect(await fx.db.store.lastSyncedRevision()).toBe('rev-a');
      expect(await fx.db.catalog.listSyncRuns({ limit: 1 })).toHaveLength(1);
    });
  });
});
