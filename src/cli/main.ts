/** Composition root of the `regsync` binary: runs the CLI against the real process. */
import { processIo } from './CliIo.js';
import { runCli } from './program.js';

const code = await runCli(process.argv.slice(2), processIo());
// Let pending stdout writes drain before exiting (large --format json reports).
process.exitCode = code;
