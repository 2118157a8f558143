import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import { Router } from 'express';
import { ApiError, validationError } from '../ApiError.js';
import { requireAdmin } from '../middleware/requireAdmin.js';
import type { UserDataAppDeps } from './connectionsRouter.js';

/** The HTTP import lists at most this many problems (`errorsOmitted` counts the rest). */
export const MAX_IMPORT_ERRORS = 1000;

/**
 * `POST /api/v1/connections/import[?dryRun=true]` (admin, `Authorization: Bearer
 * <REGSYNC_ADMIN_TOKEN>`): the body is NDJSON (`Content-Type: application/x-ndjson`), one
 * connection a line, imported as `regsync connections import` does and answered 200 with the
 * same report. The body is streamed line by line, never buffered whole; a line longer than
 * REGSYNC_BODY_LIMIT_BYTES is refused with 413 (the lines before it are imported: a re-run
 * changes nothing for them).
 */
export function connectionImportRouter(deps: UserDataAppDeps): Router {
  const router = Router();
  const importer = deps.userData?.importer;
  router.post('/connections/import', requireAdmin(deps.settings.adminToken), async (req, res) => {
    if (!importer) throw new ApiError('NOT_READY', 'connections are not wired in this process');
    const dryRun = req.query.dryRun;
    if (dryRun !== undefined && dryRun !== 'true' && dryRun !== 'false')
      throw validationError(
        [{ pointer: '/query/dryRun', rule: 'enum', message: 'must be true or false' }],
        'query',
      );
    const type = req.get('content-type')?.split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/x-ndjson')
      throw new ApiError(
        'UNSUPPORTED_MEDIA_TYPE',
        `expected Content-Type application/x-ndjson (one JSON object a line), got ${type ? JSON.stringify(type.slice(0, 100)) : 'none'}`,
      );
    const report = await importer.run(ndjsonLines(req, deps.settings.bodyLimitBytes), {
      dryRun: dryRun === 'true',
      maxErrors: MAX_IMPORT_ERRORS,
    });
    res.set('Cache-Control', 'no-store').json(report);
  });
  return router;
}

/**
 * The lines of a stream (without `\n` or `\r\n`), decoded as UTF-8 across chunk borders.
 * Throws 413 PAYLOAD_TOO_LARGE as soon as one line passes `maxLine` characters, before it is
 * held whole.
 */
export async function* ndjsonLines(stream: Readable, maxLine: number): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  const tooLong = () =>
    new ApiError(
      'PAYLOAD_TOO_LARGE',
      `a line of the import is longer than ${maxLine} characters (REGSYNC_BODY_LIMIT_BYTES)`,
    );
  for await (const chunk of stream) {
    pending += decoder.write(chunk as Buffer);
    let start = 0;
    for (let end = pending.indexOf('\n'); end !== -1; end = pending.indexOf('\n', start)) {
      if (end - start > maxLine) throw tooLong();
      yield pending.slice(start, pending[end - 1] === '\r' ? end - 1 : end);
      start = end + 1;
    }
    pending = pending.slice(start);
    if (pending.length > maxLine) throw tooLong();
  }
  pending += decoder.end();
  if (pending.length > 0) yield pending.endsWith('\r') ? pending.slice(0, -1) : pending;
}
