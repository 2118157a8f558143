import { canonicalJson } from '../manifest/checksum.js';
import type { Attribute, EntityType, Relationship, TemplateManifest } from '../manifest/types.js';
import { entityTypeHeader, plainAttribute, plainRelationship } from './WorkspaceModel.js';
import type { WorkspaceEntityType, WorkspaceModel } from './WorkspaceModel.js';

/** What upstream did to one element between the merge base and the current template. */
export type UpstreamChange = 'added' | 'removed' | 'changed';

/**
 * How that change meets the workspace: `applicable` (the workspace left the element as it was
 * in the base, so the upgrade takes upstream's version), `alreadyApplied` (the workspace
 * already has upstream's version), `conflict` (the workspace changed it too: kept as it is).
 */
export type ChangeStatus = 'applicable' | 'alreadyApplied' | 'conflict';

/**
 * One upstream change of an installed template, against the workspace's model: the element,
 * what upstream did, and whether it applies, is already applied, or conflicts.
 */
export interface TemplateChange {
  element: 'entityType' | 'attribute' | 'relationship';
  /** Entity type key; for an attribute its entity type. */
  entityType?: string;
  key: string;
  change: UpstreamChange;
  status: ChangeStatus;
  /** Why it conflicts, in words. */
  reason?: string;
  base?: unknown;
  theirs?: unknown;
  ours?: unknown;
  /** How the caller settled this conflict in an upgrade (resolveConflicts). */
  resolution?: 'ours' | 'theirs';
}

type Values = Map<string, unknown>;

/** Element id to its comparable value: entity type headers, attributes, relationships. */
function elementsOfTemplate(doc: TemplateManifest): Values {
  const out: Values = new Map();
  for (const et of doc.entityTypes) {
    out.set(idOf('entityType', et.key), entityTypeHeader(et));
    for (const a of et.attributes) out.set(idOf('attribute', a.key, et.key), normalizeAttribute(a));
  }
  for (const r of doc.relationships ?? [])
    out.set(idOf('relationship', r.key), plainRelationship(r));
  return out;
}

/** The workspace's elements that came from template `key` (with every attribute of its entity types). */
function elementsOfWorkspace(model: WorkspaceModel, templateKey: string): Values {
  const out: Values = new Map();
  for (const et of model.entityTypes) {
    if (et.origin?.kind !== 'template' || et.origin.key !== templateKey) continue;
    out.set(idOf('entityType', et.key), entityTypeHeader(et));
    for (const a of et.attributes)
      out.set(idOf('attribute', a.key, et.key), normalizeAttribute(plainAttribute(a)));
  }
  for (const r of model.relationships) {
    if (r.origin?.kind === 'template' && r.origin.key === templateKey)
      out.set(idOf('relationship', r.key), plainRelationship(r));
  }
  return out;
}

/** `list: false` and `required: false` are the defaults: compare them as absent. */
function normalizeAttribute(a: Attribute): Attribute {
  const copy: Attribute = { ...a };
  if (!copy.list) delete copy.list;
  if (!copy.required) delete copy.required;
  return copy;
}

function idOf(element: TemplateChange['element'], key: string, entityType?: string): string {
  return element === 'attribute'
    ? `attribute\u0000${entityType}\u0000${key}`
    : `${element}\u0000${key}`;
}

function parseId(id: string): {
  element: TemplateChange['element'];
  key: string;
  entityType?: string;
} {
  const [element, a, b] = id.split('\u0000') as [
    TemplateChange['element'],
    string,
    string | undefined,
  ];
  return element === 'attribute'
    ? { element, entityType: a, key: b as string }
    : element === 'entityType'
      ? { element, key: a, entityType: a }
      : { element, key: a };
}

const same = (x: unknown, y: unknown): boolean =>
  x === undefined ? y === undefined : y !== undefined && canonicalJson(x) === canonicalJson(y);

/**
 * Three-way comparison of one installed template: base (the installed copy), theirs (the
 * template now in the catalog), ours (the workspace's elements of that template). Lists every
 * element upstream changed, with how it meets the workspace. Pure.
 */
export function compareTemplate(options: {
  base: TemplateManifest;
  theirs: TemplateManifest;
  ours: WorkspaceModel;
}): TemplateChange[] {
  const { base, theirs, ours } = options;
  const b = elementsOfTemplate(base);
  const t = elementsOfTemplate(theirs);
  const o = elementsOfWorkspace(ours, base.key);
  const workspaceKeys = new Set(ours.entityTypes.map((et) => et.key));
  const workspaceRelationships = new Set(ours.relationships.map((r) => r.key));
  const changes: TemplateChange[] = [];
  const ids = [...new Set([...b.keys(), ...t.keys()])];
  for (const id of ids) {
    const bv = b.get(id);
    const tv = t.get(id);
    if (same(bv, tv)) continue;
    const ov = o.get(id);
    const { element, key, entityType } = parseId(id);
    const change: UpstreamChange =
      bv === undefined ? 'added' : tv === undefined ? 'removed' : 'changed';
    let status: ChangeStatus;
    let reason: string | undefined;
    if (same(ov, tv)) status = 'alreadyApplied';
    else if (same(ov, bv)) {
      status = 'applicable';
      // Absent in ours and in base, but the key is taken by an element of another origin.
      if (ov === undefined && element === 'entityType' && workspaceKeys.has(key)) {
        status = 'conflict';
        reason = `the workspace already has an entity type "${key}" of another origin`;
      } else if (
        ov === undefined &&
        element === 'relationship' &&
        workspaceRelationships.has(key)
      ) {
        status = 'conflict';
        reason = `the workspace already has a relationship "${key}" of another origin`;
      } else if (
        element === 'attribute' &&
        change === 'added' &&
        !o.has(idOf('entityType', entityType as string)) &&
        b.has(idOf('entityType', entityType as string))
      ) {
        status = 'conflict';
        reason = `the workspace removed entity type "${entityType}", to which upstream added "${key}"`;
      }
    } else {
      status = 'conflict';
      reason =
        ov === undefined
          ? `the workspace removed this ${element}, and upstream ${change} it`
          : bv === undefined
            ? `the workspace and upstream both added a different ${element} "${key}"`
            : `the workspace changed this ${element}, and upstream ${change} it`;
    }
    changes.push({
      element,
      ...(element === 'attribute' ? { entityType } : {}),
      key,
      change,
      status,
      ...(reason ? { reason } : {}),
      base: bv,
      theirs: tv,
      ours: ov,
    });
  }
  // Removing an entity type would drop the workspace's edits to its attributes (or its own attributes).
  for (const c of changes) {
    if (c.element !== 'entityType' || c.change !== 'removed' || c.status !== 'applicable') continue;
    const baseType = base.entityTypes.find((et) => et.key === c.key);
    const ourType = ours.entityTypes.find((et) => et.key === c.key);
    const edited = (ourType?.attributes ?? []).some(
      (a) => !same(normalizeAttribute(plainAttribute(a)), b.get(idOf('attribute', a.key, c.key))),
    );
    const removed = (baseType?.attributes ?? []).some(
      (a) => !o.has(idOf('attribute', a.key, c.key)),
    );
    if (edited || removed) {
      c.status = 'conflict';
      c.reason = `upstream removed entity type "${c.key}", and the workspace edited its attributes`;
      for (const other of changes)
        if (
          other.element === 'attribute' &&
          other.entityType === c.key &&
          other.status === 'applicable'
        ) {
          other.status = 'conflict';
          other.reason = c.reason;
        }
    }
  }
  return changes;
}

/**
 * Applies the `applicable` changes to a copy of the workspace model (new elements are
 * `TEMPLATE` copies, editable unless the template marks the entity type readonly) and returns
 * it with the next merge base: the current template, except that every conflicting element
 * keeps its base version, so the same conflicts are reported again until resolved (repeating an
 * upgrade changes nothing).
 */
export function applyTemplateChanges(options: {
  base: TemplateManifest;
  theirs: TemplateManifest;
  ours: WorkspaceModel;
  changes: TemplateChange[];
}): { model: WorkspaceModel; nextBase: TemplateManifest } {
  const { base, theirs, changes } = options;
  const origin = { kind: 'template' as const, key: theirs.key };
  const model: WorkspaceModel = structuredClone(options.ours);
  const theirsType = (key: string): EntityType | undefined =>
    theirs.entityTypes.find((et) => et.key === key);
  const applicable = changes.filter((c) => c.status === 'applicable');

  for (const c of applicable.filter((x) => x.element === 'entityType')) {
    const index = model.entityTypes.findIndex((et) => et.key === c.key);
    if (c.change === 'removed') {
      if (index >= 0) model.entityTypes.splice(index, 1);
    } else if (c.change === 'added') {
      const et = theirsType(c.key) as EntityType;
      model.entityTypes.push(copyEntityType(et, origin));
    } else if (index >= 0) {
      const current = model.entityTypes[index] as WorkspaceEntityType;
      model.entityTypes[index] = {
        ...(c.theirs as object),
        attributes: current.attributes,
        source: current.source,
        readonly: current.readonly,
        origin: current.origin,
      } as WorkspaceEntityType;
    }
  }
  const addedTypes = new Set(
    applicable.filter((c) => c.element === 'entityType' && c.change === 'added').map((c) => c.key),
  );
  for (const c of applicable.filter((x) => x.element === 'attribute')) {
    if (addedTypes.has(c.entityType as string)) continue; // copied whole above
    const et = model.entityTypes.find((x) => x.key === c.entityType);
    if (!et) continue;
    const index = et.attributes.findIndex((a) => a.key === c.key);
    if (c.change === 'removed') {
      if (index >= 0) et.attributes.splice(index, 1);
    } else if (c.change === 'changed' && index >= 0) {
      const current = et.attributes[index];
      et.attributes[index] = {
        ...(c.theirs as Attribute),
        source: current?.source ?? 'TEMPLATE',
        readonly: current?.readonly ?? false,
      };
    } else if (c.change === 'added') {
      insertAfterUpstreamNeighbour(
        et,
        { ...(c.theirs as Attribute), source: 'TEMPLATE', readonly: false },
        theirs,
      );
    }
  }
  for (const c of applicable.filter((x) => x.element === 'relationship')) {
    const index = model.relationships.findIndex((r) => r.key === c.key);
    if (c.change === 'removed') {
      if (index >= 0) model.relationships.splice(index, 1);
    } else if (c.change === 'added') {
      model.relationships.push({
        ...(c.theirs as Relationship),
        source: 'TEMPLATE',
        readonly: false,
        origin,
      });
    } else if (index >= 0) {
      const current = model.relationships[index];
      model.relationships[index] = {
        ...(c.theirs as Relationship),
        source: current?.source ?? 'TEMPLATE',
        readonly: current?.readonly ?? false,
        origin: current?.origin ?? origin,
      };
    }
  }
  return { model, nextBase: nextBase(base, theirs, changes) };
}

/** Copies a catalog entity type into a workspace (source TEMPLATE, or MANIFEST for an integration's). */
export function copyEntityType(
  et: EntityType,
  origin: { kind: 'template' | 'integration'; key: string },
): WorkspaceEntityType {
  const readonly = origin.kind === 'integration' ? true : (et.readonly ?? false);
  const source = origin.kind === 'integration' ? 'MANIFEST' : 'TEMPLATE';
  return {
    ...entityTypeHeader(et),
    attributes: et.attributes.map((a) => ({ ...structuredClone(a), source, readonly })),
    source,
    readonly,
    origin,
  };
}

function nextBase(
  base: TemplateManifest,
  theirs: TemplateManifest,
  changes: TemplateChange[],
): TemplateManifest {
  const conflicts = changes.filter((c) => c.status === 'conflict');
  if (conflicts.length === 0) return structuredClone(theirs);
  const next: TemplateManifest = structuredClone(theirs);
  const baseType = (key: string) => base.entityTypes.find((et) => et.key === key);
  for (const c of conflicts) {
    if (c.element === 'entityType') {
      const index = next.entityTypes.findIndex((et) => et.key === c.key);
      const old = baseType(c.key);
      if (c.change === 'removed' && old) next.entityTypes.push(structuredClone(old));
      else if (c.change === 'added' && index >= 0) next.entityTypes.splice(index, 1);
      else if (index >= 0 && old)
        next.entityTypes[index] = {
          ...structuredClone(old),
          attributes: (next.entityTypes[index] as EntityType).attributes,
        };
    }
  }
  for (const c of conflicts) {
    if (c.element === 'attribute') {
      const et = next.entityTypes.find((x) => x.key === c.entityType);
      if (!et) continue;
      const index = et.attributes.findIndex((a) => a.key === c.key);
      const old = baseType(c.entityType as string)?.attributes.find((a) => a.key === c.key);
      if (index >= 0 && old) et.attributes[index] = structuredClone(old);
      else if (index >= 0) et.attributes.splice(index, 1);
      else if (old && !et.attributes.some((a) => a.key === c.key))
        et.attributes.push(structuredClone(old));
    } else if (c.element === 'relationship') {
      const rels = (next.relationships ??= []);
      const index = rels.findIndex((r) => r.key === c.key);
      const old = base.relationships?.find((r) => r.key === c.key);
      if (index >= 0 && old) rels[index] = structuredClone(old);
      else if (index >= 0) rels.splice(index, 1);
      else if (old) rels.push(structuredClone(old));
    }
  }
  return next;
}

/** A caller's choice for one conflict reported by compareTemplate. */
export interface ConflictResolution {
  element: TemplateChange['element'];
  /** For an attribute: its entity type. */
  entityType?: string;
  key: string;
  /** `ours` keeps the workspace's version; `theirs` takes upstream's. */
  take: 'ours' | 'theirs';
}

/**
 * The model after the chosen resolutions, or the index of the first choice that cannot be
 * applied and why.
 */
export type ResolveOutcome =
  | { ok: true; model: WorkspaceModel; changes: TemplateChange[]; resolved: TemplateChange[] }
  | { ok: false; index: number; message: string };

/**
 * Settles conflicts as the caller chose. Each resolved conflict is then marked
 * `alreadyApplied`, so the next merge base takes upstream's version and the conflict is not
 * reported again; `theirs` also writes upstream's version of the element into a copy of the
 * model (re-adding, replacing or removing it). `theirs` is refused for entity types (their
 * conflicts involve the workspace's attribute edits: take `ours`, or edit and upgrade again)
 * and for a key that an element of another origin holds. Pure.
 */
export function resolveConflicts(options: {
  theirs: TemplateManifest;
  ours: WorkspaceModel;
  changes: TemplateChange[];
  resolutions: ConflictResolution[];
}): ResolveOutcome {
  const model: WorkspaceModel = structuredClone(options.ours);
  const changes = options.changes.map((c) => ({ ...c }));
  const resolved: TemplateChange[] = [];
  const origin = { kind: 'template' as const, key: options.theirs.key };
  for (const [index, r] of options.resolutions.entries()) {
    const c = changes.find(
      (x) =>
        x.status === 'conflict' &&
        x.element === r.element &&
        x.key === r.key &&
        (r.element !== 'attribute' || x.entityType === r.entityType),
    );
    const name = r.element === 'attribute' ? `${r.entityType ?? '?'}.${r.key}` : r.key;
    if (!c)
      return {
        ok: false,
        index,
        message: `there is no conflict on ${r.element} "${name}" to resolve`,
      };
    if (r.take === 'theirs') {
      const refused = takeTheirs(model, c, options.theirs, origin);
      if (refused)
        return {
          ok: false,
          index,
          message: `cannot take upstream's ${r.element} "${name}": ${refused}`,
        };
    }
    c.status = 'alreadyApplied';
    resolved.push({ ...c, resolution: r.take });
  }
  return { ok: true, model, changes, resolved };
}

/** Writes upstream's version of a conflicting attribute or relationship; a reason when it cannot. */
function takeTheirs(
  model: WorkspaceModel,
  c: TemplateChange,
  theirs: TemplateManifest,
  origin: { kind: 'template'; key: string },
): string | undefined {
  if (c.element === 'entityType') {
    return 'an entity type conflict involves the workspace\'s attribute edits; take "ours", or edit the entity type and upgrade again';
  }
  if (c.element === 'relationship') {
    const index = model.relationships.findIndex((x) => x.key === c.key);
    const current = model.relationships[index];
    if (current && (current.origin?.kind !== 'template' || current.origin.key !== origin.key)) {
      return 'the workspace uses that key for a relationship of another origin';
    }
    if (c.theirs === undefined) {
      if (index >= 0) model.relationships.splice(index, 1);
    } else {
      const next = {
        ...(c.theirs as Relationship),
        source: current?.source ?? ('TEMPLATE' as const),
        readonly: current?.readonly ?? false,
        origin,
      };
      if (index >= 0) model.relationships[index] = next;
      else model.relationships.push(next);
    }
    return undefined;
  }
  const et = model.entityTypes.find((x) => x.key === c.entityType);
  if (!et) return `the workspace removed entity type "${c.entityType}"`;
  if (et.origin?.kind !== 'template' || et.origin.key !== origin.key) {
    return `entity type "${c.entityType}" is of another origin in the workspace`;
  }
  const index = et.attributes.findIndex((a) => a.key === c.key);
  if (c.theirs === undefined) {
    if (index >= 0) et.attributes.splice(index, 1);
    return undefined;
  }
  const current = et.attributes[index];
  const next = {
    ...(c.theirs as Attribute),
    source: current?.source ?? ('TEMPLATE' as const),
    readonly: current?.readonly ?? false,
  };
  if (index >= 0) et.attributes[index] = next;
  else insertAfterUpstreamNeighbour(et, next, theirs);
  return undefined;
}

/** Inserts an attribute after the one that precedes it upstream, when the workspace has that one. */
function insertAfterUpstreamNeighbour(
  et: WorkspaceEntityType,
  attribute: WorkspaceEntityType['attributes'][number],
  theirs: TemplateManifest,
): void {
  const upstream = theirs.entityTypes.find((x) => x.key === et.key)?.attributes ?? [];
  const before = upstream
    .slice(
      0,
      upstream.findIndex((a) => a.key === attribute.key),
    )
    .reverse();
  const anchor = before
    .map((a) => et.attributes.findIndex((x) => x.key === a.key))
    .find((i) => i >= 0);
  et.attributes.splice(anchor === undefined ? et.attributes.length : anchor + 1, 0, attribute);
}
