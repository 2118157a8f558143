/**
 * The port the workspace service speaks to. `MikroOrmWorkspaceRepository` (src/db/workspaces)
 * implements it on PGlite and PostgreSQL, `InMemoryWorkspaceRepository` (./testing) in memory;
 * both run the same contract (test/contracts/workspaceRepository.cases.ts).
 */
import type { Manifest, TemplateManifest } from '../manifest/types.js';
import type { WorkspaceModel } from './WorkspaceModel.js';

/** A user's workspace (its model is read and written apart, through `loadModel`/`editModel`). */
export interface WorkspaceRecord {
  id: string;
  /** The authenticated user who created it. */
  ownerId: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Where a page of an owner's workspaces ends: the (`createdAt`, `id`) of its last one. */
export type WorkspacePosition = Pick<WorkspaceRecord, 'createdAt' | 'id'>;

/** A catalog definition as the workspace service needs it. */
export interface CatalogDocument<M extends Manifest = Manifest> {
  key: string;
  checksum: string;
  revision: string;
  /** The registry source serving it: its recorded origin (`registry_source.origin`). */
  origin: string;
  /** That source's configured name (the origin itself when no source row names it). */
  source: string;
  document: M;
}

/** An installed template as stored. */
export interface InstalledTemplate {
  templateKey: string;
  checksum: string;
  revision: string;
  /** The origin of the source it was installed (or last upgraded) from. */
  origin: string;
  base: TemplateManifest;
  installedAt: Date;
  upgradedAt: Date | null;
}

/** What an edit of a workspace model returns: the new model (none: write nothing), the template record to upsert, the caller's result. */
export interface ModelEdit<R> {
  model?: WorkspaceModel;
  template?: Omit<InstalledTemplate, 'installedAt'>;
  result: R;
}

/** Reads available to an edit inside its transaction. */
export interface ModelEditContext {
  findTemplate(key: string): Promise<InstalledTemplate | undefined>;
}

/**
 * Workspaces, their models and installed templates, plus the catalog read they need. A model
 * is written whole or not at all: `editModel` is the only writer of a model and serializes
 * edits of one workspace.
 */
export interface WorkspaceRepository {
  /** Inserts a workspace (with an empty model); throws when the id exists. */
  createWorkspace(row: WorkspaceRecord): Promise<void>;
  /** The workspace if `ownerId` owns it; undefined for another owner. */
  findWorkspace(id: string, ownerId: string): Promise<WorkspaceRecord | undefined>;
  /**
   * One page of the owner's workspaces, oldest first (`createdAt`, then id): those after
   * `after`, at most `limit`.
   */
  listWorkspaces(
    ownerId: string,
    page: { after?: WorkspacePosition; limit: number },
  ): Promise<WorkspaceRecord[]>;
  /** The active (not removed) catalog definition of a template or integration, or undefined. */
  findDefinition<K extends 'template' | 'integration'>(
    kind: K,
    key: string,
  ): Promise<CatalogDocument | undefined>;
  /** The configured name of the source with this origin (the origin itself when none has it). */
  sourceName(origin: string): Promise<string>;
  /** The workspace's installed templates, oldest first. */
  listTemplates(workspaceId: string): Promise<InstalledTemplate[]>;
  /** One installed template of the workspace, or undefined. */
  findTemplate(workspaceId: string, templateKey: string): Promise<InstalledTemplate | undefined>;
  /**
   * The workspace's model, elements in their stored order; properties without a value are
   * absent (never `undefined` or `null`), as JSON keeps them.
   */
  loadModel(workspaceId: string): Promise<WorkspaceModel>;
  /**
   * Edits a workspace's model in one transaction: edits of one workspace run one after the
   * other (neither loses the other's change); `change` sees the current model and returns the
   * new one (and, when given, the installed-template record to upsert), then every row is
   * replaced and the workspace's `updatedAt` set to `now`. When `change` throws, or returns
   * no model, nothing is written.
   */
  editModel<R>(options: {
    workspaceId: string;
    now: Date;
    change: (model: WorkspaceModel, context: ModelEditContext) => Promise<ModelEdit<R>>;
  }): Promise<R>;
}
