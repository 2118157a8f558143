/**
 * Whether this checkout's dist/ is the build of its current sources, so a test that needs
 * the built package (pack.test.ts) can reuse the build `npm ci` made (the `prepare` script)
 * instead of compiling again. tsc (not incremental) rewrites every output on each build,
 * so the build is current when every expected output exists and none is older than the
 * newest input: a source, a schema it emits, or the configuration that shapes the emit.
 * Anything else (no dist/, a source edited or pulled since) answers why, and the caller
 * builds.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** The build's outputs a package needs, relative to the root, when they are current. */
export type BuildCheck = { current: true; outputs: string[] } | { current: false; reason: string };

async function files(root: string, folder: string, keep: (name: string) => boolean) {
  const entries = await readdir(join(root, folder), { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && keep(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

/** The files of the build's embedded-database templates and their stamps (a missing template stands as its PG_VERSION, so the check names it). */
async function templateFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  for (const name of ['pglite-template', 'pglite-template-synced']) {
    found.push(`dist/${name}.json`);
    found.push(
      ...(await files(root, `dist/${name}`, () => true).catch(() => [`dist/${name}/PG_VERSION`])),
    );
  }
  return found;
}

/** Checks `root`'s dist/ against its sources (see the file header). */
export async function checkCurrentBuild(root: string): Promise<BuildCheck> {
  const compiled = (name: string) => name.endsWith('.ts') && !name.endsWith('.test.ts');
  const sources = [
    ...(await files(root, 'src', compiled)),
    ...(await files(root, 'migrations', compiled)),
  ];
  // The schemas the sources import come out as dist/schemas/*.json.
  const schemas = await files(root, 'dist/schemas', (n) => n.endsWith('.json')).catch(() => []);
  const inputs = [
    ...sources,
    ...schemas.map((s) => relative('dist', s)),
    'tsconfig.json',
    'tsconfig.build.json',
    'package.json',
  ];
  const outputs = [
    // A declaration file (.d.ts) is read by the build but emits nothing.
    ...sources
      .filter((s) => !s.endsWith('.d.ts'))
      .flatMap((s) => {
        const base = join('dist', s.replace(/\.ts$/, ''));
        return [`${base}.js`, `${base}.d.ts`];
      }),
    ...schemas,
    // The embedded-database templates (scripts/buildPgliteTemplate.js), shipped in the package.
    ...(await templateFiles(root)),
  ];
  let newestInput = { path: '', ms: 0 };
  for (const path of inputs) {
    const ms = (await stat(join(root, path))).mtimeMs;
    if (ms > newestInput.ms) newestInput = { path, ms };
  }
  for (const path of outputs) {
    const ms = await stat(join(root, path)).then(
      (s) => s.mtimeMs,
      () => undefined,
    );
    if (ms === undefined) return { current: false, reason: `${path} is missing` };
    if (ms < newestInput.ms)
      return { current: false, reason: `${newestInput.path} changed after ${path} was built` };
  }
  return { current: true, outputs };
}
