/**
 * Regsync as a library, as a consumer gets it: `npm pack` on a copy of the package (with
 * this checkout's dist/ when it is the build of the current sources, else building through
 * `prepare`), the tarball installed into a fresh project with no network, each
 * export imported with node and used (a bundled manifest validated and a published Stripe
 * payload mapped with it), with a resolve hook proving no service package was loaded, and
 * a strict consumer .ts file type-checked there with `tsc` against the shipped declarations.
 *
 * The install runs `npm ci --offline` on a lockfile cut from this project's own: npm's cache
 * holds the dependencies' tarballs by integrity but not every registry document a fresh
 * resolution asks for, and the project's lock names the versions its tests ran with.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCurrentBuild } from '../../helpers/currentBuild.js';
import { loadedBy, SERVICE_PACKAGES } from '../../helpers/loadedModules.js';
import { copyFileSet, REPO_ROOT } from '../../helpers/packageCopy.js';

const exec = promisify(execFile);

interface LockPackage {
  version?: string;
  dev?: boolean;
  link?: boolean;
  [field: string]: unknown;
}
interface PackageJson {
  name: string;
  version: string;
  overrides?: Record<string, string>;
  exports: Record<string, unknown>;
  [field: string]: unknown;
}

let work: string;
let consumer: string;
let files: string[];

/** package.json and package-lock.json of a project that depends on the tarball only. */
async function writeConsumerProject(dir: string, tarball: string): Promise<void> {
  const pkg = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as PackageJson;
  const lock = JSON.parse(await readFile(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockPackage>;
  };
  const self = lock.packages[''] as LockPackage;
  const dependency = `file:${tarball}`;
  const packages: Record<string, LockPackage> = {
    '': { name: 'consumer', dependencies: { regsync: dependency } },
    'node_modules/regsync': {
      version: pkg.version,
      resolved: dependency,
      license: self.license,
      dependencies: self.dependencies,
      bin: self.bin,
      engines: self.engines,
    },
  };
  // The runtime dependencies sit at the same paths below the consumer as below this project.
  for (const [path, entry] of Object.entries(lock.packages))
    if (path.startsWith('node_modules/') && !entry.dev && !entry.link) packages[path] = entry;
  const project = {
    name: 'consumer',
    private: true,
    type: 'module',
    dependencies: { regsync: dependency },
    // What our own package.json overrides, a consumer on Node 20 overrides too (docs/library.md).
    overrides: pkg.overrides,
  };
  await writeFile(join(dir, 'package.json'), JSON.stringify(project, null, 2));
  await writeFile(
    join(dir, 'package-lock.json'),
    JSON.stringify({ name: 'consumer', lockfileVersion: 3, requires: true, packages }, null, 2),
  );
}

/** Prints how long each phase took, for the figures of docs/library.md ("Testing the package"). */
function phase(name: string, since: number): number {
  process.stderr.write(`pack.test phase ${name}: ${((Date.now() - since) / 1000).toFixed(1)} s\n`);
  return Date.now();
}

beforeAll(async () => {
  let t = Date.now();
  work = await mkdtemp(join(tmpdir(), 'regsync-pack-'));
  const source = join(work, 'source');
  consumer = join(work, 'consumer');
  await mkdir(source);
  await mkdir(consumer);
  await copyFileSet(source);
  // The build tools of this checkout (installing them again would take minutes).
  await symlink(join(REPO_ROOT, 'node_modules'), join(source, 'node_modules'), 'dir');
  t = phase('copy', t);
  // The build `npm ci` made (the `prepare` script) is reused when it is the build of these
  // sources; the tarball is then packed without building again (about 25 s on CI). Else
  // `npm pack` builds through `prepare`, as it does for a publisher.
  const build = await checkCurrentBuild(REPO_ROOT);
  if (build.current)
    for (const path of build.outputs) {
      await mkdir(dirname(join(source, path)), { recursive: true });
      await copyFile(join(REPO_ROOT, path), join(source, path));
    }
  else process.stderr.write(`pack.test: building, since ${build.reason}\n`);
  const packed = await exec(
    'npm',
    ['pack', '--json', '--pack-destination', work, ...(build.current ? ['--ignore-scripts'] : [])],
    { cwd: source, maxBuffer: 64 * 1024 * 1024 },
  );
  // `prepare` prints the build's banner before the JSON.
  const report = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as Array<{
    filename: string;
    files: Array<{ path: string }>;
  }>;
  const [entry] = report;
  if (!entry) throw new Error(`npm pack reported nothing: ${packed.stdout}`);
  files = entry.files.map((f) => f.path);
  t = phase(build.current ? 'pack (reusing dist/)' : 'pack (build)', t);
  const tarball = join(work, entry.filename);
  await writeConsumerProject(consumer, tarball);
  await exec('npm', ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: consumer,
    maxBuffer: 16 * 1024 * 1024,
  });
  phase('install', t);
}, 420_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

const USE_ENTRIES = `
import { readFileSync } from 'node:fs';
import * as manifest from 'regsync/manifest';
import * as mapping from 'regsync/mapping';
import { createRegsyncClient } from 'regsync/client';

const text = readFileSync('node_modules/regsync/registry/integrations/stripe/manifest.json', 'utf8');
const validated = manifest.validateManifest({ file: 'stripe/manifest.json', text });
if (!validated.success || validated.manifest.kind !== 'integration') throw new Error('invalid');
const compiled = mapping.compileModelMapping(validated.manifest, 'customer');
if (!compiled.ok) throw new Error(compiled.message);
const payload = JSON.parse(readFileSync(process.argv[1], 'utf8'));
const batch = mapping.applyMappingBatch(compiled.compiled, mapping.recordsOf(compiled.compiled, payload));
const diff = manifest.diffManifests(validated.manifest, { ...validated.manifest, name: 'Renamed' });
// The client needs no server to be made; a bad base URL is its documented TypeError.
const client = typeof createRegsyncClient('http://127.0.0.1:1').GET;
let refused = '';
try { createRegsyncClient('not a url'); } catch (error) { refused = error.name; }
console.log(JSON.stringify({ checksum: validated.checksum, batch, diff: diff.length, client, refused }));
`;

const CONSUMER_TS = `
import { createRegsyncClient, type RegsyncClient } from 'regsync/client';
import {
  formatFindings,
  validateManifest,
  type Finding,
  type IntegrationManifest,
  type ValidateManifestResult,
} from 'regsync/manifest';
import {
  compileModelMapping,
  defaultPluginRegistry,
  applyMappingBatch,
  MappingCache,
  pluginValue,
  type BatchResult,
  type MappingPlugin,
} from 'regsync/mapping';

const upper: MappingPlugin = {
  name: 'upper',
  description: 'Upper-cases a string.',
  output: 'string',
  apply: (value) => pluginValue(String(value).toUpperCase()),
};

export function mapAll(file: string, text: string, model: string, records: unknown[]): BatchResult {
  const result: ValidateManifestResult = validateManifest({ file, text });
  if (!result.success) {
    const findings: Finding[] = result.findings;
    throw new Error(formatFindings([{ file, findings }], 'text'));
  }
  if (result.manifest.kind !== 'integration') throw new Error('not an integration');
  const integration: IntegrationManifest = result.manifest;
  const compiled = compileModelMapping(integration, model, defaultPluginRegistry().register(upper));
  if (!compiled.ok) throw new Error(compiled.message + ' ' + compiled.models.join());
  new MappingCache({ capacity: 4 }).set(result.checksum, model, compiled.compiled);
  return applyMappingBatch(compiled.compiled, records, { mode: 'strict' });
}

export async function integrationModels(key: string): Promise<string[]> {
  const regsync: RegsyncClient = createRegsyncClient('http://127.0.0.1:8080', { adminToken: 't' });
  const { data, error } = await regsync.GET('/api/v1/integrations/{key}', {
    params: { path: { key } },
  });
  if (!data) throw new Error(error.title);
  return data.mappings.map((m) => m.model);
}
`;

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noEmit: true,
    // The declarations are checked as shipped, not skipped; they need no @types/node.
    skipLibCheck: false,
    skipDefaultLibCheck: true,
    types: [],
    // fetch, Request and Response of the client, as a browser or Node consumer has them.
    lib: ['ES2022', 'DOM'],
  },
  files: ['consumer.ts', 'wrong.ts'],
};

describe('the packed tarball', () => {
  it('ships the built entries and their declarations, the registry and schemas, and no tests', () => {
    for (const file of [
      'package.json',
      'dist/src/lib/mapping.js',
      'dist/src/lib/mapping.d.ts',
      'dist/src/lib/manifest.js',
      'dist/src/lib/manifest.d.ts',
      'dist/src/lib/client.js',
      'dist/src/lib/client.d.ts',
      'dist/schemas/integration-manifest.schema.json',
      'registry/integrations/stripe/manifest.json',
      'src/cli/bin.js',
      // The embedded-database templates: an install makes a new data folder the fast way.
      'dist/pglite-template.json',
      'dist/pglite-template/PG_VERSION',
      'dist/pglite-template-synced.json',
      'dist/pglite-template-synced/PG_VERSION',
    ])
      expect(files, file).toContain(file);
    expect(files.filter((f) => /\.test\.|(^|\/)test\/|\/testing\/|\.map$/.test(f))).toEqual([]);
    expect(files.filter((f) => f.startsWith('src/') && f.endsWith('.ts'))).toEqual([]);
  });

  it('installs offline and imports each export, loading no service package', async () => {
    const payload = join(REPO_ROOT, 'test/fixtures/vendor/stripe/customer.payload.json');
    const expected = JSON.parse(
      await readFile(join(REPO_ROOT, 'test/fixtures/vendor/stripe/customer.expected.json'), 'utf8'),
    ) as { records: Array<{ ok: boolean; attributes: Record<string, unknown> }> };
    const run = await loadedBy(['--input-type=module', '-e', USE_ENTRIES, payload], consumer);
    const out = JSON.parse(run.stdout) as {
      checksum: string;
      batch: { okCount: number; results: Array<{ ok: boolean; attributes: unknown }> };
      diff: number;
      client: string;
      refused: string;
    };
    expect(out.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(out.batch.results.map((r) => ({ ok: r.ok, attributes: r.attributes }))).toEqual(
      expected.records,
    );
    expect(out.diff).toBeGreaterThan(0);
    expect([out.client, out.refused]).toEqual(['function', 'TypeError']);
    // Loaded from the installed tarball, not from this checkout.
    expect(run.urls.some((u) => u.includes('/consumer/node_modules/regsync/dist/src/lib/'))).toBe(
      true,
    );
    expect(run.urls.filter((u) => u.startsWith(`file://${REPO_ROOT}`))).toEqual([]);
    for (const pkg of SERVICE_PACKAGES) expect(run.packages.has(pkg), pkg).toBe(false);
  });

  it('type-checks a strict consumer against the shipped declarations', async () => {
    await writeFile(join(consumer, 'consumer.ts'), CONSUMER_TS);
    // And the check can fail: a wrong use of the same API, in the same run, is a type error.
    await writeFile(
      join(consumer, 'wrong.ts'),
      "import { compileModelMapping } from 'regsync/mapping';\nexport const wrong: number = compileModelMapping;\n",
    );
    await writeFile(join(consumer, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
    const tsc = join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
    const output = await exec(process.execPath, [tsc, '-p', 'tsconfig.json'], {
      cwd: consumer,
    }).then(
      () => '',
      (error: { stdout: string }) => error.stdout,
    );
    const errors = output.split('\n').filter((line) => /error TS\d+/.test(line));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^wrong\.ts\(2,\d+\): error TS2322/);
  }, 180_000);
});
