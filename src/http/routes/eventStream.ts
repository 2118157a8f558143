import type { Response } from 'express';
import { eventJson } from '../../feed/eventJson.js';
import type { FeedHub } from '../../feed/FeedHub.js';
import type { ChangeEvent, ChangeFeedReader } from '../../feed/ports.js';

/** What one Server-Sent-Events stream needs. */
export interface EventStreamOptions {
  res: Response;
  hub: FeedHub;
  reader: ChangeFeedReader;
  /** Replay every event after this id first (Last-Event-ID or `after`); undefined: live only. */
  after: number | undefined;
  heartbeatMs: number;
  /** Called once when the stream ends, whoever ends it. */
  onEnd: () => void;
}

const REPLAY_PAGE = 500;

/** One SSE frame of an event: its id is the cursor a reconnecting client sends back. */
export function sseFrame(event: ChangeEvent): string {
  return `id: ${event.id}\nevent: change\ndata: ${JSON.stringify(eventJson(event))}\n\n`;
}

/**
 * Serves one stream: subscribes to the hub first (buffering), replays the missed events
 * from the database (or says `event: expired` and ends when they are no longer retained),
 * then flushes what arrived meanwhile and goes live. Each event is written once, in id
 * order: anything at or below the last id written is skipped. A heartbeat comment every
 * `heartbeatMs` keeps proxies from closing an idle stream.
 */
export async function serveEventStream(options: EventStreamOptions): Promise<void> {
  const { res, hub, reader } = options;
  let last = options.after ?? hub.cursor;
  let buffer: ChangeEvent[] | undefined = [];
  let ended = false;
  const write = (event: ChangeEvent) => {
    if (ended || event.id <= last) return;
    last = event.id;
    res.write(sseFrame(event));
  };
  const unsubscribe = hub.subscribe(
    (event) => (buffer ? buffer.push(event) : write(event)),
    () => end(),
  );
  const heartbeat = setInterval(() => {
    if (!ended) res.write(': heartbeat\n\n');
  }, options.heartbeatMs);
  heartbeat.unref();
  const end = () => {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    unsubscribe();
    options.onEnd();
    res.end();
  };
  res.on('close', end);

  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Connection', 'keep-alive');
  // nginx buffers responses unless told not to; a buffered stream is no stream.
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  res.write('retry: 2000\n\n');

  try {
    if (options.after !== undefined) {
      const check = await reader.checkCursor(options.after);
      if (!check.ok) {
        res.write(
          `event: expired\ndata: ${JSON.stringify({
            status: 410,
            code: 'FEED_EXPIRED',
            detail: `events after ${options.after} are no longer retained (or the id is from another database): resync the catalog, then reconnect without Last-Event-ID`,
            oldestId: check.oldestId,
            latestId: check.latestId,
          })}\n\n`,
        );
        return end();
      }
      for (;;) {
        const page = await reader.after(last, REPLAY_PAGE);
        for (const event of page) write(event);
        if (page.length < REPLAY_PAGE || ended) break;
      }
    }
    const pending: ChangeEvent[] = buffer;
    buffer = undefined;
    for (const event of pending) write(event);
  } catch (error) {
    res.write(
      `event: error\ndata: ${JSON.stringify({ detail: 'the feed could not be read; reconnect' })}\n\n`,
    );
    end();
    throw error;
  }
}
