import { JSONPath } from 'jsonpath-plus';
import { parseSourcePath } from './parseSourcePath.js';

/**
 * The reference interpreter's path reader: JSONPaths through jsonpath-plus (always
 * `eval: false`), dot paths naively, own properties only. It re-reads the path text on
 * every call: simplicity over speed. Two adjustments make jsonpath-plus follow
 * README "Paths": a standalone negative index `[-k]` is rewritten to the slice that
 * selects the same element, and matches whose parent is a string (jsonpath-plus reads
 * `"abc"[0]`) are dropped. Returns undefined for a path that does not parse.
 */
export function interpretPath(path: string, json: unknown): unknown {
  const parsed = parseSourcePath(path);
  if (!parsed.ok) return undefined;
  if (parsed.path.syntax === 'dot') return readDotPath(path, json);
  if (parsed.path.segments.length === 0) return json;
  if (typeof json !== 'object' || json === null) return undefined;
  const results = JSONPath({
    path: rewriteNegativeIndexes(path),
    json,
    eval: false,
    wrap: true,
    resultType: 'all',
  }) as Array<{ value: unknown; parent: unknown }>;
  const values = results.filter((r) => typeof r.parent !== 'string').map((r) => r.value);
  if (!parsed.path.multi) return values[0];
  return values.length > 0 ? values : undefined;
}

/** Naive dot-path walk: every segment is an own property name of an object or array. */
function readDotPath(path: string, json: unknown): unknown {
  let value = json;
  for (const segment of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment))
      return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/** `[-1]` to `[-1:]`, `[-3]` to `[-3:-2]` (jsonpath-plus reads `[-1]` as the key "-1"). */
function rewriteNegativeIndexes(path: string): string {
  let out = '';
  let i = 0;
  while (i < path.length) {
    const ch = path[i];
    if (ch !== '[') {
      out += ch;
      i++;
      continue;
    }
    let k = i + 1;
    let quote: string | null = null;
    for (; k < path.length; k++) {
      const c = path[k];
      if (quote) {
        if (c === '\\') k++;
        else if (c === quote) quote = null;
      } else if (c === "'" || c === '"') quote = c;
      else if (c === ']') break;
    }
    const inner = path.slice(i + 1, k);
    const m = /^\s*-(\d+)\s*$/.exec(inner);
    if (m) {
      const n = Number(m[1]);
      out += n === 0 ? '[0]' : n === 1 ? '[-1:]' : `[-${n}:-${n - 1}]`;
    } else out += path.slice(i, k + 1);
    i = k + 1;
  }
  return out;
}
