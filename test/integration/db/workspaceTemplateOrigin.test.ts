/**
 * Migration20261208130000 on both databases: existing installed templates get the origin
 * `primary` by the column default, except an install whose recorded checksum is that of a
 * template another source serves, which gets that source's origin.
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { forEachDatabase } from '../../helpers/databases.js';

forEachDatabase((fx) => {
  it('assigns existing installs the origin of the template they recorded, else primary', async () => {
    const migrator = fx.db.orm.getMigrator();
    const conn = fx.db.orm.em.fork().getConnection();
    await migrator.down({ to: 'Migration20261208120000' });
    const now = new Date().toISOString();
    const definition = (key: string, origin: string, checksum: string) =>
      conn.execute(
        `insert into "definition" ("id", "kind", "key", "origin", "source", "name", "description",
          "path", "manifest_version", "checksum", "revision", "document", "created_at", "updated_at")
         values (?, 'template', ?, ?, 'MANIFEST', ?, 'd', ?, '1.0', ?, 'r1', '{}', ?, ?)`,
        [randomUUID(), key, origin, key, `templates/${key}/manifest.json`, checksum, now, now],
      );
    await definition('mig-overlaid', 'acme', 'sha256:acme');
    await definition('mig-upstream', 'primary', 'sha256:up');
    const workspace = randomUUID();
    await conn.execute(
      `insert into "workspace" ("id", "owner_id", "name", "created_at", "updated_at") values (?, 'mig', 'Mig', ?, ?)`,
      [workspace, now, now],
    );
    const install = (key: string, checksum: string) =>
      conn.execute(
        `insert into "workspace_template" ("id", "workspace_id", "template_key", "checksum",
          "revision", "base", "installed_at") values (?, ?, ?, ?, 'r0', '{}', ?)`,
        [randomUUID(), workspace, key, checksum, now],
      );
    await install('mig-overlaid', 'sha256:acme'); // installed from the overlay's copy
    await install('mig-upstream', 'sha256:up');
    await install('mig-gone', 'sha256:old'); // its template left the catalog

    await migrator.up();
    const rows = (await conn.execute(
      `select "template_key", "origin" from "workspace_template" where "workspace_id" = ? order by 1`,
      [workspace],
    )) as Array<{ template_key: string; origin: string }>;
    expect(rows.map((r) => [r.template_key, r.origin])).toEqual([
      ['mig-gone', 'primary'],
      ['mig-overlaid', 'acme'],
      ['mig-upstream', 'primary'],
    ]);
  });
});
