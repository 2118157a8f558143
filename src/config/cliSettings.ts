/**
 * The settings of the command-line tool itself (not of the service): read here so that no
 * module outside src/config reads a REGSYNC_* variable (docs/configuration.md, "Debugging").
 */
import { envString } from './envReaders.js';

/** Whether REGSYNC_DEBUG is set (to anything but white space): the CLI prints stack traces of unexpected errors. */
export function printsStackTraces(env: NodeJS.ProcessEnv): boolean {
  return envString(env, 'REGSYNC_DEBUG') !== undefined;
}
