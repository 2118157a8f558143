/**
 * Parses a mapping source path once, at compile (or validation) time, into segments that
 * the engine walks directly.
 *
 * Two syntaxes:
 * - dot paths: `properties.email`, `line_items.data.0.price` (a digit-only segment indexes
 *   an array, or reads that key of an object);
 * - a strict JSONPath subset starting with `$`: `.name`, `['name']`, `["name"]`, `[2]`,
 *   `[-1]`, `[*]`, `.*`, `[0,2]`, `['a','b']`, `[1:3]`, `[::2]`, `..name`, `..*`.
 *
 * Script segments (`[?(...)]` filters, `[(...)]` expressions) are refused with rule
 * `jsonpath-script`: jsonpath-plus's evaluator has had remote-code-execution bypasses, so
 * manifests select by condition with the declarative `select` transform instead. Anything
 * else outside the subset (jsonpath-plus extensions such as `~`, `^`, `@string()`) is
 * `jsonpath-invalid`. The parser is hand-written because `JSONPath.toPathArray` accepts
 * malformed input (`$.a[` parses) and would let typos through review.
 */

export type PathSegment =
  | { kind: 'key'; key: string }
  | { kind: 'index'; index: number }
  | { kind: 'wildcard' }
  | { kind: 'slice'; start: number | undefined; end: number | undefined; step: number | undefined }
  | { kind: 'union'; members: Array<string | number> }
  | { kind: 'descendant'; key: string | null };

/**
 * A parsed source path: its text, which syntax it used, its segments, and whether it can match
 * several values.
 */
export interface ParsedSourcePath {
  text: string;
  syntax: 'dot' | 'jsonpath';
  segments: PathSegment[];
  /** True when the path can match several values (wildcard, slice, union, descendant): its value is then an array. */
  multi: boolean;
}

/**
 * A parsed path, or why the text is not one (the rule, a message and the character offset of
 * the problem).
 */
export type ParseSourcePathResult =
  | { ok: true; path: ParsedSourcePath }
  | { ok: false; rule: 'jsonpath-invalid' | 'jsonpath-script'; message: string; offset: number };

/** Longest path accepted, in characters; longer ones are refused to bound work per record. */
export const MAX_PATH_LENGTH = 500;
/** Most segments a path may have. */
export const MAX_PATH_SEGMENTS = 64;

const DOT_SEGMENT = /^[^.[\]\s]+$/;
const NAME_CHAR = /[A-Za-z0-9_$-]/;

/** Parses a dot path or JSONPath; never throws. */
export function parseSourcePath(text: string): ParseSourcePathResult {
  if (text.length === 0) return fail('jsonpath-invalid', 'the path is empty', 0);
  if (text.length > MAX_PATH_LENGTH) {
    return fail(
      'jsonpath-invalid',
      `the path is longer than ${MAX_PATH_LENGTH} characters`,
      MAX_PATH_LENGTH,
    );
  }
  const result = text.startsWith('$') ? parseJsonPath(text) : parseDotPath(text);
  if (result.ok && result.path.segments.length > MAX_PATH_SEGMENTS) {
    return fail('jsonpath-invalid', `the path has more than ${MAX_PATH_SEGMENTS} segments`, 0);
  }
  return result;
}

function fail(
  rule: 'jsonpath-invalid' | 'jsonpath-script',
  message: string,
  offset: number,
): ParseSourcePathResult {
  return { ok: false, rule, message, offset };
}

function parseDotPath(text: string): ParseSourcePathResult {
  const segments: PathSegment[] = [];
  let offset = 0;
  for (const part of text.split('.')) {
    if (part === '')
      return fail(
        'jsonpath-invalid',
        `empty segment at character ${offset + 1} (two dots, or a dot at an end)`,
        offset,
      );
    if (!DOT_SEGMENT.test(part)) {
      return fail(
        'jsonpath-invalid',
        `"${part}" is not a dot-path segment; use a JSONPath starting with $ for brackets or special characters`,
        offset,
      );
    }
    segments.push(
      /^(0|[1-9][0-9]{0,8})$/.test(part)
        ? { kind: 'index', index: Number(part) }
        : { kind: 'key', key: part },
    );
    offset += part.length + 1;
  }
  return { ok: true, path: { text, syntax: 'dot', segments, multi: false } };
}

/** A small cursor-based parser for the JSONPath subset described above. */
function parseJsonPath(text: string): ParseSourcePathResult {
  const segments: PathSegment[] = [];
  let i = 1; // after '$'
  const at = (k: number) => text[k] ?? '';

  const readName = (): string => {
    const start = i;
    while (i < text.length && NAME_CHAR.test(at(i))) i++;
    return text.slice(start, i);
  };

  while (i < text.length) {
    const c = at(i);
    if (c === '.') {
      if (at(i + 1) === '.') {
        i += 2;
        if (at(i) === '*') {
          i++;
          segments.push({ kind: 'descendant', key: null });
          continue;
        }
        if (at(i) === '[') {
          return fail(
            'jsonpath-invalid',
            `use ..name or ..* for recursive descent (character ${i + 1})`,
            i,
          );
        }
        const name = readName();
        if (!name)
          return fail('jsonpath-invalid', `a name or * must follow ".." at character ${i + 1}`, i);
        segments.push({ kind: 'descendant', key: name });
        continue;
      }
      i++;
      if (at(i) === '*') {
        i++;
        segments.push({ kind: 'wildcard' });
        continue;
      }
      const name = readName();
      if (!name) return unexpected(text, i);
      segments.push({ kind: 'key', key: name });
      continue;
    }
    if (c === '[') {
      const close = findBracketEnd(text, i);
      if (close < 0)
        return fail(
          'jsonpath-invalid',
          `the bracket opened at character ${i + 1} is never closed`,
          i,
        );
      const inner = text.slice(i + 1, close).trim();
      if (inner.startsWith('?') || inner.startsWith('(')) {
        return fail(
          'jsonpath-script',
          `script expressions such as "[${inner}]" are not allowed (they would run manifest text as code); select by condition with the "select" transform instead`,
          i,
        );
      }
      const segment = parseBracket(inner);
      if (typeof segment === 'string')
        return fail('jsonpath-invalid', `${segment} at character ${i + 1}`, i);
      segments.push(segment);
      i = close + 1;
      continue;
    }
    return unexpected(text, i);
  }
  const multi = segments.some(
    (s) =>
      s.kind === 'wildcard' || s.kind === 'slice' || s.kind === 'union' || s.kind === 'descendant',
  );
  return { ok: true, path: { text, syntax: 'jsonpath', segments, multi } };
}

function unexpected(text: string, i: number): ParseSourcePathResult {
  const ch = text[i] ?? '';
  const hint = '~^@'.includes(ch) ? ' (jsonpath-plus extensions are not supported)' : '';
  return fail('jsonpath-invalid', `unexpected "${ch}" at character ${i + 1}${hint}`, i);
}

/** Index of the `]` closing the bracket at `open`, honouring quoted strings; -1 if none. */
function findBracketEnd(text: string, open: number): number {
  let quote: string | null = null;
  for (let k = open + 1; k < text.length; k++) {
    const ch = text[k];
    if (quote) {
      if (ch === '\\') k++;
      else if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === ']') return k;
  }
  return -1;
}

const INT = /^-?(0|[1-9][0-9]{0,8})$/;

/** Parses what stands between brackets; returns an error message string on failure. */
function parseBracket(inner: string): PathSegment | string {
  if (inner === '*') return { kind: 'wildcard' };
  if (inner === '') return 'an empty bracket';
  const parts = splitTopLevel(inner);
  if (typeof parts === 'string') return parts;
  if (parts.length === 1) {
    const only = (parts[0] ?? '').trim();
    if (only.includes(':')) return parseSlice(only);
    const member = parseMember(only);
    if (typeof member === 'object') return member.error;
    return typeof member === 'number'
      ? { kind: 'index', index: member }
      : { kind: 'key', key: member };
  }
  const members: Array<string | number> = [];
  for (const part of parts) {
    const member = parseMember(part.trim());
    if (typeof member === 'object') return member.error;
    members.push(member);
  }
  return { kind: 'union', members };
}

function parseMember(part: string): string | number | { error: string } {
  if (INT.test(part)) return Number(part);
  const quoted = /^(['"])(.*)\1$/s.exec(part);
  if (quoted) {
    const body = quoted[2] ?? '';
    // Only \\ and \<quote> escapes: enough for keys, and nothing to interpret.
    return body.replace(/\\(['"\\])/g, '$1');
  }
  return { error: `"${part}" must be a number or a quoted name` };
}

function parseSlice(part: string): PathSegment | string {
  const pieces = part.split(':');
  if (pieces.length > 3) return `"${part}" is not a slice`;
  const nums: Array<number | undefined> = [];
  for (const piece of pieces) {
    const t = piece.trim();
    if (t === '') nums.push(undefined);
    else if (INT.test(t)) nums.push(Number(t));
    else return `"${part}" is not a slice`;
  }
  if (nums[2] === 0) return 'a slice step cannot be 0';
  if (nums[2] !== undefined && nums[2] < 0) return 'negative slice steps are not supported';
  return { kind: 'slice', start: nums[0], end: nums[1], step: nums[2] };
}

/** Splits a union on commas outside quotes. */
function splitTopLevel(inner: string): string[] | string {
  const parts: string[] = [];
  let quote: string | null = null;
  let start = 0;
  for (let k = 0; k < inner.length; k++) {
    const ch = inner[k];
    if (quote) {
      if (ch === '\\') k++;
      else if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === ',') {
      parts.push(inner.slice(start, k));
      start = k + 1;
    }
  }
  if (quote) return 'an unterminated quoted name';
  parts.push(inner.slice(start));
  return parts;
}
