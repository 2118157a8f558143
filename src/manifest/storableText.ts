/**
 * Text PostgreSQL cannot hold: a NUL character (text and jsonb cannot store U+0000) and a
 * lone UTF-16 surrogate (no UTF-8 encoding exists). Pure, so the HTTP edge
 * (src/http/middleware/refuseUnstorableText.ts) and the connection importer refuse the same
 * text with the same finding before any query runs.
 */
import { joinPointer } from './jsonPointer.js';

/** A NUL, a high surrogate not followed by a low one, or a low one not preceded by a high one. */
export const BAD_TEXT = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `text` cannot be stored, or undefined when it can. */
export function unstorableReason(text: string): string | undefined {
  const match = BAD_TEXT.exec(text);
  if (!match) return undefined;
  return match[0] === '\0'
    ? `contains a NUL character (U+0000) at offset ${match.index}, which text columns cannot hold`
    : `contains a lone UTF-16 surrogate at offset ${match.index}, which has no UTF-8 encoding`;
}

/** The first string or key in a parsed JSON value that cannot be stored, as a field error. */
export function findUnstorableText(
  value: unknown,
  pointer = '',
): { pointer: string; rule: 'storable-text'; message: string } | undefined {
  // An explicit stack: a deep body must not cost a deep recursion (depth is capped anyway).
  const stack: Array<[unknown, string]> = [[value, pointer]];
  while (stack.length > 0) {
    const [node, at] = stack.pop()!;
    if (typeof node === 'string') {
      const reason = unstorableReason(node);
      if (reason) return { pointer: at, rule: 'storable-text', message: `the string ${reason}` };
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push([node[i], joinPointer(at, i)]);
    } else if (node && typeof node === 'object') {
      const entries = Object.entries(node as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        const reason = unstorableReason(key);
        if (reason) {
          return {
            pointer: joinPointer(at, key),
            rule: 'storable-text',
            message: `the key ${reason}`,
          };
        }
        stack.push([child, joinPointer(at, key)]);
      }
    }
  }
  return undefined;
}
