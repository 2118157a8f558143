import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  DefinitionSchema,
  RegistrySourceSchema,
  WorkspaceAttributeSchema,
  WorkspaceEntityTypeSchema,
  WorkspaceRelationshipSchema,
  WorkspaceSchema,
  WorkspaceTemplateSchema,
} from '../entities/index.js';
import type { WorkspaceRow, WorkspaceTemplateRow } from '../entities/index.js';
import { attributeValues, relationshipValues } from '../entities/definitionColumns.js';
import type {
  WorkspaceAttribute,
  WorkspaceEntityType,
  WorkspaceModel,
  WorkspaceRelationship,
} from '../../workspaces/WorkspaceModel.js';
import { stripUndefined } from '../../workspaces/WorkspaceModel.js';
import type {
  InstalledTemplate,
  ModelEdit,
  ModelEditContext,
  WorkspaceRepository,
} from '../../workspaces/ports.js';
import type { CatalogDocument, WorkspacePosition } from '../../workspaces/ports.js';

/**
 * The workspace tables. A model is read with three statements and written as a whole in one
 * transaction (delete the workspace's entity types and relationships, attributes going by
 * cascade, then batch inserts), together with the installed-template record it belongs to,
 * like the definition store's saveManifest: a workspace is never half edited.
 */
export class MikroOrmWorkspaceRepository implements WorkspaceRepository {
  readonly #orm: MikroORM;

  constructor(options: { orm: MikroORM }) {
    this.#orm = options.orm;
  }

  #em(): EntityManager {
    return this.#orm.em.fork() as unknown as EntityManager;
  }

  async createWorkspace(row: WorkspaceRow): Promise<void> {
    await this.#em().insert(WorkspaceSchema, row);
  }

  /** The workspace if `ownerId` owns it. */
  async findWorkspace(id: string, ownerId: string): Promise<WorkspaceRow | undefined> {
    const row = await this.#em().findOne(WorkspaceSchema, { id, ownerId });
    return row ? { ...row } : undefined;
  }

  /** A page of the owner's workspaces (a range scan of the (owner_id, created_at, id) index). */
  async listWorkspaces(
    ownerId: string,
    page: { after?: WorkspacePosition; limit: number },
  ): Promise<WorkspaceRow[]> {
    const after = page.after;
    const rows = await this.#em().find(
      WorkspaceSchema,
      {
        ownerId,
        ...(after
          ? {
              $or: [
                { createdAt: { $gt: after.createdAt } },
                { createdAt: after.createdAt, id: { $gt: after.id } },
              ],
            }
          : {}),
      },
      { orderBy: { createdAt: 'asc', id: 'asc' }, limit: page.limit },
    );
    return rows.map((r) => ({ ...r }));
  }

  /** The active catalog definition of a template or integration (never read from files). */
  async findDefinition<K extends 'template' | 'integration'>(
    kind: K,
    key: string,
  ): Promise<CatalogDocument | undefined> {
    const row = await this.#em().findOne(
      DefinitionSchema,
      { kind, key, source: 'MANIFEST', removedAt: null },
      { fields: ['key', 'checksum', 'revision', 'origin', 'document'] },
    );
    if (!row) return undefined;
    return {
      key: row.key,
      checksum: row.checksum,
      revision: row.revision,
      origin: row.origin,
      source: await this.sourceName(row.origin),
      document: row.document,
    };
  }

  /** The source's name from `registry_source` (a database synced before layering has no row). */
  async sourceName(origin: string): Promise<string> {
    const row = await this.#em().findOne(RegistrySourceSchema, { origin }, { fields: ['name'] });
    return row?.name ?? origin;
  }

  async listTemplates(workspaceId: string): Promise<InstalledTemplate[]> {
    const rows = await this.#em().find(
      WorkspaceTemplateSchema,
      { workspace: workspaceId },
      { orderBy: { installedAt: 'asc', templateKey: 'asc' } },
    );
    return rows.map(toInstalled);
  }

  async findTemplate(
    workspaceId: string,
    templateKey: string,
  ): Promise<InstalledTemplate | undefined> {
    const row = await this.#em().findOne(WorkspaceTemplateSchema, {
      workspace: workspaceId,
      templateKey,
    });
    return row ? toInstalled(row) : undefined;
  }

  loadModel(workspaceId: string): Promise<WorkspaceModel> {
    return this.#loadModel(this.#em(), workspaceId);
  }

  async #loadModel(em: EntityManager, workspaceId: string): Promise<WorkspaceModel> {
    // One after the other: inside a transaction the statements share one session.
    const entityTypes = await em.find(
      WorkspaceEntityTypeSchema,
      { workspace: workspaceId },
      { orderBy: { position: 'asc' } },
    );
    const relationships = await em.find(
      WorkspaceRelationshipSchema,
      { workspace: workspaceId },
      { orderBy: { position: 'asc' } },
    );
    const attributes = entityTypes.length
      ? await em.find(
          WorkspaceAttributeSchema,
          { entityType: { $in: entityTypes.map((e) => e.id) } },
          { orderBy: { position: 'asc' } },
        )
      : [];
    const byType = new Map<string, WorkspaceAttribute[]>();
    for (const a of attributes) {
      const list = byType.get(a.entityType.id) ?? [];
      list.push(
        stripUndefined({
          key: a.key,
          displayName: a.displayName ?? undefined,
          dataType: a.dataType,
          list: a.list || undefined,
          required: a.required || undefined,
          enumValues: a.enumValues ?? undefined,
          references: a.references ?? undefined,
          validation: a.validation ?? undefined,
          semantic: a.semantic ?? undefined,
          source: a.source,
          readonly: a.readonly,
        }) as WorkspaceAttribute,
      );
      byType.set(a.entityType.id, list);
    }
    return {
      entityTypes: entityTypes.map((et): WorkspaceEntityType => ({
        ...stripUndefined({
          key: et.key,
          displayName: et.displayName,
          description: et.description ?? undefined,
          primaryKey: et.primaryKey ?? undefined,
          semantic: et.semantic ?? undefined,
        }),
        attributes: byType.get(et.id) ?? [],
        source: et.source,
        readonly: et.readonly,
        origin: et.originKind && et.originKey ? { kind: et.originKind, key: et.originKey } : null,
      })),
      relationships: relationships.map((r): WorkspaceRelationship => ({
        ...stripUndefined({
          key: r.key,
          from: r.from,
          to: r.to,
          cardinality: r.cardinality,
          via: r.via ?? undefined,
          semantic: r.semantic ?? undefined,
        }),
        source: r.source,
        readonly: r.readonly,
        origin: r.originKind && r.originKey ? { kind: r.originKind, key: r.originKey } : null,
      })),
    };
  }

  /**
   * Edits a workspace's model in one transaction: locks the workspace row (two edits of one
   * workspace run one after the other, neither losing the other's change), loads the model,
   * lets `change` return the new model (and, when given, the installed-template record to
   * upsert), then replaces every row. `change` may throw to abort; nothing is written then.
   */
  async editModel<R>(options: {
    workspaceId: string;
    now: Date;
    change: (model: WorkspaceModel, context: ModelEditContext) => Promise<ModelEdit<R>>;
  }): Promise<R> {
    const { workspaceId, now } = options;
    return this.#em().transactional(async (em) => {
      await em
        .getConnection()
        .execute(
          'select id from workspace where id = ? for update',
          [workspaceId],
          'all',
          em.getTransactionContext(),
        );
      const current = await this.#loadModel(em, workspaceId);
      const found = async (key: string) => {
        const row = await em.findOne(WorkspaceTemplateSchema, {
          workspace: workspaceId,
          templateKey: key,
        });
        return row ? toInstalled(row) : undefined;
      };
      const { model, template, result } = await options.change(current, { findTemplate: found });
      if (model) await this.#replace(em, workspaceId, model, template, now);
      return result;
    });
  }

  async #replace(
    em: EntityManager,
    workspaceId: string,
    model: WorkspaceModel,
    template: Omit<InstalledTemplate, 'installedAt'> | undefined,
    now: Date,
  ): Promise<void> {
    await em.nativeDelete(WorkspaceEntityTypeSchema, { workspace: workspaceId });
    await em.nativeDelete(WorkspaceRelationshipSchema, { workspace: workspaceId });
    const typeRows = model.entityTypes.map((et, position) => ({
      id: randomUUID(),
      workspace: workspaceId,
      key: et.key,
      displayName: et.displayName,
      description: et.description ?? null,
      primaryKey: et.primaryKey ?? null,
      semantic: et.semantic ?? null,
      position,
      source: et.source,
      readonly: et.readonly,
      originKind: et.origin?.kind ?? null,
      originKey: et.origin?.key ?? null,
    }));
    const attributeRows = model.entityTypes.flatMap((et, i) =>
      et.attributes.map((a, position) => ({
        id: randomUUID(),
        entityType: typeRows[i]?.id as string,
        ...attributeValues(a),
        position,
        source: a.source,
        readonly: a.readonly,
      })),
    );
    const relationshipRows = model.relationships.map((r, position) => ({
      id: randomUUID(),
      workspace: workspaceId,
      ...relationshipValues(r),
      position,
      source: r.source,
      readonly: r.readonly,
      originKind: r.origin?.kind ?? null,
      originKey: r.origin?.key ?? null,
    }));
    for (const chunk of chunks(typeRows)) await em.insertMany(WorkspaceEntityTypeSchema, chunk);
    for (const chunk of chunks(attributeRows)) await em.insertMany(WorkspaceAttributeSchema, chunk);
    for (const chunk of chunks(relationshipRows))
      await em.insertMany(WorkspaceRelationshipSchema, chunk);
    const t = template;
    if (t) {
      const existing = await em.findOne(WorkspaceTemplateSchema, {
        workspace: workspaceId,
        templateKey: t.templateKey,
      });
      if (existing) {
        await em.nativeUpdate(
          WorkspaceTemplateSchema,
          { id: existing.id },
          {
            checksum: t.checksum,
            revision: t.revision,
            origin: t.origin,
            base: t.base,
            upgradedAt: t.upgradedAt,
          },
        );
      } else {
        await em.insert(WorkspaceTemplateSchema, {
          id: randomUUID(),
          workspace: workspaceId,
          templateKey: t.templateKey,
          checksum: t.checksum,
          revision: t.revision,
          origin: t.origin,
          base: t.base,
          installedAt: now,
          upgradedAt: t.upgradedAt,
        });
      }
    }
    await em.nativeUpdate(WorkspaceSchema, { id: workspaceId }, { updatedAt: now });
  }
}

function toInstalled(row: WorkspaceTemplateRow): InstalledTemplate {
  return {
    templateKey: row.templateKey,
    checksum: row.checksum,
    revision: row.revision,
    origin: row.origin,
    base: row.base,
    installedAt: row.installedAt,
    upgradedAt: row.upgradedAt ?? null,
  };
}

/** Chunks of 1,000 rows: under PostgreSQL's 65,535 bind parameters. */
function chunks<T>(rows: T[], size = 1000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
