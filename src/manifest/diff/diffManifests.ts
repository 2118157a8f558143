import type { Manifest } from '../types.js';
import { ChangeSink, diffMetadata, same, show } from './ChangeSink.js';
import { diffEntityTypes } from './diffEntityTypes.js';
import { diffIntegration } from './diffIntegration.js';
import { diffRelationships } from './diffRelationships.js';
import type { ManifestChange } from './ManifestChange.js';

/** Header fields that describe a manifest without changing what it delivers. */
const MANIFEST_METADATA = [
  'name',
  'description',
  'version',
  'maintainers',
  'tags',
  'semantic',
] as const;
/** Top-level fields compared by their own rules; any other difference is listed as metadata. */
const STRUCTURAL = new Set([
  'key',
  'kind',
  'entityTypes',
  'relationships',
  'integration',
  'mappings',
  ...MANIFEST_METADATA,
]);

/**
 * Every difference between two versions of one manifest, as data, in a deterministic order
 * (areas in manifest order, items sorted by key). `undefined` on one side is an added or
 * removed manifest; two manifests with different keys are a renamed one (diffRegistries
 * pairs them); two of different kinds are one removed and one added. Pure; never throws on
 * manifests that passed validateManifest.
 */
export function diffManifests(
  base: Manifest | undefined,
  head: Manifest | undefined,
): ManifestChange[] {
  if (!base && !head) return [];
  if (base && !head) {
    const sink = new ChangeSink({ key: base.key, kind: base.kind });
    sink.add(
      'manifest-removed',
      '',
      `The ${base.kind} "${base.key}" was removed: every workspace and connection that uses it loses it.`,
      {
        before: base.key,
      },
    );
    return sink.changes;
  }
  if (!head) return [];
  if (!base) {
    const sink = new ChangeSink({ key: head.key, kind: head.kind });
    sink.add(
      'manifest-added',
      '',
      `New ${head.kind} "${head.key}" with ${head.entityTypes.length} entity type(s).`,
      { after: head.key },
    );
    return sink.changes;
  }
  if (base.kind !== head.kind)
    return [...diffManifests(base, undefined), ...diffManifests(undefined, head)];

  const sink = new ChangeSink({ key: head.key, kind: head.kind });
  if (base.key !== head.key) {
    sink.add(
      'manifest-renamed',
      '',
      `The ${head.kind} "${base.key}" is now "${head.key}": workspaces and connections that name "${base.key}" lose it.`,
      {
        before: base.key,
        after: head.key,
      },
    );
  }
  diffMetadata(sink, '', base, head, MANIFEST_METADATA);
  if (base.kind === 'integration' && head.kind === 'integration') diffIntegration(sink, base, head);
  diffEntityTypes(sink, base.entityTypes, head.entityTypes);
  diffRelationships(sink, base.relationships ?? [], head.relationships ?? []);
  const a = base as unknown as Record<string, unknown>;
  const b = head as unknown as Record<string, unknown>;
  const others = [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((k) => !STRUCTURAL.has(k))
    .sort();
  for (const field of others) {
    if (same(a[field], b[field])) continue;
    sink.add(
      'metadata-changed',
      field,
      `${field} changed from ${show(a[field])} to ${show(b[field])}.`,
      { before: a[field], after: b[field] },
    );
  }
  return sink.changes;
}
