/**
 * Text PostgreSQL cannot hold is refused at the edge, before any query runs: a NUL byte
 * (text columns cannot store U+0000; PostgreSQL answers 08P01 for the parameter, PGlite
 * fails to read the message) and a lone UTF-16 surrogate (no UTF-8 encoding exists). One
 * mechanism for every route: the query string here (`/query/<name>`), JSON bodies in
 * readJsonBody (the JSON pointer of the string or key), decoded path segments (`/path/<n>`).
 */
import type { RequestHandler } from 'express';
import { joinPointer } from '../../manifest/jsonPointer.js';
import { BAD_TEXT, findUnstorableText, unstorableReason } from '../../manifest/storableText.js';
import type { FieldError } from '../../errors/FieldError.js';
import { validationError, ApiError } from '../ApiError.js';

export { findUnstorableText, unstorableReason };

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
