import type { Database } from '../db/openDatabase.js';
import { MikroOrmConnectionRepository } from '../db/connections/MikroOrmConnectionRepository.js';
import { MikroOrmWorkspaceRepository } from '../db/workspaces/MikroOrmWorkspaceRepository.js';
import { WorkspaceService } from '../workspaces/WorkspaceService.js';
import { ConnectionService } from './ConnectionService.js';
import { readUserDataSettings } from './connectionSettings.js';
import type { UserDataSettings } from './connectionSettings.js';
import { SecretBox } from './SecretBox.js';

/** The services behind the connections and workspaces endpoints, and their settings. */
export interface UserDataServices {
  connections: ConnectionService;
  workspaces: WorkspaceService;
  settings: UserDataSettings;
}

/**
 * Builds the connection and workspace services on an open database, with the settings read
 * from `env` (REGSYNC_SECRET_KEY, REGSYNC_SECRET_KEY_PREVIOUS, REGSYNC_PROXY_SECRET). Throws
 * with every configuration error at once when a key is malformed.
 */
export function createUserDataServices(options: {
  db: Database;
  env: NodeJS.ProcessEnv;
  now?: () => Date;
}): UserDataServices {
  const read = readUserDataSettings(options.env);
  if (!read.ok) throw new Error(`invalid configuration: ${read.errors.join('; ')}`);
  const settings = read.settings;
  const box = new SecretBox({ current: settings.secretKey, previous: settings.previousKeys });
  return {
    connections: new ConnectionService({
      repo: new MikroOrmConnectionRepository({ orm: options.db.orm }),
      box,
      now: options.now,
    }),
    workspaces: new WorkspaceService({
      repo: new MikroOrmWorkspaceRepository({ orm: options.db.orm }),
      now: options.now,
    }),
    settings,
  };
}
