/**
 * The parts of the document that describe it rather than an operation: `info` (with the
 * contract's version), the tags and the security schemes of every credential.
 */

/**
 * The version of the HTTP contract (`info.version`), not of the package. Raise the minor
 * version for a compatible change and the patch for a wording one; a breaking change needs
 * a new major version under a new path prefix (docs/http-api.md, "The contract").
 */
export const API_VERSION = '1.1.0';

/** The document's `info`: title, the contract's version and what that version means. */
export const documentInfo = () => ({
  title: 'Regsync',
  // The version of this contract, not of the package: it moves by semantic versioning when
  // the document changes (the snapshot check in CI says which kind of change it is).
  version: API_VERSION,
  summary:
    'Git-driven registry of integration definitions: catalog, mapping, sync status and webhooks.',
  description:
    '`info.version` is the version of this HTTP contract (`/api/v1`), not of the regsync package: a compatible addition raises the minor version, a breaking change needs a new major version under a new path prefix (`/api/v2`). The committed snapshot (openapi/openapi.json) and `regsync api-diff` keep it honest (docs/http-api.md).',
  license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
});

/** Every operation carries one tag of these. */
export const documentTags = () => [
  {
    name: 'catalog',
    description:
      'Integrations, templates and entity types, as synced from Git. Reads carry an ETag.',
  },
  { name: 'mapping', description: 'Map raw vendor payloads to entity type attributes.' },
  { name: 'sync', description: 'Sync status, history, manual runs and the GitHub webhook.' },
  { name: 'operations', description: 'Probes, metrics and this document.' },
  {
    name: 'connections',
    description:
      "Users' connections to integrations: one table, configs validated per integration, secrets encrypted (docs/connections.md).",
  },
  {
    name: 'workspaces',
    description:
      'Workspaces and the templates installed into them as editable copies (docs/workspaces.md).',
  },
];

/** The credentials operations name in their `security` (the proxy's headers are apiKeys). */
export const securitySchemes = () => ({
  adminToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'REGSYNC_ADMIN_TOKEN, as `Authorization: Bearer <token>`.',
  },
  proxyUser: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Regsync-User',
    description:
      'The authenticated user, set by the authenticating proxy (docs/connections.md). Only trusted together with proxySecret.',
  },
  proxySecret: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Regsync-Proxy-Secret',
    description: 'REGSYNC_PROXY_SECRET: proves the request came through the proxy.',
  },
  githubSignature: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Hub-Signature-256',
    description:
      '`sha256=` and the HMAC-SHA256 of the raw body under REGSYNC_WEBHOOK_SECRET (a signature per delivery, not a fixed key).',
  },
});
