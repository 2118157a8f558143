/**
 * What a node process loads: a `--import` module that registers an ESM resolve hook, which
 * prints every URL it resolves (`loaded-url <url>`, one per line on stderr). Every import,
 * static or dynamic, of ESM or of CommonJS through ESM, passes the hook, so a module that
 * is not listed was not loaded by that route. Used to prove that the library entries load no
 * database, HTTP or Git code.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);

const HOOKS = `
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  process.stderr.write('loaded-url ' + result.url + '\\n');
  return result;
}`;

/** `--import` argument that registers the recording hook (a data: URL: no file to clean up). */
export const RECORD_LOADS = `data:text/javascript,${encodeURIComponent(
  `import { register } from 'node:module'; register(${JSON.stringify(
    `data:text/javascript,${encodeURIComponent(HOOKS)}`,
  )});`,
)}`;

/** Packages that open a database, an HTTP server, a repository or GitHub. */
export const SERVICE_PACKAGES = [
  '@mikro-orm/core',
  '@mikro-orm/postgresql',
  '@electric-sql/pglite',
  'mikro-orm-pglite',
  'pg',
  'knex',
  'express',
  'simple-git',
  'octokit',
  '@octokit/core',
  'node-cron',
  'pino',
  'prom-client',
];

/**
 * `args` with the recording hook registered after every other `--import` in it. Hooks run
 * last-registered first: registered after tsx, ours sees every resolution before tsx's hook
 * (which on Node 22 answers a `.ts` file URL itself, without calling the next hook) and still
 * records the URL tsx resolves it to.
 */
function withRecordingHook(args: string[]): string[] {
  const lastImport = args.lastIndexOf('--import');
  const at = lastImport === -1 ? 0 : lastImport + 2;
  return [...args.slice(0, at), '--import', RECORD_LOADS, ...args.slice(at)];
}

/** What one run of `node <args>` loaded, with its stdout. Rejects when node exits non-zero. */
export async function loadedBy(
  args: string[],
  cwd: string,
): Promise<{ stdout: string; urls: string[]; packages: Set<string> }> {
  const { stdout, stderr } = await exec(process.execPath, withRecordingHook(args), {
    cwd,
    maxBuffer: 16 * 1024 * 1024,
  });
  const urls = [...stderr.matchAll(/^loaded-url (\S+)$/gm)].map((m) => m[1] as string);
  const packages = new Set(
    urls.flatMap((url) => {
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(url);
      return m ? [m[1] as string] : [];
    }),
  );
  return { stdout, urls, packages };
}
