/**
 * DefinitionStore.applyRevision on PGlite and PostgreSQL: everything a run writes for its
 * revision, set-based, in one transaction. Written whole, or (on any failure) not at all.
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/manifest/Finding.js';
import { forEachDatabase } from '../../helpers/databases.js';
import { integration, template, valid } from './manifests.js';

const finding: Finding = {
  file: 'integrations/bad/manifest.json',
  line: 1,
  column: 1,
  pointer: '/name',
  rule: 'schema/type',
  message: 'name must be a string',
  severity: 'error',
};

/** An integration whose entity type declares one attribute twice: the database refuses it. */
const refusedByTheDatabase = (key: string) =>
  integration(key, {
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

forEachDatabase((fx) => {
  describe('applyRevision', () => {
    it('writes saves, recoveries, invalid and removed paths of a revision in one call', async () => {
      const kept = valid(integration('kept'));
      const gone = valid(integration('gone'));
      await fx.db.store.saveManifest(kept, 'rev-1');
      await fx.db.store.saveManifest(gone, 'rev-1');
      await fx.db.store.markInvalid('integrations/bad/manifest.json', [finding], 'rev-1');

      const many = Array.from({ length: 1200 }, (_, i) => valid(integration(`bulk-${i}`)));
      const changedKept = valid(integration('kept', { name: 'Kept, renamed' }));
      const result = await fx.db.store.applyRevision({
        revision: 'rev-2',
        save: [...many, changedKept, valid(template('retail'))],
        recovered: [],
        invalid: [{ path: 'integrations/bad/manifest.json', findings: [finding] }],
        removed: [gone.path],
      });
      expect(result).toMatchObject({ added: 1201, updated: 1 });
      expect(result.eventId).toBeGreaterThan(0);

      const active = await fx.db.store.activeChecksums();
      expect(active.size).toBe(1202);
      expect(active.get(changedKept.path)).toBe(changedKept.checksum);
      expect(active.has(gone.path)).toBe(false);
      const detail = await fx.db.catalog.getDefinition('integration', 'bulk-1199');
      expect(detail?.entityTypes.map((e) => e.key)).toEqual(['person', 'company']);
      expect((await fx.db.catalog.getDefinition('integration', 'kept'))?.name).toBe(
        'Kept, renamed',
      );
      const states = new Map(
        (await fx.db.catalog.listManifestStates()).map((s) => [s.path, s.state]),
      );
      expect(states.get(gone.path)).toBe('removed');
      expect(states.get('integrations/bad/manifest.json')).toBe('invalid');
      expect(states.get('integrations/bulk-0/manifest.json')).toBe('active');
    });

    it('writes nothing when one manifest of the revision fails: the old revision stays whole', async () => {
      const before = valid(integration('stays'));
      await fx.db.store.saveManifest(before, 'rev-1');
      const checksumsBefore = await fx.db.store.activeChecksums();
      const statesBefore = await fx.db.catalog.listManifestStates();

      const fresh = Array.from({ length: 600 }, (_, i) => valid(integration(`fresh-${i}`)));
      await expect(
        fx.db.store.applyRevision({
          revision: 'rev-2',
          // The refused one comes last, in the second chunk of 500: the first was written.
          save: [
            valid(integration('stays', { name: 'changed' })),
            ...fresh,
            valid(refusedByTheDatabase('zzz')),
          ],
          recovered: [],
          invalid: [],
          removed: [],
        }),
      ).rejects.toThrow(/attribute_entity_type_key_unique|duplicate key/);

      expect(await fx.db.store.activeChecksums()).toEqual(checksumsBefore);
      expect(await fx.db.catalog.listManifestStates()).toEqual(statesBefore);
      expect((await fx.db.catalog.getDefinition('integration', 'stays'))?.name).toBe('stays CRM');
      expect(await fx.db.catalog.getDefinition('integration', 'fresh-0')).toBeUndefined();
    });

    it('lets the later of two manifests claiming one key win, as saving them in order does', async () => {
      const first = { ...valid(integration('twin')), path: 'integrations/twin-a/manifest.json' };
      const second = {
        ...valid(integration('twin', { name: 'second' })),
        path: 'integrations/twin-b/manifest.json',
      };
      await fx.db.store.applyRevision({
        revision: 'rev-1',
        save: [first, second],
        recovered: [],
        invalid: [],
        removed: [],
      });
      expect((await fx.db.catalog.getDefinition('integration', 'twin'))?.name).toBe('second');
      const active = await fx.db.store.activeChecksums();
      expect(active.get(second.path)).toBe(second.checksum);
      expect(active.has(first.path)).toBe(false);
    });
  });
});
