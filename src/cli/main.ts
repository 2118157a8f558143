/** Composition root of the `regsync` binary: runs the CLI against the real process. */
import { isVersionOnly, REGSYNC_VERSION } from './version.js';

const argv = process.argv.slice(2);
if (isVersionOnly(argv)) {
  // The commonest probe of an install answers before the parser and the commands load
  // (about 15-20 ms of commander alone): docs/performance.md, "CLI start-up".
  process.stdout.write(`${REGSYNC_VERSION}\n`);
} else {
  const [{ processIo }, { runCli }] = await Promise.all([
    import('./CliIo.js'),
    import('./program.js'),
  ]);
  const code = await runCli(argv, processIo());
  // Let pending stdout writes drain before exiting (large --format json reports).
  process.exitCode = code;
}
