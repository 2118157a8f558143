import { Migration } from '@mikro-orm/migrations';

export class Migration20261123180016 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "definition" ("id" uuid not null default gen_random_uuid(), "kind" text check ("kind" in ('integration', 'template')) not null, "key" text not null, "source" text check ("source" in ('MANIFEST', 'TEMPLATE', 'RUNTIME')) not null default 'MANIFEST', "readonly" boolean not null default true, "name" text not null, "description" text not null, "category" text null, "provider" text null, "tags" jsonb not null default '[]', "path" text not null, "manifest_version" text not null, "checksum" text not null, "revision" text not null, "document" jsonb not null, "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, "removed_at" timestamptz(3) null, constraint "definition_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "definition_path_index" on "definition" ("path");`);
    this.addSql(`create index "definition_kind_key_index" on "definition" ("kind", "key");`);
    this.addSql(
      `alter table "definition" add constraint "definition_source_kind_key_unique" unique ("source", "kind", "key");`,
    );

    this.addSql(
      `create table "entity_type" ("id" uuid not null default gen_random_uuid(), "definition_id" uuid not null, "key" text not null, "display_name" text not null, "description" text null, "semantic" jsonb null, "primary_key" text null, "position" int not null, "source" text check ("source" in ('MANIFEST', 'TEMPLATE', 'RUNTIME')) not null default 'MANIFEST', "readonly" boolean not null default true, "removed_at" timestamptz(3) null, constraint "entity_type_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "entity_type" add constraint "entity_type_definition_key_unique" unique ("definition_id", "key");`,
    );

    this.addSql(
      `create table "attribute" ("id" uuid not null default gen_random_uuid(), "entity_type_id" uuid not null, "key" text not null, "display_name" text null, "data_type" text not null, "list" boolean not null default false, "required" boolean not null default false, "enum_values" jsonb null, "references_entity_type" text null, "validation" jsonb null, "semantic" jsonb null, "position" int not null, "source" text check ("source" in ('MANIFEST', 'TEMPLATE', 'RUNTIME')) not null default 'MANIFEST', "readonly" boolean not null default true, "removed_at" timestamptz(3) null, constraint "attribute_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "attribute" add constraint "attribute_entity_type_key_unique" unique ("entity_type_id", "key");`,
    );

    this.addSql(
      `create table "field_mapping" ("id" uuid not null default gen_random_uuid(), "definition_id" uuid not null, "model" text not null, "entity_type_key" text not null, "fields" jsonb not null, "position" int not null, "source" text check ("source" in ('MANIFEST', 'TEMPLATE', 'RUNTIME')) not null default 'MANIFEST', "readonly" boolean not null default true, "removed_at" timestamptz(3) null, constraint "field_mapping_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "field_mapping" add constraint "field_mapping_definition_model_entity_type_unique" unique ("definition_id", "model", "entity_type_key");`,
    );

    this.addSql(
      `create table "manifest_state" ("path" text not null, "kind" text check ("kind" in ('integration', 'template')) null, "key" text null, "state" text check ("state" in ('active', 'invalid', 'removed')) not null, "checksum" text null, "findings" jsonb not null default '[]', "revision" text not null, "updated_at" timestamptz(3) not null, constraint "manifest_state_pkey" primary key ("path"));`,
    );

    this.addSql(
      `create table "relationship" ("id" uuid not null default gen_random_uuid(), "definition_id" uuid not null, "key" text not null, "from_entity_type" text not null, "to_entity_type" text not null, "cardinality" text not null, "via" text null, "semantic" jsonb null, "position" int not null, "source" text check ("source" in ('MANIFEST', 'TEMPLATE', 'RUNTIME')) not null default 'MANIFEST', "readonly" boolean not null default true, "removed_at" timestamptz(3) null, constraint "relationship_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "relationship" add constraint "relationship_definition_key_unique" unique ("definition_id", "key");`,
    );

    this.addSql(
      `create table "sync_run" ("id" uuid not null, "trigger" text not null, "source" text not null, "from_revision" text null, "to_revision" text null, "status" text not null, "reason" text not null, "message" text null, "added" int not null default 0, "updated" int not null default 0, "unchanged" int not null default 0, "removed" int not null default 0, "invalid" int not null default 0, "invalid_manifests" jsonb not null default '[]', "upgraded" jsonb not null default '[]', "started_at" timestamptz(3) not null, "finished_at" timestamptz(3) null, "duration_ms" int null, constraint "sync_run_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "sync_run_started_at_index" on "sync_run" ("started_at");`);
    this.addSql(
      `create index "sync_run_status_started_at_index" on "sync_run" ("status", "started_at");`,
    );

    this.addSql(
      `alter table "entity_type" add constraint "entity_type_definition_id_foreign" foreign key ("definition_id") references "definition" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "attribute" add constraint "attribute_entity_type_id_foreign" foreign key ("entity_type_id") references "entity_type" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "field_mapping" add constraint "field_mapping_definition_id_foreign" foreign key ("definition_id") references "definition" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "relationship" add constraint "relationship_definition_id_foreign" foreign key ("definition_id") references "definition" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "entity_type" drop constraint "entity_type_definition_id_foreign";`);

    this.addSql(
      `alter table "field_mapping" drop constraint "field_mapping_definition_id_foreign";`,
    );

    this.addSql(`alter table "relationship" drop constraint "relationship_definition_id_foreign";`);

    this.addSql(`alter table "attribute" drop constraint "attribute_entity_type_id_foreign";`);

    this.addSql(`drop table if exists "definition" cascade;`);

    this.addSql(`drop table if exists "entity_type" cascade;`);

    this.addSql(`drop table if exists "attribute" cascade;`);

    this.addSql(`drop table if exists "field_mapping" cascade;`);

    this.addSql(`drop table if exists "manifest_state" cascade;`);

    this.addSql(`drop table if exists "relationship" cascade;`);

    this.addSql(`drop table if exists "sync_run" cascade;`);
  }
}
