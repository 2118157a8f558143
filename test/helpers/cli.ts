/**
 * How tests start `regsync` as a real process: the TypeScript sources through tsx, so a
 * test always runs the code under test and never a stale `dist/` build (the one test of the
 * compiled tree, test/integration/build/compiledServe.test.ts, builds its own).
 */
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/** Absolute path of the CLI's entry module in the sources. */
export const CLI_MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

/**
 * Node arguments that run the CLI from the sources, to be followed by the verb and its
 * arguments: `spawn(process.execPath, [...CLI_FROM_SOURCES, 'serve'])`. The tsx loader is an
 * absolute URL, so it resolves from any working directory.
 */
export const CLI_FROM_SOURCES: readonly string[] = [
  '--import',
  pathToFileURL(require.resolve('tsx/package.json').replace(/package\.json$/, 'dist/loader.mjs'))
    .href,
  CLI_MAIN,
];
