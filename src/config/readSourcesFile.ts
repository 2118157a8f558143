/** Placeholder replaced below. */
import type { SourceSettings } from './registrySources.js';
export function readSourcesFile(_o: {
  path: string;
  text: string;
  env: NodeJS.ProcessEnv;
  cwd: string;
  bundledFolder: string;
}): { ok: true; sources: SourceSettings[] } | { ok: false; errors: string[] } {
  return { ok: false, errors: ['not yet'] };
}
