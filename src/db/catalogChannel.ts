/** The LISTEN/NOTIFY channel on which a finished sync announces the new catalog revision. */
export const CATALOG_CHANNEL = 'regsync_catalog';
