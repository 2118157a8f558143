import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from '../config/loadConfig.js';
import {
  openTemplateToAll,
  PGLITE_SYNCED_TEMPLATE_DIR,
  syncedTemplateStamp,
  templateStamp,
} from '../db/drivers/pgliteTemplate.js';
import { migrationsList } from '../db/migrationsList.js';
import { createLogger } from '../logging/createLogger.js';
import { createRuntime } from '../main.js';
import { syncedTemplateContent } from './syncedTemplateContent.js';

/**
 * Writes the synced template of src/db/drivers/pgliteTemplate.ts (the build's last step,
 * scripts/buildPgliteTemplate.js): a new embedded data folder, opened as `regsync sync --once`
 * opens it with nothing configured (so it starts from the migrated template when there is one),
 * one sync of the bundled registry by the same runtime the service runs, closed cleanly,
 * opened to every user and moved into place (`target`, by default the build's) with its
 * stamp in `<target>.json`. The old template and stamp are removed first, so the sync never
 * starts from a previous synced template. Throws when the sync did not succeed with every
 * manifest valid: a template must hold what a first sync would.
 */
export async function writeSyncedTemplate(
  options: { target?: string; migratedTemplate?: string } = {},
): Promise<{ dir: string; stamp: string; revision: string }> {
  const target = options.target ?? PGLITE_SYNCED_TEMPLATE_DIR;
  const work = `${target}.building`;
  await rm(`${target}.json`, { force: true });
  await rm(target, { recursive: true, force: true });
  await rm(work, { recursive: true, force: true });
  try {
    const loaded = loadConfig({ REGSYNC_DATA_DIR: work }, process.cwd());
    if (!loaded.ok) throw new Error(loaded.errors.join('; '));
    const runtime = await createRuntime(loaded.config, {
      logger: createLogger('warn', process.stderr),
      templateDirs: {
        synced: target,
        ...(options.migratedTemplate ? { migrated: options.migratedTemplate } : {}),
      },
    });
    let content: string | undefined;
    try {
      const run = await runtime.engine.run({ trigger: 'cli' });
      if (run.status !== 'succeeded' || run.counts.invalid > 0)
        throw new Error(
          `the sync of the bundled registry ended ${run.status} (${run.reason}) with ${run.counts.invalid} invalid`,
        );
      content = await syncedTemplateContent(loaded.config, runtime.source)?.();
    } finally {
      await runtime.close();
    }
    if (content === undefined) throw new Error('the bundled registry alone is not configured');
    await openTemplateToAll(join(work, 'pglite'));
    await rename(join(work, 'pglite'), target);
    const stamp = syncedTemplateStamp(await templateStamp(migrationsList), content);
    await writeFile(`${target}.json`, `${stamp}\n`);
    return { dir: target, stamp, revision: (JSON.parse(content) as { revision: string }).revision };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
