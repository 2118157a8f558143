/** The LISTEN/NOTIFY channel on which a finished sync announces the new catalog revision. */
export const CATALOG_CHANNEL = 'regsync_catalog';

/**
 * The channel on which the recording transaction announces a new change event (payload: its
 * id); PostgreSQL delivers it at commit, to every instance listening, this one included.
 */
export const FEED_CHANNEL = 'regsync_feed';
