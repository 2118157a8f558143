import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock, LayerClaim, LayerStore, SourceRecord } from '../sync/ports.js';
import { DefinitionSchema, ManifestStateSchema, RegistrySourceSchema } from './entities/index.js';
import type { MikroOrmDefinitionStore } from './MikroOrmDefinitionStore.js';

const systemClock: Clock = { now: () => new Date() };

/** The origin the rows of a database synced before layering carry (the migration's default). */
export const PRIMARY_ORIGIN = 'primary';

/**
 * LayerStore on MikroORM: the cross-source reads of layered registries (claims on paths,
 * contested paths, stray origins) and the `registry_source` table. Writes of definitions
 * and states go through the per-source MikroOrmDefinitionStore (`forOrigin`).
 */
export class MikroOrmLayerStore implements LayerStore {
  readonly #orm: MikroORM;
  readonly #clock: Clock;
  readonly #base: MikroOrmDefinitionStore;

  /** `base`: the database's store; each source's store is it scoped (same feed settings). */
  constructor(options: { orm: MikroORM; base: MikroOrmDefinitionStore; clock?: Clock }) {
    this.#orm = options.orm;
    this.#base = options.base;
    this.#clock = options.clock ?? systemClock;
  }

  #em(): EntityManager {
    return this.#orm.em.fork() as unknown as EntityManager;
  }

  forOrigin(origin: string): MikroOrmDefinitionStore {
    return this.#base.forOrigin(origin);
  }

  async claims(paths: readonly string[]): Promise<LayerClaim[]> {
    if (paths.length === 0) return [];
    const em = this.#em();
    const [states, served] = await Promise.all([
      em.find(ManifestStateSchema, { path: { $in: [...paths] } }),
      em
        .createQueryBuilder(DefinitionSchema)
        .select(['origin', 'path'])
        .where({ path: { $in: [...paths] }, source: 'MANIFEST', removedAt: null })
        .execute<Array<{ origin: string; path: string }>>('all'),
    ]);
    const servedSet = new Set(served.map((d) => `${d.origin}\u0000${d.path}`));
    const out: LayerClaim[] = states.map((s) => ({
      origin: s.origin,
      path: s.path,
      state: s.state,
      served: servedSet.delete(`${s.origin}\u0000${s.path}`),
      collision:
        s.state === 'invalid' &&
        s.findings.length > 0 &&
        s.findings.every((f) => f.rule === 'key-collision'),
      ...(s.checksum ? { checksum: s.checksum } : {}),
    }));
    // A served definition without a state row (never so after a sync; kept for safety).
    for (const key of servedSet) {
      const [origin = '', path = ''] = key.split('\u0000');
      out.push({ origin, path, state: 'active', served: true, collision: false });
    }
    return out;
  }

  async contestedPaths(): Promise<string[]> {
    const rows = await this.#em()
      .getConnection()
      .execute<Array<{ path: string }>>(
        `select "path" from "manifest_state" where "state" <> 'removed'
          group by "path" having count(distinct "origin") > 1 or bool_or("state" = 'shadowed')`,
      );
    return rows.map((r) => r.path).sort();
  }

  async registerSources(
    sources: ReadonlyArray<{ name: string; description: string }>,
  ): Promise<Map<string, string>> {
    const now = this.#clock.now();
    return this.#em().transactional(async (em) => {
      const rows = await em.find(RegistrySourceSchema, {});
      const byName = new Map(rows.map((r) => [r.name, r]));
      const taken = new Set(rows.map((r) => r.origin));
      const origins = new Map<string, string>();
      for (const [position, source] of sources.entries()) {
        let origin = byName.get(source.name)?.origin;
        if (!origin) {
          // The first source of a database that never recorded one adopts its rows.
          origin = rows.length === 0 && position === 0 ? PRIMARY_ORIGIN : source.name;
          for (let n = 2; taken.has(origin); n++) origin = `${source.name}~${n}`;
          taken.add(origin);
        }
        origins.set(source.name, origin);
      }
      // Positions of unlisted sources move past the list, so names and positions stay unique.
      const listed = new Set(origins.values());
      let next = sources.length;
      for (const row of rows)
        if (!listed.has(row.origin))
          await em.nativeUpdate(RegistrySourceSchema, { origin: row.origin }, { position: next++ });
      for (const [position, source] of sources.entries()) {
        const origin = origins.get(source.name) ?? source.name;
        await em.upsert(
          RegistrySourceSchema,
          { origin, name: source.name, position, description: source.description, updatedAt: now },
          {
            onConflictFields: ['origin'],
            onConflictAction: 'merge',
            onConflictMergeFields: ['name', 'position', 'description', 'updatedAt'],
          },
        );
      }
      return origins;
    });
  }

  async listSources(): Promise<SourceRecord[]> {
    const rows = await this.#em().find(RegistrySourceSchema, {}, { orderBy: { position: 'asc' } });
    return rows.map((r) => ({
      origin: r.origin,
      name: r.name,
      position: r.position,
      description: r.description,
      ...(r.revision ? { revision: r.revision } : {}),
      updatedAt: r.updatedAt,
    }));
  }

  async recordSourceRevision(origin: string, revision: string): Promise<void> {
    await this.#em().nativeUpdate(
      RegistrySourceSchema,
      { origin },
      { revision, updatedAt: this.#clock.now() },
    );
  }

  async strayOrigins(configured: readonly string[]): Promise<string[]> {
    const rows = await this.#em()
      .getConnection()
      .execute<Array<{ origin: string }>>(
        `select distinct "origin" from "definition" where "removed_at" is null and "source" = 'MANIFEST'
         union select distinct "origin" from "manifest_state" where "state" in ('active', 'shadowed', 'invalid')`,
      );
    const known = new Set(configured);
    return rows
      .map((r) => r.origin)
      .filter((o) => !known.has(o))
      .sort();
  }

  async pathsOf(origin: string): Promise<string[]> {
    const em = this.#em();
    const [defs, states] = await Promise.all([
      em
        .createQueryBuilder(DefinitionSchema)
        .select(['path'])
        .where({ origin, source: 'MANIFEST', removedAt: null })
        .execute<Array<{ path: string }>>('all'),
      em
        .createQueryBuilder(ManifestStateSchema)
        .select(['path'])
        .where({ origin, state: { $in: ['active', 'shadowed', 'invalid'] } })
        .execute<Array<{ path: string }>>('all'),
    ]);
    return [...new Set([...defs, ...states].map((r) => r.path))].sort();
  }
}
