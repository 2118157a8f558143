import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bundledPath } from '../config/packagePaths.js';

/** One file the web router serves from memory. */
export interface WebAsset {
  body: Buffer;
  /** The body gzipped, when that is smaller. */
  gzip: Buffer | undefined;
  contentType: string;
  /** Strong validator: a digest of the body. */
  etag: string;
}

/** Everything the catalog page needs, read once when the router is made. */
export interface WebAssets {
  /** index.html with its placeholders filled in (import map, asset URLs). */
  index: WebAsset;
  /** `Content-Security-Policy` of the page: the import map's hash is its only inline script. */
  csp: string;
  /** Digest of every file under `static/app`; part of their URLs so they can be cached for good. */
  appHash: string;
  /** `/ui/app/<appHash>` */
  appBase: string;
  /** Our own files by path under `static/app` (`main.js`, `pages/catalog.js`). */
  app: Map<string, WebAsset>;
  /** Vendor files by URL path under `/ui/vendor/` (`preact@10.29.8/preact.module.js`). */
  vendor: Map<string, WebAsset>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * The vendor files, from node_modules, at versioned URLs (`<name>@<version>/<file>`): a new
 * version is a new URL, so each can be cached as immutable. `specifier` is the bare import
 * the import map points at it.
 */
const VENDOR = [
  { pkg: 'preact', name: 'preact', file: 'dist/preact.module.js', specifier: 'preact' },
  { pkg: 'preact', name: 'preact', file: 'hooks/dist/hooks.module.js', specifier: 'preact/hooks' },
  { pkg: 'htm', name: 'htm', file: 'dist/htm.module.js', specifier: 'htm' },
  { pkg: '@picocss/pico', name: 'pico', file: 'css/pico.min.css', specifier: undefined },
] as const;

/** The static folder, found at the package root from the sources and from a build. */
export function defaultStaticDir(): string {
  const dir = bundledPath('webStatic');
  if (!existsSync(join(dir, 'index.html')))
    throw new Error(`the catalog page's static files are missing (looked in ${dir})`);
  return dir;
}

function asset(body: Buffer, path: string): WebAsset {
  const contentType = CONTENT_TYPES[extname(path)] ?? 'application/octet-stream';
  // Compressed on the first request that accepts gzip, not at start: level 9 over every file
  // was a few hundred milliseconds of `serve`'s time to ready on a loaded machine.
  let zipped: Buffer | undefined | null = null;
  return {
    body,
    get gzip(): Buffer | undefined {
      if (zipped === null) {
        const z = contentType.startsWith('image/png') ? undefined : gzipSync(body, { level: 9 });
        zipped = z && z.length < body.length ? z : undefined;
      }
      return zipped;
    },
    contentType,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
  };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? listFiles(join(dir, entry.name))
        : entry.isFile()
          ? [join(dir, entry.name)]
          : [],
    )
    .sort();
}

/** The package folder of `pkg` as Node resolves it from here (walks up from its entry file). */
function packageRoot(pkg: string): { dir: string; version: string } {
  const require = createRequire(import.meta.url);
  let dir = dirname(require.resolve(pkg));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const json = JSON.parse(readFileSync(manifest, 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (json.name === pkg && json.version) return { dir, version: json.version };
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the package folder of ${pkg}`);
    dir = parent;
  }
}

/**
 * Reads the page, our modules and the vendor files into memory (about 150 kB) and fills in
 * index.html: `%IMPORTMAP%` (the import map, also hashed into the CSP), `%APP%` (our
 * versioned base URL) and `%PICO%` (the stylesheet's URL). Throws when a file is missing:
 * that is an installation fault, better found at startup than by a visitor.
 */
export function loadWebAssets(staticDir: string = defaultStaticDir()): WebAssets {
  const vendor = new Map<string, WebAsset>();
  const imports: Record<string, string> = {};
  let pico = '';
  for (const entry of VENDOR) {
    const { dir, version } = packageRoot(entry.pkg);
    const urlPath = `${entry.name}@${version}/${entry.file.split('/').pop() ?? entry.file}`;
    vendor.set(urlPath, asset(readFileSync(join(dir, entry.file)), entry.file));
    if (entry.specifier) imports[entry.specifier] = `/ui/vendor/${urlPath}`;
    else pico = `/ui/vendor/${urlPath}`;
  }

  const appDir = join(staticDir, 'app');
  const files = listFiles(appDir).map((full) => ({
    path: relative(appDir, full).split(sep).join('/'),
    body: readFileSync(full),
  }));
  const digest = createHash('sha256');
  for (const file of files) digest.update(file.path).update('\0').update(file.body).update('\0');
  const appHash = digest.digest('hex').slice(0, 16);
  const appBase = `/ui/app/${appHash}`;
  const app = new Map(files.map((file) => [file.path, asset(file.body, file.path)]));

  // The import map is the page's one inline script; its exact text is hashed into the CSP.
  const importMap = JSON.stringify({ imports });
  const scriptHash = createHash('sha256').update(importMap).digest('base64');
  const template = readFileSync(join(staticDir, 'index.html'), 'utf8');
  const html = template
    .replaceAll('%IMPORTMAP%', importMap)
    .replaceAll('%APP%', appBase)
    .replaceAll('%PICO%', pico);
  const csp = [
    "default-src 'none'",
    `script-src 'self' 'sha256-${scriptHash}'`,
    "style-src 'self'",
    // Pico draws checkboxes, switches and select arrows with data: SVGs.
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return { index: asset(Buffer.from(html), 'index.html'), csp, appHash, appBase, app, vendor };
}
