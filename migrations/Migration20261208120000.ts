import { Migration } from '@mikro-orm/migrations';

/**
 * `GET /api/v1/manifests` pages by (path, origin) since layered registries (one path can
 * have a copy per source): this index is that order, so a page is a range of it instead of
 * a sort of every state row per request (the primary key is (origin, path), the other way
 * round). Creating an index rewrites no row: an upgraded catalog and its ETags stay as they
 * were.
 */
export class Migration20261208120000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index "manifest_state_path_origin_index" on "manifest_state" ("path", "origin");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "manifest_state_path_origin_index";`);
  }
}
