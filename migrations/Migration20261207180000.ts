import { Migration } from '@mikro-orm/migrations';

/**
 * Keyset paging of the user-data lists (issue 10): each listing reads one page as a range of
 * an index in its own sort order, instead of sorting every row of a user (or of an
 * integration type) per request. Each new index starts with the column of the index it
 * replaces, so the lookups that used the old one still find theirs.
 */
export class Migration20261207180000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index "integration_connection_user_id_connected_at_id_index" on "integration_connection" ("user_id", "connected_at", "id");`,
    );
    this.addSql(`drop index if exists "integration_connection_user_id_index";`);
    this.addSql(
      `create index "integration_connection_type_user_connected_at_id_index" on "integration_connection" ("integration_type", "user_id", "connected_at", "id");`,
    );
    this.addSql(`drop index if exists "integration_connection_integration_type_index";`);
    this.addSql(
      `create index "workspace_owner_id_created_at_id_index" on "workspace" ("owner_id", "created_at", "id");`,
    );
    this.addSql(`drop index if exists "workspace_owner_id_index";`);
  }

  override async down(): Promise<void> {
    this.addSql(`create index "workspace_owner_id_index" on "workspace" ("owner_id");`);
    this.addSql(`drop index if exists "workspace_owner_id_created_at_id_index";`);
    this.addSql(
      `create index "integration_connection_integration_type_index" on "integration_connection" ("integration_type");`,
    );
    this.addSql(`drop index if exists "integration_connection_type_user_connected_at_id_index";`);
    this.addSql(
      `create index "integration_connection_user_id_index" on "integration_connection" ("user_id");`,
    );
    this.addSql(`drop index if exists "integration_connection_user_id_connected_at_id_index";`);
  }
}
