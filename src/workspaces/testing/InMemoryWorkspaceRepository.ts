import type { Manifest } from '../../manifest/types.js';
import type {
  CatalogDocument,
  InstalledTemplate,
  ModelEdit,
  ModelEditContext,
  WorkspacePosition,
  WorkspaceRecord,
  WorkspaceRepository,
} from '../ports.js';
import type { WorkspaceModel } from '../WorkspaceModel.js';

interface StoredWorkspace {
  row: WorkspaceRecord;
  model: WorkspaceModel;
  templates: Map<string, InstalledTemplate>;
  /** The tail of this workspace's edits: the next edit waits for it (the row lock). */
  editing: Promise<unknown>;
}

/**
 * The WorkspaceRepository contract in memory, for tests of the workspace service without a
 * database. Runs the same contract as MikroOrmWorkspaceRepository
 * (test/contracts/workspaceRepository.cases.ts): edits of one workspace run one after the
 * other, an edit that throws writes nothing, and a model comes back as JSON keeps it
 * (no `undefined` or `null` properties). The catalog it reads is what `publish` put there.
 */
export class InMemoryWorkspaceRepository implements WorkspaceRepository {
  readonly #workspaces = new Map<string, StoredWorkspace>();
  readonly #catalog = new Map<string, CatalogDocument>();
  readonly #sourceNames = new Map<string, string>();

  /** Names the source of an origin (as `registry_source` does); unnamed origins are their own name. */
  nameSource(origin: string, name: string): void {
    this.#sourceNames.set(origin, name);
  }

  async sourceName(origin: string): Promise<string> {
    return this.#sourceNames.get(origin) ?? origin;
  }

  /** Makes a definition's current version visible to `findDefinition` (a sync wrote it). */
  publish(kind: 'template' | 'integration', definition: CatalogDocument): void {
    this.#catalog.set(`${kind}/${definition.key}`, structuredClone(definition));
  }

  /** Removes a definition from the catalog (its manifest left the registry). */
  unpublish(kind: 'template' | 'integration', key: string): void {
    this.#catalog.delete(`${kind}/${key}`);
  }

  async createWorkspace(row: WorkspaceRecord): Promise<void> {
    if (this.#workspaces.has(row.id)) throw new Error(`duplicate key: workspace ${row.id} exists`);
    this.#workspaces.set(row.id, {
      row: structuredClone(row),
      model: { entityTypes: [], relationships: [] },
      templates: new Map(),
      editing: Promise.resolve(),
    });
  }

  async findWorkspace(id: string, ownerId: string): Promise<WorkspaceRecord | undefined> {
    const found = this.#workspaces.get(id);
    return found && found.row.ownerId === ownerId ? structuredClone(found.row) : undefined;
  }

  async listWorkspaces(
    ownerId: string,
    page: { after?: WorkspacePosition; limit: number },
  ): Promise<WorkspaceRecord[]> {
    const order = (a: WorkspacePosition, b: WorkspacePosition) =>
      a.createdAt.getTime() - b.createdAt.getTime() || compare(a.id, b.id);
    const after = page.after;
    return [...this.#workspaces.values()]
      .map((w) => w.row)
      .filter((r) => r.ownerId === ownerId && (!after || order(r, after) > 0))
      .sort(order)
      .slice(0, page.limit)
      .map((r) => structuredClone(r));
  }

  async findDefinition<K extends 'template' | 'integration'>(
    kind: K,
    key: string,
  ): Promise<CatalogDocument<Manifest> | undefined> {
    const found = this.#catalog.get(`${kind}/${key}`);
    return found ? structuredClone(found) : undefined;
  }

  async listTemplates(workspaceId: string): Promise<InstalledTemplate[]> {
    return [...(this.#workspaces.get(workspaceId)?.templates.values() ?? [])]
      .sort(
        (a, b) =>
          a.installedAt.getTime() - b.installedAt.getTime() ||
          compare(a.templateKey, b.templateKey),
      )
      .map((t) => structuredClone(t));
  }

  async findTemplate(
    workspaceId: string,
    templateKey: string,
  ): Promise<InstalledTemplate | undefined> {
    const found = this.#workspaces.get(workspaceId)?.templates.get(templateKey);
    return found ? structuredClone(found) : undefined;
  }

  async loadModel(workspaceId: string): Promise<WorkspaceModel> {
    const found = this.#workspaces.get(workspaceId);
    return found ? asStored(found.model) : { entityTypes: [], relationships: [] };
  }

  editModel<R>(options: {
    workspaceId: string;
    now: Date;
    change: (model: WorkspaceModel, context: ModelEditContext) => Promise<ModelEdit<R>>;
  }): Promise<R> {
    const found = this.#workspaces.get(options.workspaceId);
    // As the database: without the workspace row an edit sees an empty model, and writing
    // one fails (its rows would reference no workspace).
    if (!found)
      return options.change({ entityTypes: [], relationships: [] }, noTemplates).then((edit) => {
        if (edit.model) throw new Error(`no workspace ${options.workspaceId}`);
        return edit.result;
      });
    const run = found.editing.then(async () => {
      const context: ModelEditContext = {
        findTemplate: async (key) => {
          const t = found.templates.get(key);
          return t ? structuredClone(t) : undefined;
        },
      };
      const { model, template, result } = await options.change(asStored(found.model), context);
      if (!model) return result;
      // Everything is computed before anything is assigned: a throw above writes nothing.
      found.model = asStored(model);
      if (template) {
        const existing = found.templates.get(template.templateKey);
        found.templates.set(template.templateKey, {
          ...structuredClone(template),
          installedAt: existing?.installedAt ?? new Date(options.now),
        });
      }
      found.row = { ...found.row, updatedAt: new Date(options.now) };
      return result;
    });
    found.editing = run.catch(() => undefined);
    return run;
  }
}

const noTemplates: ModelEditContext = { findTemplate: async () => undefined };

/**
 * The model as the database gives it back: JSON values, no undefined or null properties
 * (`origin: null` is the one null the model keeps), and an attribute's `list` and
 * `required` absent unless true.
 */
function asStored(model: WorkspaceModel): WorkspaceModel {
  return JSON.parse(
    JSON.stringify(model, (key, value: unknown) => {
      if (value === null && key !== 'origin') return undefined;
      if ((key === 'list' || key === 'required') && value === false) return undefined;
      return value;
    }),
  ) as WorkspaceModel;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
