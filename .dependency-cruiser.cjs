/* global module */
/**
 * The dependency rules of docs/architecture.md ("Layers"), enforced by `npm run lint`
 * (`depcruise src`). test/integration/lint/boundaries.test.ts feeds each rule a forbidden
 * import and expects it to fail, so a rule that stopped matching would be noticed.
 *
 * Layers, inside out:
 * - core: src/manifest, src/mapping. Pure: only each other, the bundled schemas, the
 *   node: built-ins that do no I/O and the core's libraries.
 * - application: src/sync (the orchestrator), src/connections, src/workspaces (the user-data
 *   services), src/feed (the change feed), src/notify (outbound webhooks). Only the core
 *   and the application's ports, models and error types.
 * - adapters: the rest of src/ except the composition root. Never each other, except a
 *   port file (`ports.ts`), a model the port speaks in, or an error type; src/http, the
 *   driving adapter, also calls the application services.
 * - composition root: src/main.ts and src/cli/, the only places that wire adapters to
 *   ports; nothing else imports them.
 * - library entries: src/lib/, the files behind package.json `exports` (regsync/mapping,
 *   regsync/manifest, regsync/client). They re-export the core and the generated HTTP client
 *   (src/client/) and reach nothing that opens a database, a server or a repository.
 * - src/client, the typed HTTP client, stands apart: it ships alone and imports nothing of
 *   the rest (rule client-stands-alone).
 */

/** Folders of src/ by layer. */
const CORE = '^src/(manifest|mapping)/';
const ADAPTERS = '^src/(config|db|git|github|http|logging|registry|scheduler|web)/';

/** Files any layer may import from an application or adapter folder: the contracts. */
const CONTRACTS = [
  // The ports and what they speak in.
  '^src/[^/]+/ports\\.ts$',
  '^src/workspaces/WorkspaceModel\\.ts$',
  '^src/sync/reasons\\.ts$',
  '^src/http/syncTypes\\.ts$',
  // Error types are the shared vocabulary of failures (the HTTP error handler maps them all).
  '^src/[^/]+/[A-Za-z]*Error\\.ts$',
  '^src/[^/]+/errors/',
  '^src/errors/',
  // Typed settings, handed down by the root (rule only-the-root-reads-config keeps the
  // readers of the environment to the root).
  '^src/config/',
];

/** What the library entries may import: the core, the typed HTTP client, themselves. */
const LIBRARY = ['^src/lib/', '^src/client/', CORE];

/** Packages that open a database, an HTTP server, a repository or GitHub: never under a library entry. */
const SERVICE_PACKAGES =
  '^node_modules/(@mikro-orm|@electric-sql|mikro-orm-pglite|pg|knex|express|simple-git|octokit|@octokit|node-cron|pino|prom-client)/';

/** node: built-ins the core may use: none of them reads or writes outside the process. */
const PURE_BUILTINS = ['buffer', 'crypto', 'util', 'node:buffer', 'node:crypto', 'node:util'];

/** npm packages of the core (ajv and its formats, the JSON parser, path and regex engines). */
const CORE_LIBRARIES = [
  '^node_modules/(ajv|ajv-formats|jsonc-parser|jsonpath-plus|re2js|fast-uri|fast-deep-equal|json-schema-traverse|require-from-string)/',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'No import cycles: each module can be understood (and tested) after what it imports.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-is-pure',
      severity: 'error',
      comment:
        'src/manifest and src/mapping import only each other, the bundled schemas, node: built-ins without I/O and their libraries.',
      from: { path: CORE, pathNot: '\\.test\\.ts$' },
      to: {
        pathNot: [CORE, '^schemas/', ...CORE_LIBRARIES],
        dependencyTypesNot: ['core'],
      },
    },
    {
      name: 'core-no-io-builtins',
      severity: 'error',
      comment: 'The core does no I/O: only the node: built-ins in PURE_BUILTINS.',
      from: { path: CORE, pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core'], pathNot: [`^(${PURE_BUILTINS.join('|')})$`] },
    },
    {
      name: 'sync-only-core-and-ports',
      severity: 'error',
      comment: 'The orchestrator speaks to adapters only through its ports (src/sync/ports.ts).',
      from: { path: '^src/sync/', pathNot: '\\.test\\.ts$' },
      to: {
        pathNot: ['^src/sync/', CORE, ...CONTRACTS],
        dependencyTypesNot: ['core'],
      },
    },
    {
      name: 'sync-no-io-builtins',
      severity: 'error',
      comment: 'The orchestrator does no I/O of its own: every effect goes through a port.',
      from: { path: '^src/sync/', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core'], pathNot: [`^(${PURE_BUILTINS.join('|')})$`] },
    },
    {
      name: 'services-only-core-and-ports',
      severity: 'error',
      comment:
        'Connections, workspaces, the feed and the webhooks reach storage only through their ports, never an adapter.',
      from: { path: '^src/(connections|workspaces|feed|notify)/', pathNot: '\\.test\\.ts$' },
      to: {
        path: ['^src/'],
        pathNot: ['^src/$1/', CORE, ...CONTRACTS],
      },
    },
    {
      name: 'adapters-not-each-other',
      severity: 'error',
      comment:
        'An adapter never imports another adapter or the application, except their ports, models and errors; wiring happens in src/main.ts and src/cli/.',
      from: { path: ADAPTERS, pathNot: ['^src/http/', '\\.test\\.ts$'] },
      to: {
        path: ['^src/'],
        pathNot: [
          '^src/$1/',
          CORE,
          ...CONTRACTS,
          // FolderSource (src/registry) is the other RegistrySource: it refuses the same
          // unsafe paths as the Git source, with the same checks.
          '^src/git/checkGitInputs\\.ts$',
        ],
      },
    },
    {
      name: 'http-drives-the-application-only',
      severity: 'error',
      comment:
        'src/http calls the application (sync, connections, workspaces) and the core; other adapters it reaches through its ports (src/http/ports.ts), wired in src/cli/createHttpRuntime.ts.',
      from: { path: '^src/http/', pathNot: '\\.test\\.ts$' },
      to: {
        path: ['^src/'],
        pathNot: [
          '^src/(http|sync|connections|workspaces|feed|notify)/',
          // The catalog web page is part of what the HTTP layer serves.
          '^src/web/',
          CORE,
          ...CONTRACTS,
        ],
      },
    },
    {
      name: 'only-the-root-wires',
      severity: 'error',
      comment:
        'src/main.ts and src/cli/ are the composition root: nothing below them imports them.',
      from: { path: '^src/', pathNot: ['^src/main\\.ts$', '^src/cli/', '\\.test\\.ts$'] },
      to: { path: ['^src/main\\.ts$', '^src/cli/'] },
    },
    {
      name: 'only-the-root-reads-config',
      severity: 'error',
      comment:
        'loadConfig is the one reader of the environment, called by the composition root; everything else receives typed settings (type-only imports of src/config).',
      from: {
        path: '^src/',
        pathNot: ['^src/main\\.ts$', '^src/cli/', '^src/config/', '\\.test\\.ts$'],
      },
      // packagePaths locates the files the package ships (bundled registry, migrations, web
      // page) from src/ and dist/ alike; it reads no environment, so adapters may use it.
      to: {
        path: '^src/config/',
        pathNot: '^src/config/packagePaths\\.ts$',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'library-entries-only-core',
      severity: 'error',
      comment:
        'src/lib/ (package.json exports) re-exports the core and the generated client (src/client/), nothing of the service.',
      from: { path: '^src/lib/', pathNot: '\\.test\\.ts$' },
      to: { path: ['^src/'], pathNot: LIBRARY },
    },
    {
      name: 'library-entries-stay-pure',
      severity: 'error',
      comment:
        'Nothing a library entry loads, however indirectly, opens a database, an HTTP server, a repository or GitHub (test/integration/library/entryIsolation.test.ts checks the same at run time).',
      from: { path: '^src/lib/', pathNot: '\\.test\\.ts$' },
      to: {
        reachable: true,
        path: [
          SERVICE_PACKAGES,
          '^src/(db|http|git|github|registry|scheduler|sync|connections|workspaces|config|logging|web|cli)/',
          '^src/main\\.ts$',
        ],
      },
    },
    {
      name: 'client-stands-alone',
      severity: 'error',
      comment:
        'src/client (the typed HTTP client) ships on its own, to browsers too: it imports only itself and openapi-fetch, never the server code of src/ nor a node: built-in.',
      from: { path: '^src/client/', pathNot: '\\.test\\.ts$' },
      to: {
        pathNot: ['^src/client/', '^node_modules/(openapi-fetch|openapi-typescript-helpers)/'],
      },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing is a typo or a missing dependency.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Type-only imports count: a type from an adapter couples the core to it all the same.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/web/static/' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
