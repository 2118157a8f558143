import { MAX_DESCENT_DEPTH, MAX_ITEMS } from './limits.js';
import type { ParsedSourcePath, PathSegment } from './parseSourcePath.js';

/** Reads a compiled path from a value. */
export type PathReader = (root: unknown) => unknown;

const hasOwn = Object.prototype.hasOwnProperty;

/** Own property `key` of an object or array; undefined for anything else. */
export function ownProperty(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = (value as Record<string, unknown>)[key];
  return v !== undefined && hasOwn.call(value, key) ? v : undefined;
}

/** Element `index` of an array (negative counts from the end), or own key `"index"` of an object. */
export function atIndex(value: unknown, index: number): unknown {
  if (Array.isArray(value)) {
    const i = index < 0 ? value.length + index : index;
    return i >= 0 && i < value.length ? value[i] : undefined;
  }
  return index >= 0 ? ownProperty(value, String(index)) : undefined;
}

/**
 * Turns a parsed path into a closure that walks it directly (see README "Paths"). Single
 * paths made only of names and indexes get specialised closures for one, two and three
 * steps; the rest go through a small matcher. Never throws.
 */
export function compilePath(path: ParsedSourcePath): PathReader {
  const segments = path.segments;
  if (!path.multi) {
    if (segments.length === 2 && segments.every((x) => x.kind === 'key')) {
      // `properties.email`, the most common shape: one closure, no calls per step.
      const k1 = (segments[0] as { key: string }).key;
      const k2 = (segments[1] as { key: string }).key;
      // Read first, then ask whether the value is own: a missing key costs no ownership
      // check, and `hasOwnProperty.call` is cheaper than `Object.hasOwn` on V8 (measured).
      return (root) => {
        if (typeof root !== 'object' || root === null) return undefined;
        const v = (root as Record<string, unknown>)[k1];
        if (typeof v !== 'object' || v === null || !hasOwn.call(root, k1)) return undefined;
        const w = (v as Record<string, unknown>)[k2];
        return w !== undefined && hasOwn.call(v, k2) ? w : undefined;
      };
    }
    const steps = segments.map(singleStep);
    if (steps.length === 0) return (root) => root;
    const [a, b, c] = steps;
    if (steps.length === 1 && a) return a;
    if (steps.length === 2 && a && b) return (root) => b(a(root));
    if (steps.length === 3 && a && b && c) return (root) => c(b(a(root)));
    return (root) => {
      let value = root;
      for (let i = 0; i < steps.length && value !== undefined; i++)
        value = (steps[i] as PathReader)(value);
      return value;
    };
  }
  const k = segments.findIndex((s) => s.kind !== 'key' && s.kind !== 'index');
  const rest = segments.slice(k + 1);
  if (rest.every((s) => s.kind === 'key' || s.kind === 'index')) {
    // The common shape `$.a.b[*].c`: single steps, one multi-valued segment, single steps.
    const prefix = compilePath({ ...path, segments: segments.slice(0, k), multi: false });
    const suffix =
      rest.length === 0 ? undefined : compilePath({ ...path, segments: rest, multi: false });
    const multi = segments[k] as PathSegment;
    return (root) => {
      const matches: unknown[] = [];
      expand(multi, prefix(root), matches);
      if (suffix) {
        let n = 0;
        for (let i = 0; i < matches.length; i++) {
          const v = suffix(matches[i]);
          if (v !== undefined) matches[n++] = v;
        }
        matches.length = n;
      }
      return matches.length === 0 ? undefined : matches;
    };
  }
  return (root) => {
    let current: unknown[] = [root];
    for (const segment of segments) {
      const next: unknown[] = [];
      for (const value of current) {
        if (next.length >= MAX_ITEMS) break;
        expand(segment, value, next);
      }
      current = next.length > MAX_ITEMS ? next.slice(0, MAX_ITEMS) : next;
      if (current.length === 0) return undefined;
    }
    return current;
  };
}

function singleStep(segment: PathSegment): PathReader {
  if (segment.kind === 'key') {
    const key = segment.key;
    return (value) => {
      if (typeof value !== 'object' || value === null) return undefined;
      const v = (value as Record<string, unknown>)[key];
      return v !== undefined && hasOwn.call(value, key) ? v : undefined;
    };
  }
  if (segment.kind === 'index') {
    const index = segment.index;
    return (value) => atIndex(value, index);
  }
  throw new Error(`segment ${segment.kind} is multi-valued`);
}

/** Pushes the matches of one segment on one value. */
function expand(segment: PathSegment, value: unknown, out: unknown[]): void {
  switch (segment.kind) {
    case 'key':
      pushDefined(out, ownProperty(value, segment.key));
      return;
    case 'index':
      pushDefined(out, atIndex(value, segment.index));
      return;
    case 'wildcard':
      children(value, out);
      return;
    case 'union':
      for (const m of segment.members)
        pushDefined(out, typeof m === 'number' ? atIndex(value, m) : ownProperty(value, m));
      return;
    case 'slice':
      if (Array.isArray(value)) slice(value, segment, out);
      return;
    case 'descendant':
      descend(value, segment.key, 0, out);
      return;
  }
}

function pushDefined(out: unknown[], value: unknown): void {
  if (value !== undefined) out.push(value);
}

function children(value: unknown, out: unknown[]): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && out.length < MAX_ITEMS; i++) out.push(value[i]);
  } else if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) {
      if (out.length >= MAX_ITEMS) return;
      out.push((value as Record<string, unknown>)[key]);
    }
  }
}

/** Python-style slice with a positive step; bounds clamp, negatives count from the end. */
function slice(
  array: unknown[],
  s: { start: number | undefined; end: number | undefined; step: number | undefined },
  out: unknown[],
): void {
  const len = array.length;
  const clamp = (n: number) => (n < 0 ? Math.max(0, n + len) : Math.min(len, n));
  const start = s.start === undefined ? 0 : clamp(s.start);
  const end = s.end === undefined ? len : clamp(s.end);
  const step = s.step ?? 1;
  for (let i = start; i < end && out.length < MAX_ITEMS; i += step) out.push(array[i]);
}

/**
 * Pre-order recursive descent: at each object or array, first its own match (`key`, or
 * every child for `..*`), then each child container in key order, at most
 * MAX_DESCENT_DEPTH levels below the start.
 */
function descend(value: unknown, key: string | null, depth: number, out: unknown[]): void {
  if (typeof value !== 'object' || value === null || out.length >= MAX_ITEMS) return;
  if (key === null) children(value, out);
  else pushDefined(out, ownProperty(value, key));
  if (depth >= MAX_DESCENT_DEPTH) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) descend(value[i], key, depth + 1, out);
  } else {
    for (const k of Object.keys(value))
      descend((value as Record<string, unknown>)[k], key, depth + 1, out);
  }
}
