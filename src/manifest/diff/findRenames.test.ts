import { describe, expect, it } from 'vitest';
import { findRenames, RENAME_SIMILARITY } from './findRenames.js';

const map = (entries: Record<string, unknown>) => new Map(Object.entries(entries));

describe('findRenames', () => {
  it('pairs identical content under a new key, ignoring the named fields', () => {
    const renames = findRenames({
      removed: map({
        fax: {
          key: 'fax',
          displayName: 'Fax',
          dataType: 'string',
          semantic: { definition: 'Fax number.' },
        },
      }),
      added: map({
        faxNumber: {
          key: 'faxNumber',
          displayName: 'Fax number',
          dataType: 'string',
          semantic: { definition: 'Fax number.' },
        },
      }),
      ignore: ['key', 'displayName'],
    });
    expect(renames.map((r) => [r.from, r.to, r.similarity])).toEqual([['fax', 'faxNumber', 1]]);
  });

  it('does not pair content below the threshold', () => {
    const renames = findRenames({
      removed: map({ a: { x: 1, y: 2, z: 3 } }),
      added: map({ b: { x: 1, y: 9, z: 9 } }),
      ignore: [],
    });
    expect(RENAME_SIMILARITY).toBeGreaterThan(1 / 3);
    expect(renames).toEqual([]);
  });

  it('takes the best pair first and uses each item once, whatever the input order', () => {
    const removed = { a: { p: 1, q: 2, r: 3, s: 4 }, b: { p: 1, q: 2, r: 3, s: 5 } };
    const added = { c: { p: 1, q: 2, r: 3, s: 5 }, d: { p: 1, q: 2, r: 3, s: 4 } };
    const forward = findRenames({ removed: map(removed), added: map(added), ignore: [] });
    const backward = findRenames({
      removed: new Map([...map(removed)].reverse()),
      added: new Map([...map(added)].reverse()),
      ignore: [],
    });
    expect(forward.map((r) => `${r.from}->${r.to}`)).toEqual(['a->d', 'b->c']);
    expect(backward).toEqual(forward);
  });

  it('lets the caller veto a pair', () => {
    const renames = findRenames({
      removed: map({ a: { type: 'string' } }),
      added: map({ b: { type: 'string' } }),
      ignore: [],
      compatible: () => false,
    });
    expect(renames).toEqual([]);
  });
});
