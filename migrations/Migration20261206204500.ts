import { Migration } from '@mikro-orm/migrations';

/**
 * `manifest_state` learns the state `never-ingested` (a path of a revision the gate held back
 * or the deletion guard refused, never synced) and a `detail` column saying why.
 */
export class Migration20261206204500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "manifest_state" drop constraint if exists "manifest_state_state_check";`,
    );
    this.addSql(`alter table "manifest_state" add column "detail" text null;`);
    this.addSql(
      `alter table "manifest_state" add constraint "manifest_state_state_check" check("state" in ('active', 'invalid', 'removed', 'never-ingested'));`,
    );
  }

  override async down(): Promise<void> {
    // Such rows describe no synced version; the older schema has no word for them.
    this.addSql(`delete from "manifest_state" where "state" = 'never-ingested';`);
    this.addSql(
      `alter table "manifest_state" drop constraint if exists "manifest_state_state_check";`,
    );
    this.addSql(`alter table "manifest_state" drop column "detail";`);
    this.addSql(
      `alter table "manifest_state" add constraint "manifest_state_state_check" check("state" in ('active', 'invalid', 'removed'));`,
    );
  }
}
