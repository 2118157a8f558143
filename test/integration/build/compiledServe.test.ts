/**
 * The compiled tree on its own: a copy of the package's files (what `git archive` ships,
 * plus this checkout's uncommitted changes) is built with `npm run build`, its TypeScript
 * sources are then deleted, and `regsync serve` runs from the build with no configuration at
 * all. It must find the bundled registry, schemas, migrations and web page from `dist/`,
 * turn ready and serve the catalog. The CLI of the same build must answer `--version` and
 * `validate` without loading the database, HTTP or GitHub libraries.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, symlink, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadManifestSchemas } from '../../../src/manifest/loadManifestSchemas.js';
import { manifestSchemasChecksum } from '../../../src/manifest/manifestSchemaAjv.js';
import { copyFileSet, REPO_ROOT as repoRoot } from '../../helpers/packageCopy.js';
import type * as PrecompiledModuleNs from '../../../src/manifest/precompiledValidators.js';
import type * as SchemaValidationNs from '../../../src/manifest/schemaValidation.js';
import type * as LoadSchemasNs from '../../../src/manifest/loadManifestSchemas.js';

type PrecompiledModule = typeof PrecompiledModuleNs;
type SchemaValidationModule = typeof SchemaValidationNs;
type LoadSchemasModule = typeof LoadSchemasNs;

const exec = promisify(execFile);

let dir: string;

/** Deletes every TypeScript file below `folder`, so only the build can run. */
async function removeTypeScript(folder: string): Promise<void> {
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts'))
      await unlink(join(entry.parentPath, entry.name));
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'regsync-build-'));
  await copyFileSet(dir);
  // The installed dependencies, shared (installing them again would take minutes).
  await symlink(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  await exec('npm', ['run', 'build'], { cwd: dir, maxBuffer: 16 * 1024 * 1024 });
  await removeTypeScript(join(dir, 'src'));
  await removeTypeScript(join(dir, 'migrations'));
}, 420_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Prints the packages a CLI run imported (an ESM resolve hook), one per line on stderr. */
const HOOKS = `
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  const m = /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(result.url);
  if (m) process.stderr.write('loaded-package ' + m[1] + '\\n');
  return result;
}`;

async function loadedPackages(args: string[]): Promise<{ code: number; packages: Set<string> }> {
  const hooks = `data:text/javascript,${encodeURIComponent(HOOKS)}`;
  const register = `data:text/javascript,${encodeURIComponent(
    `import { register } from 'node:module'; register(${JSON.stringify(hooks)});`,
  )}`;
  const result = await exec(process.execPath, ['--import', register, 'src/cli/bin.js', ...args], {
    cwd: dir,
    maxBuffer: 16 * 1024 * 1024,
  }).then(
    (r) => ({ code: 0, stderr: r.stderr }),
    (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
  );
  const packages = new Set(
    [...result.stderr.matchAll(/^loaded-package (\S+)$/gm)].map((m) => m[1] as string),
  );
  return { code: result.code, packages };
}

describe('the compiled build', () => {
  it('answers --version and validate without loading the database, HTTP or GitHub libraries', async () => {
    const version = await loadedPackages(['--version']);
    expect(version.code).toBe(0);
    // A lone --version is answered before the command line parser loads: no package at all.
    expect([...version.packages]).toEqual([]);
    const versionThenHelp = await loadedPackages(['--version', '--help']);
    expect(versionThenHelp.packages.has('commander')).toBe(true); // the hook sees packages

    const validate = await loadedPackages(['validate', 'registry']);
    expect(validate.code).toBe(0);
    expect(validate.packages.has('ajv')).toBe(true); // the hook sees what the command loads
    for (const heavy of ['@mikro-orm/core', '@electric-sql/pglite', 'express', 'octokit', 'tsx'])
      expect(validate.packages.has(heavy), heavy).toBe(false);

    const sync = await loadedPackages(['sync', '--help']);
    expect(sync.code).toBe(0);
    expect(sync.packages.has('tsx')).toBe(false);
  });

  it('carries the manifest validators generated for its schemas, and validates with them', async () => {
    const built = (await import(
      pathToFileURL(join(dir, 'dist/src/manifest/precompiledValidators.js')).href
    )) as PrecompiledModule;
    const generated = built.precompiledManifestValidators;
    expect(generated?.schemaChecksum).toBe(manifestSchemasChecksum(loadManifestSchemas()));
    expect(typeof generated?.integration).toBe('function');
    const { selectManifestValidators } = (await import(
      pathToFileURL(join(dir, 'dist/src/manifest/schemaValidation.js')).href
    )) as SchemaValidationModule;
    const { loadManifestSchemas: builtSchemas } = (await import(
      pathToFileURL(join(dir, 'dist/src/manifest/loadManifestSchemas.js')).href
    )) as LoadSchemasModule;
    expect(selectManifestValidators(builtSchemas(), generated).origin).toBe('precompiled');
  });

  it('serves the bundled registry from the embedded database with no configuration', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'regsync-build-serve-'));
    try {
      const child = spawn(process.execPath, [join(dir, 'src/cli/bin.js'), 'serve'], {
        cwd,
        env: { PATH: process.env.PATH, PORT: '0', REGSYNC_HOST: '127.0.0.1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      // The new data folder starts as a copy of the build's synced template (no initdb, no
      // migrations, no first sync: the startup sync finds the bundled registry's revision).
      let fromTemplate = false;
      let startupSync: { reason?: string } | undefined;
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((resolve) =>
        child.on('exit', (code) => resolve(code)),
      );
      // Log lines are written once per event-loop turn, so /readyz can answer before the
      // template line reaches this pipe: the log is judged once the child's stdout has closed.
      const stdoutClosed = new Promise((resolve) => child.stdout.on('close', resolve));
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no listening line; stderr: ${stderr}`)),
          60_000,
        );
        createInterface({ input: child.stdout }).on('line', (line) => {
          const entry = JSON.parse(line) as {
            url?: string;
            registry?: string;
            msg?: string;
            reason?: string;
          };
          if (entry.msg?.includes("from the build's synced template")) fromTemplate = true;
          if (entry.msg === 'startup sync finished') startupSync = entry;
          if (entry.url) {
            clearTimeout(timer);
            expect(entry.registry).toBe('bundled');
            resolve(entry.url);
          }
        });
      });
      let status = 0;
      for (const deadline = Date.now() + 120_000; Date.now() < deadline && status !== 200;) {
        status = (await fetch(`${url}/readyz`)).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 200));
      }
      expect(status, stderr).toBe(200);
      const list = (await (await fetch(`${url}/api/v1/integrations`)).json()) as {
        items: Array<{ key: string }>;
      };
      expect(list.items.map((i) => i.key)).toContain('hubspot');
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<html');
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      await stdoutClosed;
      expect(fromTemplate).toBe(true);
      expect(startupSync?.reason).toBe('UpToDate');
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  }, 180_000);
});
