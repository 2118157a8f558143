import type { Database } from '../db/openDatabase.js';
import type { RekeyReport } from './ConnectionService.js';
import { createUserDataServices } from './userData.js';

/**
 * Re-encrypts every stored connection secret with REGSYNC_SECRET_KEY, decrypting old values
 * with REGSYNC_SECRET_KEY_PREVIOUS: the body of `regsync connections rekey` (docs/connections.md,
 * "Key rotation"). Safe to run while the service serves (rows saved meanwhile are skipped:
 * their save already used the new key) and to repeat.
 */
export function rekeyConnections(options: {
  db: Database;
  env: NodeJS.ProcessEnv;
}): Promise<RekeyReport> {
  return createUserDataServices(options).connections.rekey();
}
