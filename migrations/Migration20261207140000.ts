import { Migration } from '@mikro-orm/migrations';

/**
 * Layered registries (issue 14): every definition, manifest state and sync run records the
 * origin (the registry source it came from), and `registry_source` names each source.
 *
 * An instance that synced one source upgrades without rewriting a row: the new columns
 * are NOT NULL with a constant default, which PostgreSQL (11 and later, so PGlite too)
 * stores in the catalog instead of in every tuple, so existing rows read as origin
 * `primary` and keep their xmin. The first source the service registers on such a
 * database takes the origin `primary` (src/db/registerSources.ts), so its rows, its last
 * synced revision and its checksums are its own at once: no resync, no change of the
 * catalog. `manifest_state` is keyed by origin and path (the same path can come from two
 * sources) and learns the state `shadowed` (a valid copy another source's copy is served
 * over: overridden, or hidden).
 */
export class Migration20261207140000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "definition" add column "origin" text not null default 'primary';`);
    this.addSql(`create index "definition_origin_index" on "definition" ("origin");`);
    this.addSql(
      `alter table "manifest_state" add column "origin" text not null default 'primary';`,
    );
    this.addSql(`alter table "manifest_state" drop constraint "manifest_state_pkey";`);
    this.addSql(
      `alter table "manifest_state" add constraint "manifest_state_pkey" primary key ("origin", "path");`,
    );
    this.addSql(
      `create index "manifest_state_kind_key_index" on "manifest_state" ("kind", "key");`,
    );
    this.addSql(
      `alter table "manifest_state" drop constraint if exists "manifest_state_state_check";`,
    );
    this.addSql(
      `alter table "manifest_state" add constraint "manifest_state_state_check" check("state" in ('active', 'invalid', 'removed', 'never-ingested', 'shadowed'));`,
    );
    this.addSql(`alter table "sync_run" add column "origin" text not null default 'primary';`);
    this.addSql(
      `create index "sync_run_origin_status_started_at_index" on "sync_run" ("origin", "status", "started_at");`,
    );
    this.addSql(
      `create table "registry_source" ("origin" text not null, "name" text not null, "position" int not null, "description" text not null, "revision" text null, "updated_at" timestamptz(3) not null, constraint "registry_source_pkey" primary key ("origin"));`,
    );
    this.addSql(
      `alter table "registry_source" add constraint "registry_source_name_unique" unique ("name");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "registry_source" cascade;`);
    this.addSql(`drop index if exists "sync_run_origin_status_started_at_index";`);
    this.addSql(`alter table "sync_run" drop column "origin";`);
    // The older schema has one source: only the primary source's rows fit it.
    this.addSql(
      `delete from "manifest_state" where "origin" <> 'primary' or "state" = 'shadowed';`,
    );
    this.addSql(
      `alter table "manifest_state" drop constraint if exists "manifest_state_state_check";`,
    );
    this.addSql(
      `alter table "manifest_state" add constraint "manifest_state_state_check" check("state" in ('active', 'invalid', 'removed', 'never-ingested'));`,
    );
    this.addSql(`drop index if exists "manifest_state_kind_key_index";`);
    this.addSql(`alter table "manifest_state" drop constraint "manifest_state_pkey";`);
    this.addSql(`alter table "manifest_state" drop column "origin";`);
    this.addSql(
      `alter table "manifest_state" add constraint "manifest_state_pkey" primary key ("path");`,
    );
    this.addSql(`drop index if exists "definition_origin_index";`);
    this.addSql(`alter table "definition" drop column "origin";`);
  }
}
