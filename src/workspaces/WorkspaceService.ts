import { randomUUID } from 'node:crypto';
import type {
  InstalledTemplate,
  ModelEdit,
  ModelEditContext,
  WorkspacePosition,
  WorkspaceRepository,
} from './ports.js';
import { canonicalJson } from '../manifest/checksum.js';
import type {
  Attribute,
  EntityType,
  IntegrationManifest,
  TemplateManifest,
} from '../manifest/types.js';
import {
  applyTemplateChanges,
  compareTemplate,
  copyEntityType,
  resolveConflicts,
} from './threeWayMerge.js';
import type { ConflictResolution, TemplateChange } from './threeWayMerge.js';
import { validateWorkspaceModel } from './validateWorkspaceModel.js';
import { WorkspaceError } from './WorkspaceError.js';
import type { WorkspaceAttribute, WorkspaceEntityType, WorkspaceModel } from './WorkspaceModel.js';
import { isUuid } from '../manifest/uuid.js';

/** A workspace in a list. */
export interface WorkspaceSummary {
  id: string;
  ownerId: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * A template installed in a workspace: at which checksum and revision, and when it was
 * installed and last upgraded.
 */
export interface InstalledTemplateView {
  key: string;
  checksum: string;
  revision: string;
  /** The registry source it was installed (or last upgraded) from, by name. */
  source: string;
  installedAt: string;
  upgradedAt: string | null;
}

/** A workspace with its installed templates and its own model. */
export interface WorkspaceView extends WorkspaceSummary {
  templates: InstalledTemplateView[];
  entityTypes: WorkspaceEntityType[];
  relationships: WorkspaceModel['relationships'];
}

/**
 * What upgrading one installed template would do: the installed and current versions, every
 * change with its status, and the counts.
 */
export interface TemplateChangesView {
  template: string;
  installed: { checksum: string; revision: string; source: string };
  current: { checksum: string; revision: string; source: string };
  /**
   * Set when the catalog now serves this key from another source than the one the workspace
   * installed it from (an overlay overrides it, or stopped doing so): the upgrade is refused
   * (TEMPLATE_SOURCE_CHANGED) unless it names `current.source` in `acceptSource`.
   */
  sourceChange: SourceChangeFinding | null;
  changes: TemplateChange[];
  counts: { applicable: number; alreadyApplied: number; conflict: number };
}

/** The finding `template-source-changed`: the installed template's source and the serving one. */
export interface SourceChangeFinding {
  rule: 'template-source-changed';
  from: string;
  to: string;
  message: string;
}

/**
 * What an upgrade did: the changes applied, the conflicts settled by `resolve`, and the
 * conflicts left.
 */
export interface UpgradeResult extends TemplateChangesView {
  applied: TemplateChange[];
  /** Conflicts settled by the request's `resolve` choices, each with its `resolution`. */
  resolved: TemplateChange[];
  conflicts: TemplateChange[];
}

/** Edits of an entity type's own fields; `key` renames (references and relationships follow). */
export interface EntityTypePatch {
  key?: string;
  displayName?: string;
  description?: string | null;
  primaryKey?: string | null;
  semantic?: EntityType['semantic'] | null;
}

/** Edits of an attribute: `key` renames, `dataType` retypes; `null` removes an optional field. */
export type AttributePatch = { [K in keyof Attribute]?: Attribute[K] | null };

/**
 * Workspaces own editable copies of templates (and readonly copies of integration entity
 * types). Every edit loads the model, changes a copy, validates the result with the manifest
 * validator and saves the whole model in one transaction. Only the owner reaches a workspace;
 * anyone else gets NOT_FOUND.
 */
export class WorkspaceService {
  readonly #repo: WorkspaceRepository;
  readonly #now: () => Date;

  constructor(options: { repo: WorkspaceRepository; now?: () => Date }) {
    this.#repo = options.repo;
    this.#now = options.now ?? (() => new Date());
  }

  async create(ownerId: string, input: { name: string }): Promise<WorkspaceView> {
    const now = this.#now();
    const row = { id: randomUUID(), ownerId, name: input.name, createdAt: now, updatedAt: now };
    await this.#repo.createWorkspace(row);
    return this.get(ownerId, row.id);
  }

  /** One page of the owner's workspaces, oldest first, and where the next starts (null on the last). */
  async list(
    ownerId: string,
    page: { after?: WorkspacePosition; limit: number },
  ): Promise<{ items: WorkspaceSummary[]; next: WorkspacePosition | null }> {
    // One row more than the page tells whether there is a next one.
    const rows = await this.#repo.listWorkspaces(ownerId, { ...page, limit: page.limit + 1 });
    const items = rows.slice(0, page.limit);
    const last = items.at(-1);
    return {
      items: items.map(summary),
      next: rows.length > page.limit && last ? { createdAt: last.createdAt, id: last.id } : null,
    };
  }

  async get(ownerId: string, id: string): Promise<WorkspaceView> {
    const workspace = await this.#workspace(ownerId, id);
    const [model, templates] = await Promise.all([
      this.#repo.loadModel(id),
      this.#repo.listTemplates(id),
    ]);
    const names = new Map<string, string>();
    for (const t of templates)
      if (!names.has(t.origin)) names.set(t.origin, await this.#repo.sourceName(t.origin));
    return {
      ...summary(workspace),
      templates: templates.map((t) => templateView(t, names.get(t.origin) ?? t.origin)),
      ...model,
    };
  }

  /** Copies a template from the catalog into the workspace and records it (the merge base). */
  async installTemplate(ownerId: string, id: string, templateKey: string): Promise<WorkspaceView> {
    const workspace = await this.#workspace(ownerId, id);
    const definition = await this.#repo.findDefinition('template', templateKey);
    if (!definition) {
      throw new WorkspaceError(
        'TEMPLATE_NOT_FOUND',
        `no template ${JSON.stringify(templateKey)} in the catalog`,
        {
          errors: [
            {
              pointer: '/template',
              rule: 'template-exists',
              message: `no template ${JSON.stringify(templateKey)} in the catalog`,
            },
          ],
        },
      );
    }
    const template = definition.document as TemplateManifest;
    await this.#write(workspace.name, id, async (model, tx) => {
      if (await tx.findTemplate(templateKey)) {
        throw new WorkspaceError(
          'TEMPLATE_ALREADY_INSTALLED',
          `template ${JSON.stringify(templateKey)} is already installed; use .../templates/${templateKey}/upgrade`,
        );
      }
      this.#refuseTakenKeys(
        model,
        template.entityTypes.map((et) => et.key),
        (template.relationships ?? []).map((r) => r.key),
      );
      const origin = { kind: 'template' as const, key: templateKey };
      model.entityTypes.push(...template.entityTypes.map((et) => copyEntityType(et, origin)));
      model.relationships.push(
        ...(template.relationships ?? []).map((r) => ({
          ...structuredClone(r),
          source: 'TEMPLATE' as const,
          readonly: false,
          origin,
        })),
      );
      return {
        model,
        template: {
          templateKey,
          checksum: definition.checksum,
          revision: definition.revision,
          origin: definition.origin,
          base: template,
          upgradedAt: null,
        },
        result: undefined,
      };
    });
    return this.get(ownerId, id);
  }

  /** Adds an integration's entity types and relationships as readonly copies (source MANIFEST). */
  async addIntegration(
    ownerId: string,
    id: string,
    integrationKey: string,
  ): Promise<WorkspaceView> {
    const workspace = await this.#workspace(ownerId, id);
    const definition = await this.#repo.findDefinition('integration', integrationKey);
    if (!definition) {
      throw new WorkspaceError(
        'TEMPLATE_NOT_FOUND',
        `no integration ${JSON.stringify(integrationKey)} in the catalog`,
        {
          errors: [
            {
              pointer: '/integration',
              rule: 'integration-exists',
              message: `no integration ${JSON.stringify(integrationKey)} in the catalog`,
            },
          ],
        },
      );
    }
    const manifest = definition.document as IntegrationManifest;
    await this.#write(workspace.name, id, async (model) => {
      this.#refuseTakenKeys(
        model,
        manifest.entityTypes.map((et) => et.key),
        (manifest.relationships ?? []).map((r) => r.key),
      );
      const origin = { kind: 'integration' as const, key: integrationKey };
      model.entityTypes.push(...manifest.entityTypes.map((et) => copyEntityType(et, origin)));
      model.relationships.push(
        ...(manifest.relationships ?? []).map((r) => ({
          ...structuredClone(r),
          source: 'MANIFEST' as const,
          readonly: true,
          origin,
        })),
      );
      return { model, result: undefined };
    });
    return this.get(ownerId, id);
  }

  async addEntityType(ownerId: string, id: string, input: EntityType): Promise<WorkspaceView> {
    return this.#edit(ownerId, id, (model) => {
      if (model.entityTypes.some((et) => et.key === input.key))
        throw new WorkspaceError(
          'KEY_CONFLICT',
          `entity type "${input.key}" already exists in this workspace`,
        );
      const { readonly: _readonly, attributes, ...header } = input;
      model.entityTypes.push({
        ...header,
        attributes: (attributes ?? []).map((a) => ({ ...a, source: 'RUNTIME', readonly: false })),
        source: 'RUNTIME',
        readonly: false,
        origin: null,
      });
    });
  }

  async updateEntityType(
    ownerId: string,
    id: string,
    key: string,
    patch: EntityTypePatch,
  ): Promise<WorkspaceView> {
    return this.#edit(ownerId, id, (model) => {
      const et = editable(model, key);
      for (const field of ['displayName', 'description', 'primaryKey', 'semantic'] as const) {
        if (patch[field] === null) delete et[field];
        else if (patch[field] !== undefined) Object.assign(et, { [field]: patch[field] });
      }
      if (patch.key !== undefined && patch.key !== key) {
        if (model.entityTypes.some((x) => x.key === patch.key))
          throw new WorkspaceError(
            'KEY_CONFLICT',
            `entity type "${patch.key}" already exists in this workspace`,
          );
        et.key = patch.key;
        // A rename carries the references to it along (readonly copies never point at workspace types).
        for (const other of model.entityTypes)
          for (const a of other.attributes)
            if (a.references === key && !other.readonly) a.references = patch.key;
        for (const r of model.relationships) {
          if (r.readonly) continue;
          if (r.from === key) r.from = patch.key;
          if (r.to === key) r.to = patch.key;
        }
      }
    });
  }

  async removeEntityType(ownerId: string, id: string, key: string): Promise<WorkspaceView> {
    return this.#edit(ownerId, id, (model) => {
      editable(model, key);
      model.entityTypes = model.entityTypes.filter((et) => et.key !== key);
    });
  }

  async addAttribute(
    ownerId: string,
    id: string,
    entityType: string,
    input: Attribute,
  ): Promise<WorkspaceView> {
    return this.#edit(ownerId, id, (model) => {
      const et = editable(model, entityType);
      if (et.attributes.some((a) => a.key === input.key))
        throw new WorkspaceError(
          'KEY_CONFLICT',
          `attribute "${input.key}" already exists on "${entityType}"`,
        );
      et.attributes.push({ ...input, source: 'RUNTIME', readonly: false });
    });
  }

  async updateAttribute(
    ownerId: string,
    id: string,
    entityType: string,
    key: string,
    patch: AttributePatch,
  ): Promise<WorkspaceView> {
    return this.#edit(ownerId, id, (model) => {
      const et = editable(model, entityType);
      const attribute = findAttribute(et, key);
      if (
        patch.key !== undefined &&
        patch.key !== null &&
        patch.key !== key &&
        et.attributes.some((a) => a.key === patch.key)
      ) {
        throw new WorkspaceError(
          'KEY_CONFLICT',
          `attribute "${patch.key}" already exists on "${entityType}"`,
        );
      }
      for (const [field, value] of Object.entries(patch)) {
        if (value === null) delete (attribute as unknown as Record<string, unknown>)[field];
        else if (value !== undefined)
          (attribute as unknown as Record<string, unknown>)[field] = value;
      }
      // A retype drops fields that belonged to the old type, unless the patch sets them.
      if (patch.dataType && patch.dataType !== 'enum' && patch.enumValues === undefined)
        delete attribute.enumValues;
      if (patch.dataType && patch.dataType !== 'reference' && patch.references === undefined)
        delete attribute.references;
      if (patch.key && patch.key !== key) {
        if (et.primaryKey === key) et.primaryKey = patch.key;
        for (const r of model.relationships)
          if (!r.readonly && r.from === entityType && r.via === key) r.via = patch.key;
      }
    });
  }

  async removeAttribute(
    ownerId: string,
    id: string,
    entityType: string,
    key: string,
  ): Promise<WorkspaceView> {
    return this.#edit(ownerId, id, (model) => {
      const et = editable(model, entityType);
      findAttribute(et, key);
      et.attributes = et.attributes.filter((a) => a.key !== key);
    });
  }

  /** What changed in the catalog's template since install (or the last upgrade), three-way. */
  async templateChanges(
    ownerId: string,
    id: string,
    templateKey: string,
  ): Promise<TemplateChangesView> {
    await this.#workspace(ownerId, id);
    const { installed, current, model } = await this.#upgradeInputs(id, templateKey);
    const changes = compareTemplate({
      base: installed.base,
      theirs: current.document as TemplateManifest,
      ours: model,
    });
    const installedSource = await this.#repo.sourceName(installed.origin);
    return changesView(templateKey, { ...installed, source: installedSource }, current, changes);
  }

  /**
   * Applies upstream changes that do not conflict with the workspace's edits, keeps those
   * edits, reports conflicts without applying them. Repeating it applies nothing more and
   * reports the same conflicts. `resolutions` settle reported conflicts (keep ours, or take
   * theirs); a resolution that matches no conflict, or cannot be applied, refuses the whole
   * upgrade (RESOLUTION_INVALID) and nothing changes. When the catalog now serves the key
   * from another source than the installed one, the upgrade is refused
   * (TEMPLATE_SOURCE_CHANGED) unless `acceptSource` names the serving source; then the
   * workspace records that source.
   */
  async upgradeTemplate(
    ownerId: string,
    id: string,
    templateKey: string,
    resolutions: ConflictResolution[] = [],
    options: { acceptSource?: string } = {},
  ): Promise<UpgradeResult> {
    const workspace = await this.#workspace(ownerId, id);
    const current = await this.#currentTemplate(templateKey);
    const theirs = current.document as TemplateManifest;
    // Source names are read before the transaction: on PGlite (one connection) a read beside
    // an open transaction waits for it.
    const seen = await this.#repo.findTemplate(id, templateKey);
    const seenOrigin = seen?.origin ?? current.origin;
    const seenSource = await this.#repo.sourceName(seenOrigin);
    return this.#write(workspace.name, id, async (model, tx) => {
      const installed = await tx.findTemplate(templateKey);
      if (!installed) throw notInstalled(templateKey);
      const installedSource = installed.origin === seenOrigin ? seenSource : installed.origin;
      const moved = sourceChange(templateKey, installedSource, installed.origin, current);
      const accept = options.acceptSource;
      if (
        (moved && accept !== current.source) ||
        (accept !== undefined && accept !== current.source)
      ) {
        const message = moved
          ? `${moved.message}; repeat the upgrade with "acceptSource": ${JSON.stringify(current.source)} to move the workspace to it`
          : `"acceptSource" names ${JSON.stringify(accept)}, but template ${JSON.stringify(templateKey)} is served by source ${JSON.stringify(current.source)}`;
        throw new WorkspaceError('TEMPLATE_SOURCE_CHANGED', message, {
          errors: [{ pointer: '/acceptSource', rule: 'template-source-changed', message }],
        });
      }
      let changes = compareTemplate({ base: installed.base, theirs, ours: model });
      let ours = model;
      let resolved: TemplateChange[] = [];
      if (resolutions.length > 0) {
        const outcome = resolveConflicts({ theirs, ours: model, changes, resolutions });
        if (!outcome.ok) {
          throw new WorkspaceError('RESOLUTION_INVALID', outcome.message, {
            errors: [
              {
                pointer: `/resolve/${outcome.index}`,
                rule: 'resolution',
                message: outcome.message,
              },
            ],
          });
        }
        ({ model: ours, changes, resolved } = outcome);
      }
      const applied = changes.filter((c) => c.status === 'applicable');
      const merged = applyTemplateChanges({ base: installed.base, theirs, ours, changes });
      const upgraded = {
        templateKey,
        checksum: current.checksum,
        revision: current.revision,
        origin: current.origin,
        base: merged.nextBase,
        upgradedAt: this.#now(),
      };
      const unchanged =
        applied.length === 0 &&
        resolved.length === 0 &&
        installed.checksum === current.checksum &&
        installed.origin === current.origin &&
        canonicalJson(merged.nextBase) === canonicalJson(installed.base);
      return {
        // Nothing to apply and already at this version: nothing is written (a repeated upgrade).
        ...(unchanged ? {} : { model: merged.model, template: upgraded }),
        result: {
          ...changesView(
            templateKey,
            unchanged
              ? { ...installed, source: installedSource }
              : { ...upgraded, source: current.source },
            current,
            changes,
          ),
          applied,
          resolved,
          conflicts: changes.filter((c) => c.status === 'conflict'),
        },
      };
    });
  }

  async #upgradeInputs(id: string, templateKey: string) {
    const installed = await this.#repo.findTemplate(id, templateKey);
    if (!installed) throw notInstalled(templateKey);
    const current = await this.#currentTemplate(templateKey);
    return { installed, current, model: await this.#repo.loadModel(id) };
  }

  async #currentTemplate(templateKey: string) {
    const current = await this.#repo.findDefinition('template', templateKey);
    if (!current)
      throw new WorkspaceError(
        'TEMPLATE_NOT_FOUND',
        `template ${JSON.stringify(templateKey)} is no longer in the catalog; the workspace keeps its copy`,
      );
    return current;
  }

  async #edit(
    ownerId: string,
    id: string,
    change: (model: WorkspaceModel) => void,
  ): Promise<WorkspaceView> {
    const workspace = await this.#workspace(ownerId, id);
    await this.#write(workspace.name, id, async (model) => {
      change(model);
      return { model, result: undefined };
    });
    return this.get(ownerId, id);
  }

  /** One locked read-change-validate-write of the model (WorkspaceRepository.editModel). */
  #write<R>(
    name: string,
    id: string,
    change: (model: WorkspaceModel, context: ModelEditContext) => Promise<ModelEdit<R>>,
  ): Promise<R> {
    return this.#repo.editModel<R>({
      workspaceId: id,
      now: this.#now(),
      change: async (model, tx) => {
        const next = await change(model, tx);
        if (!next.model) return next;
        const errors = validateWorkspaceModel(next.model, name);
        if (errors.length > 0)
          throw new WorkspaceError(
            'MODEL_INVALID',
            `the workspace model would be invalid: ${errors[0]?.message ?? ''}`,
            { errors },
          );
        return next;
      },
    });
  }

  #refuseTakenKeys(model: WorkspaceModel, entityTypes: string[], relationships: string[]): void {
    const taken = entityTypes.filter((k) => model.entityTypes.some((et) => et.key === k));
    const takenRels = relationships.filter((k) => model.relationships.some((r) => r.key === k));
    if (taken.length > 0 || takenRels.length > 0) {
      throw new WorkspaceError(
        'KEY_CONFLICT',
        `the workspace already has ${[...taken.map((k) => `entity type "${k}"`), ...takenRels.map((k) => `relationship "${k}"`)].join(', ')}`,
      );
    }
  }

  async #workspace(ownerId: string, id: string) {
    const row = isUuid(id) ? await this.#repo.findWorkspace(id, ownerId) : undefined;
    if (!row)
      throw new WorkspaceError('NOT_FOUND', `no workspace ${JSON.stringify(id.slice(0, 64))}`);
    return row;
  }
}

function notInstalled(templateKey: string): WorkspaceError {
  return new WorkspaceError(
    'TEMPLATE_NOT_INSTALLED',
    `template ${JSON.stringify(templateKey)} is not installed in this workspace`,
  );
}

function editable(model: WorkspaceModel, key: string): WorkspaceEntityType {
  const et = model.entityTypes.find((x) => x.key === key);
  if (!et) throw new WorkspaceError('NOT_FOUND', `no entity type "${key}" in this workspace`);
  if (et.readonly) {
    throw new WorkspaceError(
      'READONLY_COPY',
      `entity type "${key}" is a readonly copy of ${et.origin ? `${et.origin.kind} "${et.origin.key}"` : 'the registry'}; it changes only through the registry`,
    );
  }
  return et;
}

function findAttribute(et: WorkspaceEntityType, key: string): WorkspaceAttribute {
  const attribute = et.attributes.find((a) => a.key === key);
  if (!attribute) throw new WorkspaceError('NOT_FOUND', `no attribute "${key}" on "${et.key}"`);
  if (attribute.readonly)
    throw new WorkspaceError('READONLY_COPY', `attribute "${key}" of "${et.key}" is readonly`);
  return attribute;
}

function summary(row: {
  id: string;
  ownerId: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}): WorkspaceSummary {
  return {
    id: row.id,
    ownerId: row.ownerId,
    name: row.name,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function templateView(t: InstalledTemplate, source: string): InstalledTemplateView {
  return {
    key: t.templateKey,
    checksum: t.checksum,
    revision: t.revision,
    source,
    installedAt: t.installedAt.toISOString(),
    upgradedAt: t.upgradedAt?.toISOString() ?? null,
  };
}

/**
 * The finding when the catalog serves `templateKey` from another source than the installed
 * one (compared by origin, the stable id: a renamed source is the same source), else null.
 */
function sourceChange(
  templateKey: string,
  installedSource: string,
  installedOrigin: string,
  current: { origin: string; source: string },
): SourceChangeFinding | null {
  if (installedOrigin === current.origin) return null;
  return {
    rule: 'template-source-changed',
    from: installedSource,
    to: current.source,
    message: `template ${JSON.stringify(templateKey)} was installed from source ${JSON.stringify(installedSource)} but is now served by source ${JSON.stringify(current.source)}`,
  };
}

function changesView(
  template: string,
  installed: { checksum: string; revision: string; origin: string; source: string },
  current: { checksum: string; revision: string; origin: string; source: string },
  changes: TemplateChange[],
): TemplateChangesView {
  const count = (status: TemplateChange['status']) =>
    changes.filter((c) => c.status === status).length;
  return {
    template,
    installed: {
      checksum: installed.checksum,
      revision: installed.revision,
      source: installed.source,
    },
    current: { checksum: current.checksum, revision: current.revision, source: current.source },
    sourceChange: sourceChange(template, installed.source, installed.origin, current),
    changes,
    counts: {
      applicable: count('applicable'),
      alreadyApplied: count('alreadyApplied'),
      conflict: count('conflict'),
    },
  };
}
