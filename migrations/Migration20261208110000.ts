import { Migration } from '@mikro-orm/migrations';

/**
 * The import of legacy connections (issue 16, TD-001): `import_key` names the line of an
 * import a connection came from, so a re-run of the same file skips what it wrote. Unique
 * (the importer's `ON CONFLICT (import_key) DO NOTHING` relies on it); NULLs are distinct,
 * so the connections created over HTTP, which have none, never clash.
 */
export class Migration20261208110000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "integration_connection" add column "import_key" text null;`);
    this.addSql(
      `alter table "integration_connection" add constraint "integration_connection_import_key_unique" unique ("import_key");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "integration_connection" drop constraint "integration_connection_import_key_unique";`,
    );
    this.addSql(`alter table "integration_connection" drop column "import_key";`);
  }
}
