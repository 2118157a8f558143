/** Limits that bound the work per record; see README "Limits". */

/** Deepest level below its starting value that a `..` descent visits. */
export const MAX_DESCENT_DEPTH = 64;
/** Default `maxItems` of `each` and `mapEach`. */
export const DEFAULT_MAX_ITEMS = 1000;
/** Largest `maxItems` accepted; also caps the matches of a multi-valued path and the pieces of `split`. */
export const MAX_ITEMS = 100_000;
/** Longest transform chain. */
export const MAX_CHAIN_LENGTH = 50;
/** Deepest nesting of `if`, `each` and `mapEach`. */
export const MAX_NESTING = 8;
/** Entries kept by a MappingCache unless told otherwise. */
export const DEFAULT_CACHE_SIZE = 256;
