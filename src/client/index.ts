/**
 * The typed client of the Regsync HTTP API: openapi-fetch over the types openapi-typescript
 * generates from the committed contract (openapi/openapi.json → ./schema.ts, `npm run
 * openapi:client`). Method names are the document's paths and methods, and every path,
 * parameter, body and answer is typed by it, so a client that compiles calls the API the
 * document describes.
 *
 * Stand-alone by rule (`.dependency-cruiser.cjs`, client-stands-alone): nothing here imports
 * the rest of src/ or a node: built-in, so it ships alone and runs in browsers, Node 20+,
 * Deno and Bun (anything with fetch).
 */
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './schema.js';

export type { components, operations, paths } from './schema.js';

/** The credentials a caller may hold; each is sent on every request when given. */
export interface RegsyncClientOptions {
  /** REGSYNC_ADMIN_TOKEN, sent as `Authorization: Bearer <token>` (security scheme adminToken). */
  adminToken?: string;
  /**
   * The authenticated user, as the trusted proxy sends it (`X-Regsync-User`, scheme
   * proxyUser). Only honoured together with `proxySecret`: use both from behind the proxy.
   */
  user?: string;
  /** REGSYNC_PROXY_SECRET, sent as `X-Regsync-Proxy-Secret` (scheme proxySecret). */
  proxySecret?: string;
  /** The fetch to use (tests, retries, tracing); default `globalThis.fetch`. */
  fetch?: (input: Request) => Promise<Response>;
}

/**
 * The client: `client.GET('/api/v1/integrations/{key}', { params: { path: { key } } })`
 * resolves to `{ data, error, response }`, `data` typed by the 2xx answer and `error` by the
 * documented problem answers (application/problem+json).
 */
export type RegsyncClient = Client<paths>;

/**
 * Makes a client for the service at `baseUrl` (its root, as `http://localhost:8080`, where
 * `/openapi.json` and `/api/v1` live). Throws a TypeError when `baseUrl` is not an absolute
 * http(s) URL, or when a credential holds a character an HTTP header cannot carry (a line
 * break would split the request). Never retries and never logs: credentials go only into
 * the request headers.
 */
export function createRegsyncClient(
  baseUrl: string,
  options: RegsyncClientOptions = {},
): RegsyncClient {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`createRegsyncClient: baseUrl must be an absolute URL, got ${baseUrl}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new TypeError(`createRegsyncClient: baseUrl must be http or https, got ${url.protocol}`);
  const headers: Record<string, string> = {};
  const set = (name: string, option: string, value: string | undefined) => {
    if (value === undefined) return;
    if (value === '' || !/^[\t\x20-\x7e]*$/.test(value))
      throw new TypeError(
        `createRegsyncClient: ${option} must be a non-empty header value of printable ASCII`,
      );
    headers[name] = value;
  };
  set('Authorization', 'adminToken', options.adminToken && `Bearer ${options.adminToken}`);
  set('X-Regsync-User', 'user', options.user);
  set('X-Regsync-Proxy-Secret', 'proxySecret', options.proxySecret);
  return createClient<paths>({
    // The document's paths are absolute (`/api/v1/...`), so the root is the base.
    baseUrl: url.href.replace(/\/+$/, ''),
    headers,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
