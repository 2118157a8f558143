/**
 * The library entries (package.json `exports`) load no database, HTTP server or Git code:
 * each entry's source is imported in a child node process whose resolve hook records every
 * module it loads, and neither a service package (@mikro-orm, pglite, express, simple-git,
 * octokit, ...) nor a file of an adapter folder of src/ may be among them. The same check
 * runs on the packed tarball in pack.test.ts; the lint rule `library-entries-stay-pure`
 * holds the line statically.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadedBy, SERVICE_PACKAGES } from '../../helpers/loadedModules.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** `./mapping` -> src/lib/mapping.ts, from the `default` target `./dist/src/lib/mapping.js`. */
async function entrySources(): Promise<Array<[string, string]>> {
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
    exports: Record<string, string | { default: string }>;
  };
  return Object.entries(pkg.exports).flatMap(([name, target]) => {
    if (typeof target === 'string') return []; // ./package.json
    const source = target.default.replace(/^\.\/dist\//, '').replace(/\.js$/, '.ts');
    return [[name, join(ROOT, source)] as [string, string]];
  });
}

/** A library each entry does load, so an empty record would not pass for a clean one. */
const EXPECTED_LIBRARY: Record<string, string> = {
  './mapping': 're2js',
  './manifest': 'ajv',
  './client': 'openapi-fetch',
};

const ADAPTER_SOURCE =
  /\/src\/(db|http|git|github|registry|scheduler|sync|connections|workspaces|config|logging|web|cli)\/|\/src\/main\.ts$/;

describe('the library entries', () => {
  it('are the three documented ones', async () => {
    expect((await entrySources()).map(([name]) => name).sort()).toEqual(
      Object.keys(EXPECTED_LIBRARY).sort(),
    );
  });

  it('load no database, HTTP server or Git code', async () => {
    for (const [name, source] of await entrySources()) {
      const script = `const m = await import(${JSON.stringify(pathToFileURL(source).href)}); console.log(Object.keys(m).length);`;
      const run = await loadedBy(['--import', 'tsx', '--input-type=module', '-e', script], ROOT);
      expect(Number(run.stdout.trim()), `${name} exports something`).toBeGreaterThan(0);
      // The hook does see what an entry loads: the entry itself and its core library.
      expect(run.urls, name).toContain(pathToFileURL(source).href);
      expect(run.packages.has(EXPECTED_LIBRARY[name] ?? '(none listed)'), name).toBe(true);
      for (const pkg of SERVICE_PACKAGES)
        expect(run.packages.has(pkg), `${name}: ${pkg}`).toBe(false);
      expect(
        run.urls.filter((url) => ADAPTER_SOURCE.test(url)),
        name,
      ).toEqual([]);
    }
  }, 60_000);
});
