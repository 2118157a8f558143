/**
 * The embedded-database template (src/db/drivers/pgliteTemplate.ts): a real template is
 * written (PGlite, every migration), a new data folder copied from it opens as a migrated
 * database with nothing left to apply, and the template is refused for a stamp it was not
 * made with and for a folder that is not empty.
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyTemplateInto, templateStamp } from '../../../src/db/drivers/pgliteTemplate.js';
import { migrationsList } from '../../../src/db/migrationsList.js';
import { openDatabase } from '../../../src/db/openDatabase.js';
import { writePgliteTemplate } from '../../../src/db/writePgliteTemplate.js';

let dir: string;
let template: { dir: string; stamp: string };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'regsync-template-'));
  template = await writePgliteTemplate(join(dir, 'template'));
}, 120_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the embedded-database template', () => {
  it('is stamped with the PGlite version and the migrations it holds', async () => {
    expect(template.stamp).toBe(await templateStamp(migrationsList));
    expect(template.stamp).not.toBe(await templateStamp(migrationsList.slice(0, -1)));
  });

  it('fills a new data folder that opens migrated, with nothing left to apply', async () => {
    const data = join(dir, 'new');
    await mkdir(join(data, 'pglite'), { recursive: true });
    expect(await copyTemplateInto(join(data, 'pglite'), template.stamp, template.dir)).toBe(true);
    const db = await openDatabase({ dataDir: data, migrate: true });
    try {
      expect(db.migrations.applied).toEqual([]);
      expect(db.migrations.current).toEqual(migrationsList.map((m) => m.name));
      expect(await db.store.lastSyncedRevision()).toBeUndefined();
    } finally {
      await db.close();
    }
  }, 60_000);

  it('is refused for another stamp, and for a folder with anything in it', async () => {
    const other = join(dir, 'other');
    await mkdir(other);
    expect(await copyTemplateInto(other, 'sha256:another', template.dir)).toBe(false);
    expect(await readdir(other)).toEqual([]);
    await writeFile(join(other, 'PG_VERSION'), '17\n');
    expect(await copyTemplateInto(other, template.stamp, template.dir)).toBe(false);
    expect(await readdir(other)).toEqual(['PG_VERSION']);
  });
});
