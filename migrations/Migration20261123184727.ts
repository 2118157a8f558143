import { Migration } from '@mikro-orm/migrations';

export class Migration20261123184727 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "integration_connection" ("id" uuid not null default gen_random_uuid(), "user_id" text not null, "integration_type" text not null, "label" text null, "config" jsonb not null default '{}', "is_active" boolean not null default true, "connected_at" timestamptz(3) not null, "disconnected_at" timestamptz(3) null, "last_used_at" timestamptz(3) null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, constraint "integration_connection_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "integration_connection_user_id_index" on "integration_connection" ("user_id");`,
    );
    this.addSql(
      `create index "integration_connection_integration_type_index" on "integration_connection" ("integration_type");`,
    );
    this.addSql(
      `create index "integration_connection_user_id_integration_type_index" on "integration_connection" ("user_id", "integration_type");`,
    );

    this.addSql(
      `create table "workspace" ("id" uuid not null default gen_random_uuid(), "owner_id" text not null, "name" text not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, constraint "workspace_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "workspace_owner_id_index" on "workspace" ("owner_id");`);

    this.addSql(
      `create table "workspace_relationship" ("id" uuid not null default gen_random_uuid(), "workspace_id" uuid not null, "key" text not null, "from_entity_type" text not null, "to_entity_type" text not null, "cardinality" text not null, "via" text null, "semantic" jsonb null, "position" int not null, "source" text check ("source" in ('MANIFEST', 'TEMPLATE', 'RUNTIME')) not null default 'RUNTIME', "readonly" boolean not null default false, "origin_kind" text null, "origin_key" text null, constraint "workspace_relationship_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "workspace_relationship" add constraint "workspace_relationship_workspace_key_unique" unique ("workspace_id", "key");`,
    );

    this.addSql(
      `create table "workspace_entity_type" ("id" uuid not null default gen_random_uuid(), "workspace_id" uuid not null, "key" text not null, "display_name" text not null, "description" text null, "primary_key" text null, "semantic" jsonb null, "position" int not null, "source" text check ("source" in ('MANIFEST', 'TEMPLATE', 'RUNTIME')) not null default 'RUNTIME', "readonly" boolean not null default false, "origin_kind" text null, "origin_key" text null, constraint "workspace_entity_type_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "workspace_entity_type" add constraint "workspace_entity_type_workspace_key_unique" unique ("workspace_id", "key");`,
    );

    this.addSql(
      `create table "workspace_attribute" ("id" uuid not null default gen_random_uuid(), "entity_type_id" uuid not null, "key" text not null, "display_name" text null, "data_type" text not null, "list" boolean not null default false, "required" boolean not null default false, "enum_values" jsonb null, "references_entity_type" text null, "validation" jsonb null, "semantic" jsonb null, "position" int not null, "source" text check ("source" in ('MANIFEST', 'TEMPLATE', 'RUNTIME')) not null default 'RUNTIME', "readonly" boolean not null default false, constraint "workspace_attribute_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "workspace_attribute" add constraint "workspace_attribute_entity_type_key_unique" unique ("entity_type_id", "key");`,
    );

    this.addSql(
      `create table "workspace_template" ("id" uuid not null default gen_random_uuid(), "workspace_id" uuid not null, "template_key" text not null, "checksum" text not null, "revision" text not null, "base" jsonb not null, "installed_at" timestamptz(3) not null, "upgraded_at" timestamptz(3) null, constraint "workspace_template_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "workspace_template" add constraint "workspace_template_workspace_key_unique" unique ("workspace_id", "template_key");`,
    );

    this.addSql(
      `alter table "workspace_relationship" add constraint "workspace_relationship_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "workspace_entity_type" add constraint "workspace_entity_type_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "workspace_attribute" add constraint "workspace_attribute_entity_type_id_foreign" foreign key ("entity_type_id") references "workspace_entity_type" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "workspace_template" add constraint "workspace_template_workspace_id_foreign" foreign key ("workspace_id") references "workspace" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "workspace_relationship" drop constraint "workspace_relationship_workspace_id_foreign";`,
    );

    this.addSql(
      `alter table "workspace_entity_type" drop constraint "workspace_entity_type_workspace_id_foreign";`,
    );

    this.addSql(
      `alter table "workspace_template" drop constraint "workspace_template_workspace_id_foreign";`,
    );

    this.addSql(
      `alter table "workspace_attribute" drop constraint "workspace_attribute_entity_type_id_foreign";`,
    );

    this.addSql(`drop table if exists "integration_connection" cascade;`);

    this.addSql(`drop table if exists "workspace" cascade;`);

    this.addSql(`drop table if exists "workspace_relationship" cascade;`);

    this.addSql(`drop table if exists "workspace_entity_type" cascade;`);

    this.addSql(`drop table if exists "workspace_attribute" cascade;`);

    this.addSql(`drop table if exists "workspace_template" cascade;`);
  }
}
