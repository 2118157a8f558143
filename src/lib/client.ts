/**
 * `regsync/client`: the typed client of the Regsync HTTP API (`/api/v1`), for applications
 * that read the catalog, trigger syncs or follow the change feed. `createRegsyncClient(baseUrl,
 * { adminToken })` returns an openapi-fetch client whose paths, parameters and bodies are
 * typed by the committed OpenAPI document (src/client/, docs/http-api.md "The typed client").
 *
 * The surface is deliberate (docs/library.md "Stability"). This module loads nothing but
 * openapi-fetch: no database, HTTP server or Git code, and no node: built-in, so it runs in
 * browsers too (rules `client-stands-alone` and `library-entries-stay-pure`).
 *
 * @packageDocumentation
 */
export {
  createRegsyncClient,
  type components,
  type operations,
  type paths,
  type RegsyncClient,
  type RegsyncClientOptions,
} from '../client/index.js';
