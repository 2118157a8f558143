import type { Attribute, EntityType } from '../types.js';
import { byKey, diffMetadata, join, same, show, unionKeys } from './ChangeSink.js';
import type { ChangeSink } from './ChangeSink.js';
import { findRenames } from './findRenames.js';

const ENTITY_METADATA = ['displayName', 'description', 'semantic'] as const;
const ATTRIBUTE_METADATA = ['displayName', 'semantic'] as const;

/**
 * Entity types and their attributes. Removed and renamed ones are breaking (stored records,
 * queries and mappings name them by key); a new entity type is compatible.
 */
export function diffEntityTypes(
  sink: ChangeSink,
  before: readonly EntityType[],
  after: readonly EntityType[],
): void {
  const a = byKey(before);
  const b = byKey(after);
  const renames = findRenames({
    removed: new Map([...a].filter(([k]) => !b.has(k))),
    added: new Map([...b].filter(([k]) => !a.has(k))),
    ignore: ['key', 'displayName'],
  });
  const renamedFrom = new Map(renames.map((r) => [r.from, r]));
  const renamedTo = new Set(renames.map((r) => r.to));

  for (const key of unionKeys(a, b)) {
    const path = `entityTypes/${key}`;
    const x = a.get(key);
    const y = b.get(key);
    const rename = renamedFrom.get(key);
    if (rename) {
      sink.add(
        'entity-type-renamed',
        `entityTypes/${rename.to}`,
        `Entity type "${rename.from}" is now "${rename.to}" (${Math.round(rename.similarity * 100)}% the same content): records, queries and mappings that name "${rename.from}" lose it.`,
        { before: rename.from, after: rename.to },
      );
      diffEntityType(sink, `entityTypes/${rename.to}`, rename.before, rename.after);
    } else if (x && !y) {
      sink.add(
        'entity-type-removed',
        path,
        `Entity type "${key}" was removed: its stored records and every query or mapping that names it lose their target.`,
        { before: x },
      );
    } else if (!x && y && !renamedTo.has(key)) {
      sink.add(
        'entity-type-added',
        path,
        `New entity type "${key}" with ${y.attributes.length} attribute(s).`,
        { after: y },
      );
    } else if (x && y) {
      diffEntityType(sink, path, x, y);
    }
  }
}

function diffEntityType(sink: ChangeSink, path: string, x: EntityType, y: EntityType): void {
  diffMetadata(sink, path, x, y, ENTITY_METADATA);
  for (const field of ['primaryKey', 'readonly'] as const) {
    if (same(x[field], y[field])) continue;
    sink.add(
      'entity-type-changed',
      join(path, field),
      `${field} changed from ${show(x[field])} to ${show(y[field])}; review consumers that rely on it.`,
      {
        before: x[field],
        after: y[field],
      },
    );
  }
  diffAttributes(sink, path, x.attributes, y.attributes);
}

function diffAttributes(
  sink: ChangeSink,
  entityPath: string,
  before: readonly Attribute[],
  after: readonly Attribute[],
): void {
  const a = byKey(before);
  const b = byKey(after);
  const renames = findRenames({
    removed: new Map([...a].filter(([k]) => !b.has(k))),
    added: new Map([...b].filter(([k]) => !a.has(k))),
    ignore: ['key', 'displayName'],
    // Same type and target: otherwise it is a different attribute, not a new name.
    compatible: (x, y) =>
      x.dataType === y.dataType &&
      x.references === y.references &&
      Boolean(x.list) === Boolean(y.list),
  });
  const renamedFrom = new Map(renames.map((r) => [r.from, r]));
  const renamedTo = new Set(renames.map((r) => r.to));

  for (const key of unionKeys(a, b)) {
    const path = `${entityPath}/attributes/${key}`;
    const x = a.get(key);
    const y = b.get(key);
    const rename = renamedFrom.get(key);
    if (rename) {
      const to = `${entityPath}/attributes/${rename.to}`;
      sink.add(
        'attribute-renamed',
        to,
        `Attribute "${rename.from}" is now "${rename.to}": stored values, queries and mappings that read "${rename.from}" find nothing.`,
        { before: rename.from, after: rename.to },
      );
      diffAttribute(sink, to, rename.before, rename.after);
    } else if (x && !y) {
      sink.add(
        'attribute-removed',
        path,
        `Attribute "${key}" (${typeLabel(x)}) was removed: stored values and queries that read it are lost.`,
        { before: x },
      );
    } else if (!x && y && !renamedTo.has(key)) {
      if (y.required) {
        sink.add(
          'attribute-required-added',
          path,
          `New attribute "${key}" (${typeLabel(y)}) is required: existing records have no value for it.`,
          { after: y },
        );
      } else {
        sink.add('attribute-added', path, `New optional attribute "${key}" (${typeLabel(y)}).`, {
          after: y,
        });
      }
    } else if (x && y) {
      diffAttribute(sink, path, x, y);
    }
  }
}

function diffAttribute(sink: ChangeSink, path: string, x: Attribute, y: Attribute): void {
  diffMetadata(sink, path, x, y, ATTRIBUTE_METADATA);
  if (x.dataType !== y.dataType || Boolean(x.list) !== Boolean(y.list)) {
    sink.add(
      'attribute-retyped',
      path,
      `Type changed from ${typeLabel(x)} to ${typeLabel(y)}: stored values and readers expect the old type.`,
      {
        before: typeLabel(x),
        after: typeLabel(y),
      },
    );
  } else {
    if (x.dataType === 'enum') diffEnumValues(sink, path, x.enumValues ?? [], y.enumValues ?? []);
    if (x.dataType === 'reference' && x.references !== y.references) {
      sink.add(
        'attribute-references-changed',
        join(path, 'references'),
        `Now references "${y.references}" instead of "${x.references}": stored ids point at the wrong entity type.`,
        {
          before: x.references,
          after: y.references,
        },
      );
    }
  }
  if (!x.required && y.required) {
    sink.add(
      'attribute-made-required',
      join(path, 'required'),
      `Now required: existing records without a value become invalid and every writer must provide it.`,
      {
        before: false,
        after: true,
      },
    );
  } else if (x.required && !y.required) {
    sink.add(
      'attribute-made-optional',
      join(path, 'required'),
      'Now optional: readers must allow a missing value (values were always present before).',
      {
        before: true,
        after: false,
      },
    );
  }
  if (!same(x.validation, y.validation)) {
    sink.add(
      'attribute-changed',
      join(path, 'validation'),
      `Validation rules changed from ${show(x.validation)} to ${show(y.validation)}; values that no longer pass are reported by the mapping, not lost silently.`,
      {
        before: x.validation,
        after: y.validation,
      },
    );
  }
}

function diffEnumValues(
  sink: ChangeSink,
  path: string,
  before: readonly string[],
  after: readonly string[],
): void {
  const removed = before.filter((v) => !after.includes(v));
  const added = after.filter((v) => !before.includes(v));
  const at = join(path, 'enumValues');
  if (removed.length > 0) {
    sink.add(
      'attribute-enum-value-removed',
      at,
      `Enum value(s) ${removed.map((v) => JSON.stringify(v)).join(', ')} removed: stored records and filters that use them no longer validate.`,
      {
        before: removed,
      },
    );
  }
  if (added.length > 0) {
    sink.add(
      'attribute-enum-value-added',
      at,
      `Enum value(s) ${added.map((v) => JSON.stringify(v)).join(', ')} added.`,
      { after: added },
    );
  }
}

/** `string`, `string[]`, `reference → customer`. */
function typeLabel(attribute: Attribute): string {
  const base =
    attribute.dataType === 'reference'
      ? `reference → ${attribute.references ?? '?'}`
      : attribute.dataType;
  return attribute.list ? `${base}[]` : base;
}
