import type { RequestHandler } from 'express';
import { ApiError } from '../ApiError.js';

/** What `limitInFlight` admits: how many run at once, how many may wait for a slot. */
export interface InFlightLimit {
  /** Requests past the middleware at once (reading their body, working, answering). 0: no limit. */
  concurrency: number;
  /** Requests that may wait for a slot; one more is refused with 503. */
  queue: number;
  /** Seconds the refusal's `Retry-After` names. */
  retryAfterSeconds: number;
  /** What the refusal says is busy (`mapping`), for its detail. */
  name: string;
  /** Called on every refusal (a metric). */
  onRefused?: () => void;
}

/** The state of one limiter, for metrics and tests. */
export interface InFlightGauge {
  running(): number;
  waiting(): number;
}

/**
 * Bounds a CPU-heavy route: at most `concurrency` requests run past this middleware at once,
 * up to `queue` more wait (their bodies unread, so a waiting 1 MB request costs a socket, not
 * memory or CPU), and the next one is refused at once with 503 `OVERLOADED`, `Retry-After`
 * and `Connection: close`. A slot is released when the response has finished (its 'close', a tick after 'finish') or
 * the client goes away, whichever comes first, exactly once. Mount it before the body parser: admission is decided
 * before any byte of the body is read or parsed.
 */
export function limitInFlight(limit: InFlightLimit): RequestHandler & InFlightGauge {
  let running = 0;
  const waiting: Array<() => void> = [];

  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };

  const handler: RequestHandler = (_req, res, next) => {
    if (limit.concurrency <= 0) {
      next();
      return;
    }
    let settled = false;
    let admitted = false;
    const done = (): void => {
      if (settled) return;
      settled = true;
      if (admitted) release();
      else {
        // Left while waiting: give up its place in the queue.
        const at = waiting.indexOf(start);
        if (at >= 0) waiting.splice(at, 1);
      }
    };
    const start = (): void => {
      admitted = true;
      next();
    };
    if (running < limit.concurrency) {
      running++;
      // 'close' alone: a response emits it after 'finish' too (one tick later), and when the
      // client goes away; one listener a request instead of two.
      res.once('close', done);
      start();
      return;
    }
    if (waiting.length >= limit.queue) {
      limit.onRefused?.();
      throw new ApiError(
        'OVERLOADED',
        `too many ${limit.name} requests at once (${limit.concurrency} running, ${limit.queue} waiting); retry after ${limit.retryAfterSeconds} s`,
        // Closing the connection spares reading (and discarding) the unread body: without it
        // Node drains every byte of a refused 1 MB upload to keep the connection alive.
        { headers: { 'Retry-After': String(limit.retryAfterSeconds), Connection: 'close' } },
      );
    }
    // A slot handed over by release() keeps `running` as it is: the next one takes it.
    waiting.push(start);
    res.once('close', done);
  };
  return Object.assign(handler, {
    running: () => running,
    waiting: () => waiting.length,
  });
}
