import type { Relationship } from '../types.js';
import { byKey, diffMetadata, join, unionKeys } from './ChangeSink.js';
import type { ChangeSink } from './ChangeSink.js';

/**
 * Relationships by key. Removing one, changing its cardinality or its endpoints is breaking
 * (queries that join along it change meaning or fail); `via` and metadata are listed.
 */
export function diffRelationships(
  sink: ChangeSink,
  before: readonly Relationship[],
  after: readonly Relationship[],
): void {
  const a = byKey(before);
  const b = byKey(after);
  for (const key of unionKeys(a, b)) {
    const path = `relationships/${key}`;
    const x = a.get(key);
    const y = b.get(key);
    if (x && !y) {
      sink.add(
        'relationship-removed',
        path,
        `Relationship "${key}" (${x.from} → ${x.to}) was removed: queries that join along it fail.`,
        { before: x },
      );
    } else if (!x && y) {
      sink.add(
        'relationship-added',
        path,
        `New relationship "${key}" (${y.from} → ${y.to}, ${y.cardinality}).`,
        { after: y },
      );
    } else if (x && y) {
      diffMetadata(sink, path, x, y, ['semantic']);
      if (x.cardinality !== y.cardinality) {
        sink.add(
          'relationship-cardinality-changed',
          join(path, 'cardinality'),
          `Cardinality changed from ${x.cardinality} to ${y.cardinality}: consumers that expect one related record get many, or the reverse.`,
          {
            before: x.cardinality,
            after: y.cardinality,
          },
        );
      }
      if (x.from !== y.from || x.to !== y.to) {
        sink.add(
          'relationship-endpoints-changed',
          path,
          `Now links ${y.from} → ${y.to} instead of ${x.from} → ${x.to}: joins along it return other records.`,
          {
            before: { from: x.from, to: x.to },
            after: { from: y.from, to: y.to },
          },
        );
      }
      if (x.via !== y.via) {
        sink.add(
          'relationship-changed',
          join(path, 'via'),
          `Now held by attribute ${y.via === undefined ? '(none)' : `"${y.via}"`} instead of ${x.via === undefined ? '(none)' : `"${x.via}"`}.`,
          {
            before: x.via,
            after: y.via,
          },
        );
      }
    }
  }
}
