/**
 * OpenAPI 3.1 paths of the connection and workspace routes, for the document's `paths`
 * (spread `userDataPaths()` into it): connectionPaths.ts and workspacePaths.ts. Bodies are
 * described in userDataSchemas.ts and requestBodies.ts.
 */
import { confirmConnectionPaths } from './confirmConnectionPaths.js';
import { connectionPaths } from './connectionPaths.js';
import type { PathTable } from './pathParts.js';
import { workspacePaths } from './workspacePaths.js';

/** The connection paths (with the confirmation), then the workspace paths. */
export function userDataPaths(): PathTable {
  return { ...connectionPaths(), ...confirmConnectionPaths(), ...workspacePaths() };
}
