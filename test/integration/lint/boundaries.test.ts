/**
 * The boundary lint can fail: a fixture tree with one forbidden import per rule of
 * `.dependency-cruiser.cjs` (and allowed imports beside them) is cruised with the project's
 * own config by the real `depcruise` binary, and exactly the forbidden imports are reported,
 * each under its rule. Then the real src/ is cruised and holds.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const BIN = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

function cruise(cwd: string): Promise<{ code: number; violations: Violation[] }> {
  return new Promise((done, fail) => {
    execFile(
      process.execPath,
      [BIN, 'src', '--config', CONFIG, '--output-type', 'json'],
      { cwd, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout) => {
        if (error && typeof error.code !== 'number') return fail(error);
        try {
          const report = JSON.parse(stdout) as { summary: { violations: Violation[] } };
          done({ code: error ? Number(error.code) : 0, violations: report.summary.violations });
        } catch (parseError) {
          fail(parseError);
        }
      },
    );
  });
}

/** path -> the import lines of a fixture file (each file also exports one constant). */
const FIXTURE: Record<string, string[]> = {
  // Allowed: the core among itself, a pure built-in, a core library, the bundled schemas.
  'src/manifest/types.ts': [],
  'src/manifest/checksum.ts': [
    "import { createHash } from 'node:crypto';",
    "import Ajv from 'ajv';",
  ],
  'src/mapping/compile.ts': ["import { x as types } from '../manifest/types.js';"],
  // Forbidden: the core imports an adapter, config, logging, and I/O built-ins.
  'src/manifest/readsDb.ts': ["import { x as db } from '../db/store.js';"],
  'src/manifest/readsConfig.ts': ["import { x as config } from '../config/loadConfig.js';"],
  'src/mapping/logs.ts': ["import { x as log } from '../logging/createLogger.js';"],
  'src/manifest/readsFiles.ts': ["import { readFileSync } from 'node:fs';"],
  'src/mapping/asksOs.ts': ["import { hostname } from 'node:os';"],
  'src/manifest/requires.ts': ["import { createRequire } from 'node:module';"],
  // The orchestrator: its ports and the core are fine, an adapter is not.
  'src/sync/ports.ts': [],
  'src/sync/reasons.ts': [],
  'src/sync/engine.ts': [
    "import type { x as ports } from './ports.js';",
    "import { x as types } from '../manifest/types.js';",
    "import { x as store } from '../db/store.js';",
  ],
  // The services reach storage through their ports only.
  'src/connections/ports.ts': [],
  'src/connections/service.ts': [
    "import type { x as ports } from './ports.js';",
    "import { x as store } from '../db/store.js';",
  ],
  'src/workspaces/WorkspaceModel.ts': [],
  'src/workspaces/service.ts': ["import type { x as model } from './WorkspaceModel.js';"],
  // Adapters: ports, models, errors and config types of others are fine; their code is not.
  'src/git/SourceError.ts': [],
  'src/git/source.ts': [],
  'src/db/store.ts': [
    "import type { x as ports } from '../sync/ports.js';",
    "import type { x as model } from '../workspaces/WorkspaceModel.js';",
    "import type { x as config } from '../config/loadConfig.js';",
    "import { x as sourceError } from '../git/SourceError.js';",
    "import { x as git } from '../git/source.js';",
  ],
  'src/db/readsEnv.ts': ["import { x as config } from '../config/loadConfig.js';"],
  'src/github/wires.ts': ["import { x as main } from '../main.js';"],
  'src/config/loadConfig.ts': [],
  'src/logging/createLogger.ts': ["import type { x as config } from '../config/loadConfig.js';"],
  // The HTTP layer drives the application; the database it reaches through a port.
  'src/http/ports.ts': [],
  'src/http/routes.ts': [
    "import { x as engine } from '../sync/engine.js';",
    "import { x as service } from '../connections/service.js';",
    "import { x as db } from '../db/store.js';",
  ],
  // The library entries: the core is fine; an adapter is not, nor what it leads to.
  'src/lib/mapping.ts': ["import { x as compile } from '../mapping/compile.js';"],
  'src/lib/leaks.ts': ["import { x as http } from '../http/ports.js';"],
  'src/lib/leaksIndirectly.ts': ["import { x as manifest } from '../manifest/readsDb.js';"],
  // The typed client stands alone: its schema and openapi-fetch, nothing else.
  'src/client/schema.ts': [],
  'src/client/index.ts': [
    "import type { x as schema } from './schema.js';",
    "import createClient from 'openapi-fetch';",
    "import type { x as ports } from '../http/ports.js';",
    "import { readFileSync } from 'node:fs';",
  ],
  // A cycle.
  'src/scheduler/a.ts': ["import { x as b } from './b.js';"],
  'src/scheduler/b.ts': ["import { x as a } from './a.js';"],
  // The composition root may import anything.
  'src/main.ts': [
    "import { x as store } from './db/store.js';",
    "import { x as config } from './config/loadConfig.js';",
    "import { x as routes } from './http/routes.js';",
  ],
};

const EXPECTED = [
  ['core-is-pure', 'src/manifest/readsDb.ts', 'src/db/store.ts'],
  ['core-is-pure', 'src/manifest/readsConfig.ts', 'src/config/loadConfig.ts'],
  ['core-is-pure', 'src/mapping/logs.ts', 'src/logging/createLogger.ts'],
  ['core-no-io-builtins', 'src/manifest/readsFiles.ts', 'fs'],
  ['core-no-io-builtins', 'src/mapping/asksOs.ts', 'os'],
  ['core-no-io-builtins', 'src/manifest/requires.ts', 'module'],
  ['sync-only-core-and-ports', 'src/sync/engine.ts', 'src/db/store.ts'],
  ['services-only-core-and-ports', 'src/connections/service.ts', 'src/db/store.ts'],
  ['adapters-not-each-other', 'src/db/store.ts', 'src/git/source.ts'],
  ['adapters-not-each-other', 'src/github/wires.ts', 'src/main.ts'],
  ['only-the-root-wires', 'src/github/wires.ts', 'src/main.ts'],
  ['only-the-root-reads-config', 'src/db/readsEnv.ts', 'src/config/loadConfig.ts'],
  ['only-the-root-reads-config', 'src/manifest/readsConfig.ts', 'src/config/loadConfig.ts'],
  ['http-drives-the-application-only', 'src/http/routes.ts', 'src/db/store.ts'],
  ['no-circular', 'src/scheduler/a.ts', 'src/scheduler/b.ts'],
  ['library-entries-only-core', 'src/lib/leaks.ts', 'src/http/ports.ts'],
  ['library-entries-stay-pure', 'src/lib/leaks.ts', 'src/http/ports.ts'],
  // Through the core file that imports the store: everything the store leads to.
  ...[
    'src/config/loadConfig.ts',
    'src/db/store.ts',
    'src/git/SourceError.ts',
    'src/git/source.ts',
    'src/sync/ports.ts',
    'src/workspaces/WorkspaceModel.ts',
  ].map((to) => ['library-entries-stay-pure', 'src/lib/leaksIndirectly.ts', to]),
  ['client-stands-alone', 'src/client/index.ts', 'src/http/ports.ts'],
  ['client-stands-alone', 'src/client/index.ts', 'fs'],
];

describe('the dependency-cruiser boundary lint', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'regsync-boundaries-'));
    for (const [path, imports] of Object.entries(FIXTURE)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), `${imports.join('\n')}\nexport const x = 1;\n`);
    }
    await mkdir(join(dir, 'schemas'));
    await writeFile(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true },
        include: ['src'],
      }),
    );
    // A stand-in for a core library, inside the tree (the rules see node_modules/ajv/...).
    await mkdir(join(dir, 'node_modules/ajv'), { recursive: true });
    await writeFile(
      join(dir, 'node_modules/ajv/package.json'),
      JSON.stringify({ name: 'ajv', version: '8.0.0', type: 'module', main: 'index.js' }),
    );
    await writeFile(join(dir, 'node_modules/ajv/index.js'), 'export default class Ajv {}\n');
    // And for the client's one library.
    await mkdir(join(dir, 'node_modules/openapi-fetch'), { recursive: true });
    await writeFile(
      join(dir, 'node_modules/openapi-fetch/package.json'),
      JSON.stringify({
        name: 'openapi-fetch',
        version: '0.17.0',
        type: 'module',
        main: 'index.js',
      }),
    );
    await writeFile(join(dir, 'node_modules/openapi-fetch/index.js'), 'export default () => {};\n');
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reports each forbidden import of a fixture tree under its rule, and nothing allowed', async () => {
    const { violations } = await cruise(dir);
    const found = violations.map((v) => [v.rule.name, v.from, v.to]);
    const key = (row: string[]) => row.join(' ');
    expect(found.map(key).sort()).toEqual(EXPECTED.map(key).sort());
  }, 60_000);

  it('holds on the real src/', async () => {
    const { code, violations } = await cruise(ROOT);
    expect(violations).toEqual([]);
    expect(code).toBe(0);
  }, 60_000);
});
