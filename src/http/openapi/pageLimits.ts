/**
 * Page sizes of every list operation: the OpenAPI document shows them (parameter `limit`,
 * `minimum`/`maximum`, the default in its description) and the routes apply them, from this
 * one table, so the document cannot promise a size the service does not keep.
 */
export interface PageLimit {
  /** Items in a page when the request gives no `limit`. */
  default: number;
  /** Largest `limit` accepted; a larger one is a 400 INVALID_QUERY. */
  max: number;
}

/** The page limits of every list operation, by list (see `PageLimit`). */
export const PAGE_LIMITS = {
  /** `GET /integrations`, `GET /templates`. */
  definitions: { default: 20, max: 100 },
  /** `GET /entity-types` and `GET /<kind>/{key}/entity-types`: entries carry attributes, so pages are smaller. */
  entityTypes: { default: 20, max: 100 },
  /** `GET /manifests`: a path and a state each, so pages can be larger. */
  manifests: { default: 500, max: 1000 },
  /** `GET /sync/runs`: the newest runs; older ones are not served. */
  syncRuns: { default: 20, max: 100 },
  /** `GET /users/{userId}/connections`, `GET /workspaces`, `GET /integrations/{key}/connections`. */
  userData: { default: 100, max: 500 },
} as const satisfies Record<string, PageLimit>;

/** Longest `cursor` accepted by every paged list (the parameter's `maxLength`). */
export const MAX_CURSOR_LENGTH = 1400;

/**
 * Records one `POST …/map` request may carry unless the app is given another bound
 * (`AppDeps.settings.maxMapRecords`): the request schema's `maxItems` and the route's check.
 */
export const DEFAULT_MAX_MAP_RECORDS = 1000;
