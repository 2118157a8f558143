import { Router, type Request } from 'express';
import type { AppDeps, FeedServices } from '../AppDeps.js';
import { ApiError, validationError, type FieldError } from '../ApiError.js';
import { FeedError } from '../../feed/FeedError.js';
import { eventJson } from '../../feed/eventJson.js';
import { PAGE_LIMITS } from '../openapi/pageLimits.js';
import { parseLimit, single } from './listQuery.js';
import { serveEventStream } from './eventStream.js';

const ID = /^\d{1,15}$/;

/** A cursor (query `after` or header Last-Event-ID): a whole number, else a field error. */
function cursor(
  raw: string | undefined,
  pointer: string,
  errors: FieldError[],
): number | undefined {
  if (raw === undefined) return undefined;
  if (!ID.test(raw.trim())) {
    errors.push({ pointer, rule: 'cursor', message: 'an event id is a whole number (the SSE id)' });
    return undefined;
  }
  return Number(raw.trim());
}

function wantsStream(req: Request): boolean {
  return (req.headers.accept ?? '').toLowerCase().includes('text/event-stream');
}

/**
 * `GET /events`: the change feed. With `Accept: text/event-stream`, a Server-Sent-Events
 * stream (replay after `Last-Event-ID` or `after`, then live); otherwise the events after
 * `after` as a JSON page (`410 FEED_EXPIRED` when they are no longer retained).
 */
export function eventsRouter(deps: AppDeps): Router {
  const router = Router();
  let open = 0;

  router.get('/', async (req, res) => {
    const feed: FeedServices | undefined = deps.feed;
    if (!feed) throw new ApiError('NOT_FOUND', 'this instance serves no change feed');
    const errors: FieldError[] = [];
    const after = cursor(single(req, 'after', errors), '/query/after', errors);
    const limit = parseLimit(req, errors, PAGE_LIMITS.events.default, PAGE_LIMITS.events.max);
    if (wantsStream(req)) {
      const header = req.headers['last-event-id'];
      const lastEventId = cursor(
        typeof header === 'string' ? header : undefined,
        '/header/Last-Event-ID',
        errors,
      );
      if (errors.length > 0) throw validationError(errors, 'query');
      if (open >= feed.maxStreams)
        throw new FeedError(
          'FEED_STREAMS_EXHAUSTED',
          `this instance already serves ${feed.maxStreams} change feed streams (REGSYNC_FEED_MAX_STREAMS); retry later or poll GET /api/v1/events?after=<id>`,
        );
      open++;
      await serveEventStream({
        res,
        hub: feed.hub,
        reader: feed.reader,
        after: lastEventId ?? after,
        heartbeatMs: feed.heartbeatMs,
        onEnd: () => {
          open--;
        },
      });
      return;
    }
    if (errors.length > 0) throw validationError(errors, 'query');
    if (after !== undefined) {
      const check = await feed.reader.checkCursor(after);
      if (!check.ok)
        throw new FeedError(
          'FEED_EXPIRED',
          `events after ${after} are no longer retained (oldest kept: ${check.oldestId ?? 'none'}, newest: ${check.latestId ?? 'none'}): resync the catalog, then follow from the newest id`,
        );
    }
    const events = await feed.reader.after(after ?? 0, limit);
    const latestId = await feed.reader.latestId();
    const lastId = events.at(-1)?.id ?? after ?? 0;
    res.setHeader('Cache-Control', 'no-store');
    res.json({
      items: events.map(eventJson),
      // Ask again with after=next; the page is complete when next equals latestId.
      next: lastId,
      latestId,
    });
  });

  return router;
}
