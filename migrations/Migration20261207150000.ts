import { Migration } from '@mikro-orm/migrations';

/**
 * The change feed (issue 15): `change_event`, one row per sync run that changed the served
 * catalog, written in the revision's transaction; `change_feed`, the one-row horizon of the
 * retention (the newest pruned event id); `notify_delivery`, one row per event and webhook
 * receiver, claimed by one instance at a time, with its attempts.
 */
export class Migration20261207150000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "change_event" ("id" bigserial primary key, "revision" text not null, "previous_revision" text null, "changes" jsonb not null default '[]', "recorded_at" timestamptz(3) not null);`,
    );
    this.addSql(`create index "change_event_recorded_at_index" on "change_event" ("recorded_at");`);

    this.addSql(
      `create table "change_feed" ("id" int not null, "pruned_through" bigint not null default 0, constraint "change_feed_pkey" primary key ("id"));`,
    );
    this.addSql(`insert into "change_feed" ("id", "pruned_through") values (1, 0);`);

    this.addSql(
      `create table "notify_delivery" ("id" uuid not null default gen_random_uuid(), "event_id" bigint not null, "receiver" text not null, "status" text not null, "attempt_count" int not null default 0, "next_attempt_at" timestamptz(3) not null, "lease_until" timestamptz(3) null, "attempts" jsonb not null default '[]', "created_at" timestamptz(3) not null, "updated_at" timestamptz(3) not null, constraint "notify_delivery_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "notify_delivery_status_next_attempt_index" on "notify_delivery" ("status", "next_attempt_at");`,
    );
    this.addSql(
      `alter table "notify_delivery" add constraint "notify_delivery_event_receiver_unique" unique ("event_id", "receiver");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "notify_delivery" cascade;`);
    this.addSql(`drop table if exists "change_feed" cascade;`);
    this.addSql(`drop table if exists "change_event" cascade;`);
  }
}
