import type {
  ConnectionConfigSchema,
  FieldMapping,
  IntegrationManifest,
  ModelMapping,
} from '../types.js';
import { byCodeUnit, byKey, diffMetadata, join, same, show, unionKeys } from './ChangeSink.js';
import type { ChangeSink } from './ChangeSink.js';
import { diffOperatorSettings } from './diffOperatorSettings.js';

/**
 * The integration block: provider and category (breaking: connections are found by them),
 * other settings (listed), models, the connection config schema and the mappings.
 */
export function diffIntegration(
  sink: ChangeSink,
  x: IntegrationManifest,
  y: IntegrationManifest,
): void {
  const a = x.integration;
  const b = y.integration;
  if (a.category !== b.category) {
    sink.add(
      'integration-category-changed',
      'integration/category',
      `Category changed from "${a.category}" to "${b.category}": existing connections are used in the wrong role.`,
      {
        before: a.category,
        after: b.category,
      },
    );
  }
  if (a.provider !== b.provider) {
    sink.add(
      'integration-provider-changed',
      'integration/provider',
      `Provider changed from "${a.provider}" to "${b.provider}": existing connections no longer find their provider implementation.`,
      {
        before: a.provider,
        after: b.provider,
      },
    );
  }
  if (a.syncDirection !== b.syncDirection) {
    sink.add(
      'integration-changed',
      'integration/syncDirection',
      `syncDirection changed from "${a.syncDirection}" to "${b.syncDirection}"; review existing connections.`,
      {
        before: a.syncDirection,
        after: b.syncDirection,
      },
    );
  }
  // Manifests are compared in the current format (1.1 lists authKinds); the order of the
  // list is a recommendation, so only the set counts.
  const kindsBefore = [...a.authKinds].sort();
  const kindsAfter = [...b.authKinds].sort();
  if (kindsBefore.join() !== kindsAfter.join()) {
    sink.add(
      'integration-changed',
      'integration/authKinds',
      `authKinds changed from ${JSON.stringify(a.authKinds)} to ${JSON.stringify(b.authKinds)}; review existing connections.`,
      {
        before: a.authKinds,
        after: b.authKinds,
      },
    );
  }
  diffMetadata(sink, 'integration', a, b, ['docsUrl', 'apiVersion']);
  diffModels(sink, x, y);
  const moved = diffOperatorSettings(sink, x, y);
  diffConnectionConfig(sink, a.connectionConfig, b.connectionConfig, moved);
  diffMappings(sink, x.mappings ?? [], y.mappings ?? []);
}

function diffModels(sink: ChangeSink, x: IntegrationManifest, y: IntegrationManifest): void {
  const a = byKey(x.integration.models);
  const b = byKey(y.integration.models);
  for (const key of unionKeys(a, b)) {
    const path = `integration/models/${key}`;
    const m = a.get(key);
    const n = b.get(key);
    if (m && !n) {
      sink.add(
        'model-removed',
        path,
        `Model "${key}" was removed: payloads of this kind are no longer read into "${m.entityType}".`,
        { before: m },
      );
    } else if (!m && n) {
      sink.add('model-added', path, `New model "${key}" (becomes "${n.entityType}").`, {
        after: n,
      });
    } else if (m && n) {
      diffMetadata(sink, path, m, n, ['displayName', 'description', 'docsUrl']);
      if (m.entityType !== n.entityType) {
        sink.add(
          'model-changed',
          join(path, 'entityType'),
          `Model now becomes "${n.entityType}" instead of "${m.entityType}" (see the mapping changes).`,
          {
            before: m.entityType,
            after: n.entityType,
          },
        );
      }
    }
  }
}

/** A config field's type as far as a stored value cares: `type`, `$ref`, the item type, `enum`. */
function fieldType(field: Record<string, unknown> | undefined): unknown {
  const items = field?.items as Record<string, unknown> | undefined;
  return { type: field?.type, ref: field?.$ref, items: items?.type ?? items?.$ref };
}

function diffConnectionConfig(
  sink: ChangeSink,
  a: ConnectionConfigSchema,
  b: ConnectionConfigSchema,
  moved: ReadonlySet<string>,
): void {
  const root = 'integration/connectionConfig';
  const props = (s: ConnectionConfigSchema) => new Map(Object.entries(s.properties ?? {}));
  const pa = props(a);
  const pb = props(b);
  const ra = new Set(a.required ?? []);
  const rb = new Set(b.required ?? []);
  for (const key of unionKeys(pa, pb)) {
    const path = `${root}/properties/${key}`;
    const f = pa.get(key);
    const g = pb.get(key);
    // Reported once, as moved between the config and the operator settings.
    if (moved.has(key)) continue;
    if (f && !g) {
      sink.add(
        'connection-config-field-removed',
        path,
        `Config field "${key}" was removed: saved connections that hold it no longer validate.`,
        { before: f },
      );
      continue;
    }
    if (!f && g) {
      if (rb.has(key)) {
        sink.add(
          'connection-config-required-field-added',
          path,
          `New required config field "${key}": every saved connection lacks it until a user enters it.`,
          { after: g },
        );
      } else {
        sink.add('connection-config-field-added', path, `New optional config field "${key}".`, {
          after: g,
        });
      }
      continue;
    }
    if (!f || !g) continue;
    if (!same(fieldType(f), fieldType(g))) {
      sink.add(
        'connection-config-field-retyped',
        path,
        `Type of config field "${key}" changed from ${show(fieldType(f))} to ${show(fieldType(g))}: saved values no longer validate.`,
        {
          before: f,
          after: g,
        },
      );
    } else if (!same(f, g)) {
      const fields = [...new Set([...Object.keys(f), ...Object.keys(g)])]
        .filter((k) => !same(f[k], g[k]))
        .sort(byCodeUnit);
      sink.add(
        'connection-config-field-changed',
        path,
        `Config field "${key}" changed (${fields.join(', ')}); the type is the same.`,
        { before: f, after: g },
      );
    }
    if (!ra.has(key) && rb.has(key)) {
      sink.add(
        'connection-config-field-made-required',
        `${path}/required`,
        `Config field "${key}" is now required: saved connections without it no longer validate.`,
        {
          before: false,
          after: true,
        },
      );
    } else if (ra.has(key) && !rb.has(key)) {
      sink.add(
        'connection-config-field-made-optional',
        `${path}/required`,
        `Config field "${key}" is now optional.`,
        { before: true, after: false },
      );
    }
  }
  const rest = (s: ConnectionConfigSchema) =>
    Object.fromEntries(Object.entries(s).filter(([k]) => k !== 'properties' && k !== 'required'));
  for (const key of unionKeys(new Map(Object.entries(rest(a))), new Map(Object.entries(rest(b))))) {
    const before = (a as Record<string, unknown>)[key];
    const after = (b as Record<string, unknown>)[key];
    if (same(before, after)) continue;
    sink.add(
      'connection-config-changed',
      `${root}/${key}`,
      `Schema keyword "${key}" changed from ${show(before)} to ${show(after)}; review saved connections.`,
      { before, after },
    );
  }
}

function diffMappings(
  sink: ChangeSink,
  before: readonly ModelMapping[],
  after: readonly ModelMapping[],
): void {
  const a = new Map(before.map((m) => [m.model, m]));
  const b = new Map(after.map((m) => [m.model, m]));
  for (const model of unionKeys(a, b)) {
    const path = `mappings/${model}`;
    const m = a.get(model);
    const n = b.get(model);
    if (m && (!n || m.entityType !== n.entityType)) {
      const now = n ? ` (it now maps to "${n.entityType}")` : '';
      sink.add(
        'model-mapping-removed',
        path,
        `Model "${model}" no longer maps to "${m.entityType}"${now}: that entity type stops receiving its records.`,
        { before: m },
      );
    }
    if (n && (!m || m.entityType !== n.entityType)) {
      sink.add(
        'model-mapping-added',
        path,
        `Model "${model}" now maps to "${n.entityType}" (${Object.keys(n.fields).length} field(s)).`,
        { after: n },
      );
    }
    if (m && n && m.entityType === n.entityType) diffFields(sink, path, m.fields, n.fields);
  }
}

const ORIGIN = ['source', 'concat', 'template', 'const', 'default'] as const;

function diffFields(
  sink: ChangeSink,
  mappingPath: string,
  before: Record<string, FieldMapping>,
  after: Record<string, FieldMapping>,
): void {
  const a = new Map(Object.entries(before));
  const b = new Map(Object.entries(after));
  for (const field of unionKeys(a, b)) {
    const path = `${mappingPath}/fields/${field}`;
    const f = a.get(field);
    const g = b.get(field);
    if (f && !g) {
      sink.add(
        'field-mapping-removed',
        path,
        `Attribute "${field}" is no longer mapped: new records arrive without it.`,
        { before: f },
      );
    } else if (!f && g) {
      sink.add('field-mapping-added', path, `Attribute "${field}" is now mapped.`, { after: g });
    } else if (f && g && !same(f, g)) {
      const origin = ORIGIN.some((k) => !same(f[k], g[k]));
      const transforms = !same(f.transforms, g.transforms);
      const what =
        [origin ? 'source' : '', transforms ? 'transforms' : ''].filter(Boolean).join(' and ') ||
        'definition';
      sink.add(
        'field-mapping-changed',
        path,
        `The ${what} of "${field}" changed: the attribute is still produced, but values may differ; review them.`,
        {
          before: f,
          after: g,
        },
      );
    }
  }
}
