import { canonicalJson } from '../checksum.js';
import { byCodeUnit } from './ChangeSink.js';

/** Similarity at or above which a removed and an added item are taken for one renamed item. */
export const RENAME_SIMILARITY = 0.75;

/** A removed and an added item paired as one renamed item, with their similarity. */
export interface Rename<T> {
  from: string;
  to: string;
  before: T;
  after: T;
  /** Share of identical leaves (0..1). */
  similarity: number;
}

/**
 * Pairs items that disappeared with items that appeared under another key when their content
 * (without the `ignore`d fields, e.g. key and display name) is similar enough. Similarity is
 * the Jaccard index of the two values' leaves (`path=value`). Pairs are taken best first
 * (ties broken by keys) and each item is used once, so the result is deterministic.
 * `compatible` can veto a pair (an attribute that changed type is no rename).
 */
export function findRenames<T>(options: {
  removed: ReadonlyMap<string, T>;
  added: ReadonlyMap<string, T>;
  ignore: readonly string[];
  compatible?: (before: T, after: T) => boolean;
}): Array<Rename<T>> {
  const { removed, added, ignore } = options;
  const leaves = new Map<T, Set<string>>();
  const leavesOf = (value: T): Set<string> => {
    let set = leaves.get(value);
    if (!set) leaves.set(value, (set = flatten(value, ignore)));
    return set;
  };
  const candidates: Array<Rename<T>> = [];
  for (const [from, before] of removed) {
    for (const [to, after] of added) {
      if (options.compatible && !options.compatible(before, after)) continue;
      const similarity = jaccard(leavesOf(before), leavesOf(after));
      if (similarity >= RENAME_SIMILARITY) candidates.push({ from, to, before, after, similarity });
    }
  }
  candidates.sort(
    (a, b) => b.similarity - a.similarity || byCodeUnit(a.from, b.from) || byCodeUnit(a.to, b.to),
  );
  const usedFrom = new Set<string>();
  const usedTo = new Set<string>();
  const renames: Array<Rename<T>> = [];
  for (const candidate of candidates) {
    if (usedFrom.has(candidate.from) || usedTo.has(candidate.to)) continue;
    usedFrom.add(candidate.from);
    usedTo.add(candidate.to);
    renames.push(candidate);
  }
  return renames.sort((a, b) => byCodeUnit(a.from, b.from));
}

/** `path=canonical value` for every leaf, without the top-level fields in `ignore`. */
function flatten(value: unknown, ignore: readonly string[]): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown, path: string): void => {
    if (v !== null && typeof v === 'object') {
      const entries = Array.isArray(v)
        ? v.map((x, i) => [String(i), x] as const)
        : Object.entries(v);
      if (entries.length === 0) out.add(`${path}=${canonicalJson(v)}`);
      for (const [k, x] of entries) {
        if (path === '' && ignore.includes(k)) continue;
        walk(x, `${path}/${k}`);
      }
    } else {
      out.add(`${path}=${canonicalJson(v)}`);
    }
  };
  walk(value, '');
  return out;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return common / (a.size + b.size - common);
}
