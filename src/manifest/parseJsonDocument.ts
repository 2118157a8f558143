import { parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Node, ParseError } from 'jsonc-parser';
import type { Finding } from './Finding.js';
import { joinPointer, splitPointer } from './jsonPointer.js';
import { lineLocator } from './locateOffset.js';
import { countKeysInValue } from './countKeys.js';
import { scanJsonText } from './scanJsonText.js';
import type { Position } from './locateOffset.js';

/**
 * Where to point for a pointer: at the value (default) or at the property's key, which is
 * where a contributor looks for an extra or duplicated property.
 */
export type LocateTarget = 'value' | 'key';

/**
 * Maps a JSON pointer to a line and column. A pointer that does not resolve (a missing
 * property) yields the position of the deepest ancestor that exists.
 */
export type PointerLocator = (pointer: string, at?: LocateTarget) => Position;

/** A parsed document: its value (when it parsed), findings, and a way to locate pointers. */
export type ParsedJsonDocument =
  | { ok: true; value: unknown; findings: Finding[]; locate: PointerLocator }
  | { ok: false; findings: Finding[] };

const SYNTAX_HINTS: Record<string, string> = {
  InvalidCommentToken: 'comments are not allowed in JSON manifests; remove it',
  PropertyNameExpected:
    'expected a property name in double quotes (a trailing comma before "}" is not allowed)',
  ValueExpected: 'expected a value (a trailing comma before "]" is not allowed)',
  ColonExpected: 'expected ":" after the property name',
  CommaExpected: 'expected "," between values',
  CloseBraceExpected: 'expected "}" to close the object',
  CloseBracketExpected: 'expected "]" to close the array',
  EndOfFileExpected: 'expected the end of the file after the top-level value',
  InvalidSymbol: 'unexpected character; strings need double quotes',
  InvalidNumberFormat: 'invalid number',
  UnexpectedEndOfString: 'the string is not closed with a double quote',
  UnexpectedEndOfComment: 'a comment is not closed (comments are not allowed anyway)',
  UnexpectedEndOfNumber: 'the number ends unexpectedly',
  InvalidUnicode: 'invalid \\u escape in a string',
  InvalidEscapeCharacter:
    'invalid escape in a string (allowed: \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)',
  InvalidCharacter: 'control characters must be escaped inside strings',
};

/** Deepest nesting of arrays and objects accepted (the bundled manifests nest at most 12 deep). */
export const MAX_JSON_DEPTH = 100;

/**
 * Parses strict JSON text (no comments, no trailing commas) into a value, reporting every
 * syntax error as `json-syntax` and every repeated object key as `json-duplicate-key`
 * (pointing at the second occurrence), and refuses nesting deeper than MAX_JSON_DEPTH
 * (`json-too-deep`) before parsing. Pure; never throws. The value is built by
 * `JSON.parse` once the tree is known to be well formed, so a `"__proto__"` key is an own
 * property and never sets a prototype; for a repeated key the last occurrence wins.
 */
export function parseJsonDocument(text: string, file: string): ParsedJsonDocument {
  // One pass finds excess nesting and counts the keys the text writes.
  const scan = scanJsonText(text, MAX_JSON_DEPTH);
  const tooDeep = scan.tooDeepAt;
  // The common case, a well-formed file with no repeated key, needs no syntax tree until a
  // finding has to be located: JSON.parse and two key counts cost a fraction of building
  // the tree (most of a full scan's validation time before this path existed).
  if (tooDeep < 0) {
    const fast = parseWithoutTree(text, scan.keys);
    if (fast) {
      let locate: PointerLocator | undefined;
      return {
        ok: true,
        value: fast.value,
        findings: [],
        locate: (pointer, at) => {
          locate ??= treeLocator(text);
          return locate(pointer, at);
        },
      };
    }
  }
  return parseWithTree(text, file, tooDeep);
}

/**
 * The value, when `JSON.parse` takes the text and no object repeats a key (`textKeys`, the
 * keys the text writes, equals the parsed value's count); else undefined.
 */
function parseWithoutTree(text: string, textKeys: number): { value: unknown } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return textKeys === countKeysInValue(value) ? { value } : undefined;
}

/** A locator over a freshly built tree, for text known to be well formed. */
function treeLocator(text: string): PointerLocator {
  const root = parseTree(text, [], { disallowComments: true, allowTrailingComma: false });
  const toPosition = lineLocator(text);
  if (!root) return () => ({ line: 1, column: 1 });
  return pointerLocator(root, toPosition);
}

/** The full parse: every syntax error and repeated key as a finding, positions from the tree. */
function parseWithTree(text: string, file: string, tooDeep: number): ParsedJsonDocument {
  const toPosition = lineLocator(text);
  const finding = (offset: number, pointer: string, rule: string, message: string): Finding => ({
    file,
    ...toPosition(offset),
    pointer,
    rule,
    message,
    severity: 'error',
  });

  if (tooDeep >= 0) {
    const message = `The JSON is nested more than ${MAX_JSON_DEPTH} levels deep here; manifests never need that much, flatten the structure.`;
    return { ok: false, findings: [finding(tooDeep, '', 'json-too-deep', message)] };
  }

  const errors: ParseError[] = [];
  const root = parseTree(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  const findings: Finding[] = [];
  for (const e of errors) {
    const code = printParseErrorCode(e.error);
    const next = finding(
      e.offset,
      '',
      'json-syntax',
      `Invalid JSON: ${SYNTAX_HINTS[code] ?? code}.`,
    );
    // The parser recovers and often reports follow-on errors right after the first one;
    // one finding per line is what a contributor can act on.
    if (findings.at(-1)?.line === next.line) continue;
    findings.push(next);
  }
  if (findings.length > 0 || !root) {
    if (findings.length === 0)
      findings.push(finding(0, '', 'json-syntax', 'Invalid JSON: the file is empty.'));
    return { ok: false, findings };
  }

  collectDuplicateKeys(root, '', (node, pointer, key) =>
    findings.push(
      finding(
        node.offset,
        pointer,
        'json-duplicate-key',
        `Duplicate key "${key}": the object already has it; remove one of the two (only the last would count).`,
      ),
    ),
  );

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // jsonc-parser is slightly more lenient than JSON.parse in corners (e.g. a byte-order mark).
    findings.push(finding(0, '', 'json-syntax', `Invalid JSON: ${(error as Error).message}.`));
    return { ok: false, findings };
  }
  return { ok: true, value, findings, locate: pointerLocator(root, toPosition) };
}

function collectDuplicateKeys(
  node: Node,
  pointer: string,
  report: (keyNode: Node, pointer: string, key: string) => void,
): void {
  if (node.type === 'object') {
    const seen = new Set<string>();
    for (const property of node.children ?? []) {
      const keyNode = property.children?.[0];
      const valueNode = property.children?.[1];
      if (!keyNode) continue;
      const key = String(keyNode.value);
      const childPointer = joinPointer(pointer, key);
      if (seen.has(key)) report(keyNode, childPointer, key);
      seen.add(key);
      if (valueNode) collectDuplicateKeys(valueNode, childPointer, report);
    }
  } else if (node.type === 'array') {
    (node.children ?? []).forEach((child, index) =>
      collectDuplicateKeys(child, joinPointer(pointer, index), report),
    );
  }
}

/** Resolves pointers against the tree; for repeated keys the last occurrence (the one JSON.parse keeps). */
function pointerLocator(root: Node, toPosition: (offset: number) => Position): PointerLocator {
  return (pointer, at = 'value') => {
    let node = root;
    let property: Node | undefined;
    for (const token of splitPointer(pointer)) {
      let next: Node | undefined;
      let nextProperty: Node | undefined;
      if (node.type === 'object') {
        for (const p of node.children ?? []) {
          if (p.children?.[0]?.value === token) {
            nextProperty = p;
            next = p.children?.[1];
          }
        }
      } else if (node.type === 'array' && /^(0|[1-9][0-9]*)$/.test(token)) {
        next = node.children?.[Number(token)];
      }
      if (!next) return toPosition(node.offset);
      node = next;
      property = nextProperty;
    }
    return toPosition(at === 'key' && property ? property.offset : node.offset);
  };
}
