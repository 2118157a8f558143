import { Migration } from '@mikro-orm/migrations';

/**
 * `manifest_state (origin, state)`: every revision write deletes the source's `never-ingested`
 * rows, and the sync reads its `invalid` and `shadowed` ones. The primary key (origin, path)
 * could only find them by walking every row of the source: at 100,000 manifests a sequential
 * scan of the table inside each one-manifest sync's transaction (issue 13 point 3). Creating
 * the index rewrites no row.
 */
export class Migration20261208143100 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index "manifest_state_origin_state_index" on "manifest_state" ("origin", "state");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "manifest_state_origin_state_index";`);
  }
}
