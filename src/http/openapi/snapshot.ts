import { openApiDocument } from './document.js';

/** The committed snapshot of the served document, relative to the repository root. */
export const SNAPSHOT_PATH = 'openapi/openapi.json';

/** The command that rewrites the snapshot from the sources (named in every failure). */
export const SNAPSHOT_REFRESH_COMMAND = 'npm run openapi:snapshot';

/**
 * The snapshot's text: the document `/openapi.json` serves with the default settings, pretty
 * printed so that a pull request shows a readable diff of the contract.
 */
export function renderSnapshot(): string {
  return `${JSON.stringify(openApiDocument(), null, 2)}\n`;
}
