import { Migration } from '@mikro-orm/migrations';

/**
 * The confirmation flow of notification channels (issue 16): a connection of an integration
 * whose manifest declares `verification` starts pending, with a code whose keyed digest (HMAC-SHA256,
 * never the code), expiry and remaining attempts live on the row until it is confirmed. All three are
 * null on every other row, so existing and imported connections read as before.
 */
export class Migration20261208100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "integration_connection" add column "verification_code_hash" text null, add column "verification_expires_at" timestamptz(3) null, add column "verification_attempts_left" int null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "integration_connection" drop column "verification_code_hash", drop column "verification_expires_at", drop column "verification_attempts_left";`,
    );
  }
}
