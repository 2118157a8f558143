/**
 * Text PostgreSQL cannot hold is refused at the edge, before any query runs: a NUL byte
 * (text columns cannot store U+0000; PostgreSQL answers 08P01 for the parameter, PGlite
 * fails to read the message) and a lone UTF-16 surrogate (no UTF-8 encoding exists). One
 * mechanism for every route: the query string here (`/query/<name>`), JSON bodies in
 * readJsonBody (the JSON pointer of the string or key), decoded path segments (`/path/<n>`).
 */
import type { RequestHandler } from 'express';
import { joinPointer } from '../../manifest/jsonPointer.js';
import { validationError, ApiError } from '../ApiError.js';
import type { FieldError } from '../../errors/FieldError.js';

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const BAD_TEXT = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `text` cannot be stored, or undefined when it can. */
export function unstorableReason(text: string): string | undefined {
  const match = BAD_TEXT.exec(text);
  if (!match) return undefined;
  return match[0] === '\0'
    ? `contains a NUL character (U+0000) at offset ${match.index}, which text columns cannot hold`
    : `contains a lone UTF-16 surrogate at offset ${match.index}, which has no UTF-8 encoding`;
}

/** The first string or key in a parsed JSON value that cannot be stored, as a field error. */
export function findUnstorableText(value: unknown, pointer = ''): FieldError | undefined {
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

/**
 * Refuses a request whose query string (names or values) or decoded path segments hold text
 * that cannot be stored: 400 INVALID_QUERY with `/query/<name>`, or 400 BAD_REQUEST naming
 * the segment. An undecodable segment is left to the router (its own 400).
 */
export function refuseUnstorableText(): RequestHandler {
  return (req, _res, next) => {
    // Most requests carry no query and no escaped segment: nothing to decode or scan.
    const url = req.url;
    if (!url.includes('?') && !url.includes('%')) return next();
    const errors: FieldError[] = [];
    const query = req.query as Record<string, string | string[] | undefined>;
    for (const [name, raw] of Object.entries(query)) {
      const reason =
        unstorableReason(name) ??
        (Array.isArray(raw) ? raw : [raw ?? '']).map(unstorableReason).find((r) => r);
      if (reason) {
        errors.push({
          pointer: joinPointer('/query', name.replace(BAD_TEXT, '\uFFFD')),
          rule: 'storable-text',
          message: `query parameter ${JSON.stringify(name.replace(BAD_TEXT, '\uFFFD'))} ${reason}`,
        });
      }
    }
    if (errors.length > 0) throw validationError(errors, 'query');
    const segments = req.path.split('/');
    for (let i = 1; i < segments.length; i++) {
      const segment = segments[i]!;
      if (!segment.includes('%')) continue;
      let decoded: string;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        continue;
      }
      const reason = unstorableReason(decoded);
      if (reason) {
        throw new ApiError('BAD_REQUEST', `path segment ${i} ${reason}`, {
          errors: [
            { pointer: `/path/${i}`, rule: 'storable-text', message: `the segment ${reason}` },
          ],
        });
      }
    }
    next();
  };
}
