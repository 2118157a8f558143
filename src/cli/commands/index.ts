import type { CommandModule } from '../CommandModule.js';
import { apiDiffCommand } from './apiDiff.js';
import { connectionsCommand } from './connections.js';
import { diffCommand } from './diff.js';
import { mapCommand } from './map.js';
import { migrateCommand } from './migrate.js';
import { serveCommand } from './serve.js';
import { syncCommand } from './sync.js';
import { upgradeCommand } from './upgrade.js';
import { validateCommand } from './validate.js';

/**
 * Every verb of `regsync`, in help order. Each lives in its own file named after the verb.
 */
export const commands: CommandModule[] = [
  validateCommand,
  upgradeCommand,
  diffCommand,
  apiDiffCommand,
  mapCommand,
  syncCommand,
  serveCommand,
  migrateCommand,
  connectionsCommand,
];
