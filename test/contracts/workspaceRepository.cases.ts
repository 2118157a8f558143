/**
 * The WorkspaceRepository contract: the same cases run on the in-memory fake and on the
 * MikroORM repository over PGlite and PostgreSQL (test/contracts/inMemory.contract.test.ts,
 * test/integration/db/repositories.contract.test.ts). Each case makes its own workspaces
 * and definition keys, so cases can share one store.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { IntegrationManifest, TemplateManifest } from '../../src/manifest/types.js';
import type {
  WorkspacePosition,
  WorkspaceRecord,
  WorkspaceRepository,
} from '../../src/workspaces/ports.js';
import type { WorkspaceEntityType, WorkspaceModel } from '../../src/workspaces/WorkspaceModel.js';
import { integration, template } from '../integration/db/manifests.js';

/** A repository under test and the catalog it reads. */
export interface WorkspaceRepositoryFixture {
  repo: WorkspaceRepository;
  /** Makes `manifest` the definition's current catalog version at `revision`; returns its checksum. */
  publish(manifest: IntegrationManifest | TemplateManifest, revision: string): Promise<string>;
  /** Removes the definition from the catalog. */
  unpublish(manifest: IntegrationManifest | TemplateManifest): Promise<void>;
}

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 12, minute));

function workspace(ownerId: string, minute = 0): WorkspaceRecord {
  return {
    id: randomUUID(),
    ownerId,
    name: `${ownerId}'s`,
    createdAt: at(minute),
    updatedAt: at(minute),
  };
}

function entityType(key: string, changes: Partial<WorkspaceEntityType> = {}): WorkspaceEntityType {
  return {
    key,
    displayName: key.toUpperCase(),
    attributes: [
      { key: 'id', dataType: 'string', required: true, source: 'RUNTIME', readonly: false },
      {
        key: 'tags',
        dataType: 'string',
        list: true,
        semantic: { classifications: ['pii'] },
        source: 'RUNTIME',
        readonly: false,
      },
    ],
    source: 'RUNTIME',
    readonly: false,
    origin: null,
    ...changes,
  };
}

const model = (...keys: string[]): WorkspaceModel => ({
  entityTypes: keys.map((k) => entityType(k)),
  relationships:
    keys.length > 1
      ? [
          {
            key: 'link',
            from: keys[0]!,
            to: keys[1]!,
            cardinality: 'many-to-one',
            source: 'RUNTIME',
            readonly: false,
            origin: null,
          },
        ]
      : [],
});

/** Defines the contract's cases on `fixture()` (valid inside the cases only). */
export function workspaceRepositoryContract(fixture: () => WorkspaceRepositoryFixture): void {
  describe('WorkspaceRepository contract', () => {
    it("finds a workspace only for its owner, and lists an owner's oldest first", async () => {
      const { repo } = fixture();
      const late = workspace('wr-ann', 20);
      const early = workspace('wr-ann', 10);
      await repo.createWorkspace(late);
      await repo.createWorkspace(early);
      await repo.createWorkspace(workspace('wr-bob', 5));
      expect(await repo.findWorkspace(late.id, 'wr-ann')).toEqual(late);
      expect(await repo.findWorkspace(late.id, 'wr-bob')).toBeUndefined();
      const all = { limit: 100 };
      expect((await repo.listWorkspaces('wr-ann', all)).map((w) => w.id)).toEqual([
        early.id,
        late.id,
      ]);
      expect(await repo.listWorkspaces('wr-nobody', all)).toEqual([]);
      await expect(repo.createWorkspace({ ...late, ownerId: 'wr-cid' })).rejects.toThrow();
    });

    it("pages an owner's workspaces by (createdAt, id): ties split by id, none repeated or lost", async () => {
      const { repo } = fixture();
      const owner = 'wr-pager';
      const rows = [
        ...Array.from({ length: 4 }, () => workspace(owner, 30)),
        workspace(owner, 10),
        workspace(owner, 40),
        workspace('wr-pager2', 30),
      ];
      for (const w of rows) await repo.createWorkspace(w);
      const expected = (await repo.listWorkspaces(owner, { limit: 100 })).map((w) => w.id);
      expect(expected).toHaveLength(6);
      expect(expected[0]).toBe(rows[4]!.id);
      expect(expected.at(-1)).toBe(rows[5]!.id);
      for (const limit of [1, 2, 4, 6]) {
        const seen: string[] = [];
        let after: WorkspacePosition | undefined;
        for (let pages = 0; pages < 20; pages++) {
          const page = await repo.listWorkspaces(owner, { limit, ...(after ? { after } : {}) });
          expect(page.length).toBeLessThanOrEqual(limit);
          seen.push(...page.map((w) => w.id));
          const last = page.at(-1);
          if (page.length < limit || !last) break;
          after = { createdAt: last.createdAt, id: last.id };
        }
        expect(seen, `limit ${limit}`).toEqual(expected);
      }
      expect(await repo.listWorkspaces(owner, { limit: 3, after: rows[5]! })).toEqual([]);
    });

    it('finds the active catalog definition of a kind, and none once removed', async () => {
      const { repo, publish, unpublish } = fixture();
      const t = template('wr-tpl');
      const checksum = await publish(t, 'rev-7');
      expect(await repo.findDefinition('template', 'wr-tpl')).toEqual({
        key: 'wr-tpl',
        checksum,
        revision: 'rev-7',
        origin: 'primary',
        source: 'primary',
        document: t,
      });
      expect(await repo.findDefinition('integration', 'wr-tpl')).toBeUndefined();
      await publish(integration('wr-int'), 'rev-8');
      expect((await repo.findDefinition('integration', 'wr-int'))?.revision).toBe('rev-8');
      await unpublish(t);
      expect(await repo.findDefinition('template', 'wr-tpl')).toBeUndefined();
    });

    it('starts a workspace with an empty model and no templates', async () => {
      const { repo } = fixture();
      const w = workspace('wr-dan');
      await repo.createWorkspace(w);
      expect(await repo.loadModel(w.id)).toEqual({ entityTypes: [], relationships: [] });
      expect(await repo.listTemplates(w.id)).toEqual([]);
      expect(await repo.findTemplate(w.id, 'any')).toBeUndefined();
    });

    it('writes a model whole with its template record, and gives it back as stored', async () => {
      const { repo } = fixture();
      const w = workspace('wr-eve');
      await repo.createWorkspace(w);
      const base = template('wr-base');
      const written = model('person', 'company');
      written.entityTypes[1] = entityType('company', {
        description: undefined,
        primaryKey: 'id',
        source: 'TEMPLATE',
        readonly: true,
        origin: { kind: 'template', key: 'wr-base' },
      });
      const result = await repo.editModel({
        workspaceId: w.id,
        now: at(30),
        change: async (current) => {
          expect(current).toEqual({ entityTypes: [], relationships: [] });
          return {
            model: written,
            template: {
              templateKey: 'wr-base',
              checksum: 'sha256:1',
              revision: 'r1',
              origin: 'primary',
              base,
              upgradedAt: null,
            },
            result: 'installed',
          };
        },
      });
      expect(result).toBe('installed');
      const expected = structuredClone(written);
      delete expected.entityTypes[1]!.description;
      expect(await repo.loadModel(w.id)).toEqual(expected);
      expect(await repo.listTemplates(w.id)).toEqual([
        {
          templateKey: 'wr-base',
          checksum: 'sha256:1',
          revision: 'r1',
          origin: 'primary',
          base,
          installedAt: at(30),
          upgradedAt: null,
        },
      ]);
      expect((await repo.findWorkspace(w.id, 'wr-eve'))?.updatedAt).toEqual(at(30));

      // A second edit replaces the model and upserts the template record, keeping installedAt.
      await repo.editModel({
        workspaceId: w.id,
        now: at(40),
        change: async (current, context) => {
          expect(current).toEqual(expected);
          expect((await context.findTemplate('wr-base'))?.checksum).toBe('sha256:1');
          return {
            model: model('person'),
            template: {
              templateKey: 'wr-base',
              checksum: 'sha256:2',
              revision: 'r2',
              // An upgrade that accepted another source's template records that source.
              origin: 'acme',
              base,
              upgradedAt: at(40),
            },
            result: undefined,
          };
        },
      });
      expect(await repo.loadModel(w.id)).toEqual(model('person'));
      expect(await repo.findTemplate(w.id, 'wr-base')).toEqual({
        templateKey: 'wr-base',
        checksum: 'sha256:2',
        revision: 'r2',
        origin: 'acme',
        base,
        installedAt: at(30),
        upgradedAt: at(40),
      });
    });

    it('writes nothing when the change throws or returns no model', async () => {
      const { repo } = fixture();
      const w = workspace('wr-fay');
      await repo.createWorkspace(w);
      await repo.editModel({
        workspaceId: w.id,
        now: at(1),
        change: async () => ({ model: model('kept'), result: undefined }),
      });
      await expect(
        repo.editModel({
          workspaceId: w.id,
          now: at(2),
          change: async () => {
            throw new Error('refused');
          },
        }),
      ).rejects.toThrow('refused');
      expect(
        await repo.editModel({
          workspaceId: w.id,
          now: at(3),
          change: async () => ({ result: 42 }),
        }),
      ).toBe(42);
      expect(await repo.loadModel(w.id)).toEqual(model('kept'));
      expect((await repo.findWorkspace(w.id, 'wr-fay'))?.updatedAt).toEqual(at(1));
    });

    it('runs concurrent edits of one workspace one after the other: none is lost', async () => {
      const { repo } = fixture();
      const w = workspace('wr-gus');
      await repo.createWorkspace(w);
      const append = (key: string) =>
        repo.editModel({
          workspaceId: w.id,
          now: at(5),
          change: async (current) => {
            // Yield between the read and the write, where a lost update would happen.
            await new Promise((r) => setTimeout(r, 5));
            return {
              model: { ...current, entityTypes: [...current.entityTypes, entityType(key)] },
              result: key,
            };
          },
        });
      await Promise.all(['a', 'b', 'c', 'd'].map(append));
      const keys = (await repo.loadModel(w.id)).entityTypes.map((e) => e.key);
      expect([...keys].sort()).toEqual(['a', 'b', 'c', 'd']);
    });
  });
}
