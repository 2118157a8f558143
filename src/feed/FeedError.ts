import { RegsyncError, type ErrorPolicy } from '../errors/RegsyncError.js';

/** Codes of the change feed and their policy (src/http/statusTable.ts gives each its status). */
export const FEED_ERROR_POLICY = {
  /** The cursor is older than the retained history (or from another database): resync. */
  FEED_EXPIRED: 'stalling',
  /** REGSYNC_FEED_MAX_STREAMS streams are open on this instance: retry later. */
  FEED_STREAMS_EXHAUSTED: 'transient',
} as const satisfies Record<string, ErrorPolicy>;

/** Codes of the change feed. */
export type FeedErrorCode = keyof typeof FEED_ERROR_POLICY;

/** An operational error of the change feed. */
export class FeedError extends RegsyncError<FeedErrorCode> {
  override readonly name = 'FeedError';

  constructor(code: FeedErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, FEED_ERROR_POLICY[code], options);
  }
}
