/**
 * Where the files shipped with Regsync live: the bundled registry, the manifest schemas,
 * the committed migrations and the catalog page's static files. They sit at the package
 * root, never beside the code, so the same lookup works from the TypeScript sources
 * (`src/config/`) and from the compiled tree (`dist/src/config/`): walk up from this module
 * to the folder whose package.json names this package. Only `node:` built-ins here, so the
 * CLI can ask for a path without loading anything else.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'regsync';

let root: string | undefined;

/**
 * The package root: the nearest folder above this module whose package.json has
 * `"name": "regsync"`. Throws (naming the folder it started from) when there is none,
 * which means the package was copied without its package.json.
 */
export function packageRoot(): string {
  if (root) return root;
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && readName(manifest) === PACKAGE_NAME) return (root = dir);
    if (dirname(dir) === dir)
      throw new Error(
        `no package.json of ${PACKAGE_NAME} above ${start}; the install is incomplete`,
      );
  }
}

function readName(manifest: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name;
  } catch {
    return undefined;
  }
}

/** The files shipped with the package, each as a folder path below the package root. */
export const BUNDLED = {
  /** The registry served when REGSYNC_REGISTRY is unset. */
  registry: 'registry',
  /** The manifest JSON Schemas (format 1.0). */
  schemas: 'schemas',
  /** The committed migrations and their snapshot (the build runs them from `migrationsList`). */
  migrations: 'migrations',
  /** The catalog page: HTML, scripts and styles served as they are. */
  webStatic: 'src/web/static',
} as const;

/** Absolute path of a bundled folder (or of `parts` inside it), the same from sources and build. */
export function bundledPath(what: keyof typeof BUNDLED, ...parts: string[]): string {
  return join(packageRoot(), BUNDLED[what], ...parts);
}
