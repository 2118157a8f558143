/**
 * The DefinitionStore contract through the port alone (what the sync sees): the same cases
 * run on InMemoryDefinitionStore and on MikroOrmDefinitionStore over PGlite and PostgreSQL
 * (test/contracts/inMemory.contract.test.ts, test/integration/db/repositories.contract.test.ts),
 * so the fake the sync's table tests use cannot drift from the real store. The catalog reads
 * of the real store are covered by test/integration/db/store.contract.test.ts. Cases use
 * their own manifest keys; only the last case writes runs.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/manifest/Finding.js';
import type { DefinitionStore, SyncRunRecord } from '../../src/sync/ports.js';
import { integration, template, valid } from '../integration/db/manifests.js';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute));

const finding: Finding = {
  file: 'x',
  line: 1,
  column: 1,
  pointer: '/name',
  rule: 'schema',
  message: 'name must be a string',
  severity: 'error',
};

function run(changes: Partial<SyncRunRecord>): SyncRunRecord {
  return {
    id: randomUUID(),
    trigger: 'manual',
    source: 'contract',
    status: 'succeeded',
    reason: 'Succeeded',
    counts: { added: 0, updated: 0, unchanged: 0, removed: 0, invalid: 0 },
    invalid: [],
    upgraded: [],
    startedAt: at(0),
    ...changes,
  };
}

/** Defines the contract's cases on `store()` (valid inside the cases only). */
export function definitionStoreContract(store: () => DefinitionStore): void {
  describe('DefinitionStore contract', () => {
    it('adds, then updates, and reports active checksums, all or of given paths', async () => {
      const s = store();
      const before = await s.countActive();
      const a = valid(integration('ds-a'));
      const b = valid(template('ds-b'));
      expect(await s.saveManifest(a, 'r1')).toBe('added');
      expect(await s.saveManifest(b, 'r1')).toBe('added');
      const changed = valid(integration('ds-a', { name: 'Renamed' }));
      expect(await s.saveManifest(changed, 'r2')).toBe('updated');
      expect(await s.countActive()).toBe(before + 2);
      const all = await s.activeChecksums();
      expect(all.get(a.path)).toBe(changed.checksum);
      expect(all.get(b.path)).toBe(b.checksum);
      expect(await s.activeChecksums([b.path, 'integrations/ds-none/manifest.json'])).toEqual(
        new Map([[b.path, b.checksum]]),
      );
      expect(await s.activeChecksums([])).toEqual(new Map());
    });

    it('drops a removed manifest from the active set; saving it again adds it back', async () => {
      const s = store();
      const m = valid(integration('ds-gone'));
      await s.saveManifest(m, 'r1');
      const before = await s.countActive();
      await s.markRemoved([m.path], 'r2');
      expect((await s.activeChecksums()).has(m.path)).toBe(false);
      expect(await s.countActive()).toBe(before - 1);
      expect(await s.saveManifest(m, 'r3')).toBe('added');
      expect((await s.activeChecksums([m.path])).get(m.path)).toBe(m.checksum);
    });

    it('keeps an invalid path served and lists it invalid until it is valid or saved again', async () => {
      const s = store();
      const m = valid(integration('ds-bad'));
      const n = valid(integration('ds-bad2'));
      await s.saveManifest(m, 'r1');
      await s.saveManifest(n, 'r1');
      await s.markInvalid(m.path, [finding], 'r2');
      await s.markInvalid(n.path, [finding], 'r2');
      const invalid = await s.invalidPaths();
      expect(invalid.has(m.path) && invalid.has(n.path)).toBe(true);
      // The last good version stays active.
      expect((await s.activeChecksums([m.path])).get(m.path)).toBe(m.checksum);
      await s.markValid([m.path], 'r3');
      await s.saveManifest(valid(integration('ds-bad2', { name: 'Fixed' })), 'r3');
      const after = await s.invalidPaths();
      expect(after.has(m.path) || after.has(n.path)).toBe(false);
    });

    it('records never-ingested paths without touching paths that have a state', async () => {
      const s = store();
      const m = valid(integration('ds-held'));
      await s.saveManifest(m, 'r1');
      await s.markNeverIngested(
        [m.path, 'integrations/ds-new/manifest.json'],
        'r2',
        'gate pending',
      );
      expect((await s.activeChecksums([m.path])).get(m.path)).toBe(m.checksum);
      expect((await s.activeChecksums(['integrations/ds-new/manifest.json'])).size).toBe(0);
      expect((await s.invalidPaths()).has('integrations/ds-new/manifest.json')).toBe(false);
      await s.markNeverIngested([], 'r3', '');
    });

    it('derives the last synced revision from the newest succeeded run, closes interrupted runs, prunes', async () => {
      const s = store();
      expect(await s.lastSyncedRevision()).toBeUndefined();
      // Saved out of start order: the newest by start time counts, not the last saved.
      const newest = run({ toRevision: 'rev-new', startedAt: at(30), finishedAt: at(31) });
      const older = run({ toRevision: 'rev-old', startedAt: at(10), finishedAt: at(11) });
      const failed = run({
        status: 'failed',
        reason: 'SourceUnreachable',
        toRevision: 'rev-bad',
        startedAt: at(40),
      });
      for (const r of [newest, older, failed]) await s.saveRun(r);
      expect(await s.lastSyncedRevision()).toBe('rev-new');

      // A run updated in place keeps one record.
      await s.saveRun({ ...failed, message: 'still failed' });

      const current = run({ status: 'running', startedAt: at(50) });
      const dead = run({ status: 'running', startedAt: at(45) });
      await s.saveRun(current);
      await s.saveRun(dead);
      expect(await s.closeInterruptedRuns(current.id, at(51))).toBe(1);
      expect(await s.closeInterruptedRuns(current.id, at(52))).toBe(0);

      // Five runs: keep the newest two (current, dead) and the newest succeeded one.
      expect(await s.pruneRuns(2)).toBe(2);
      expect(await s.lastSyncedRevision()).toBe('rev-new');
      expect(await s.pruneRuns(2)).toBe(0);
      // The newest succeeded run survives even when it is beyond `keep`.
      expect(await s.pruneRuns(0)).toBe(1);
      expect(await s.lastSyncedRevision()).toBe('rev-new');
    });
  });
}
