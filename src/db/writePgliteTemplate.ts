import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PGLITE_TEMPLATE_DIR, openTemplateToAll, templateStamp } from './drivers/pgliteTemplate.js';
import { migrationsList } from './migrationsList.js';
import { openDatabase } from './openDatabase.js';

/**
 * Writes the embedded-database template of pgliteTemplate.ts (the build's third step,
 * scripts/buildPgliteTemplate.js): opens a new PGlite data folder beside the template's
 * place, applies every migration, closes it cleanly, opens it to every user, and moves it
 * into place (`target`, by default the build's) with its stamp in `<target>.json`. The old template and stamp are removed first, so the folder
 * is made by initdb and the migrations, never copied from a previous template.
 */
export async function writePgliteTemplate(
  target: string = PGLITE_TEMPLATE_DIR,
): Promise<{ dir: string; stamp: string }> {
  const work = `${target}.building`;
  await rm(`${target}.json`, { force: true });
  await rm(target, { recursive: true, force: true });
  await rm(work, { recursive: true, force: true });
  try {
    const db = await openDatabase({ dataDir: work, migrate: true });
    await db.close();
    await openTemplateToAll(join(work, 'pglite'));
    await rename(join(work, 'pglite'), target);
    const stamp = await templateStamp(migrationsList);
    await writeFile(`${target}.json`, `${stamp}\n`);
    return { dir: target, stamp };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
