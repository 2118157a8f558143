import { loadConfig, type RegsyncConfig } from '../config/loadConfig.js';
import type { CliIo } from './CliIo.js';
import { UsageError } from './UsageError.js';

/** Loads settings for a command; a bad setting is a usage error printed as one line. */
export function configFromEnv(io: CliIo): RegsyncConfig {
  const result = loadConfig(io.env, io.cwd);
  if (!result.ok) throw new UsageError(result.errors.join('; '));
  return result.config;
}
