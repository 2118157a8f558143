import { Migration } from '@mikro-orm/migrations';

/**
 * `workspace_template.origin`: the registry source a workspace's template was installed from,
 * so an upgrade never moves a workspace to another source's template of the same key without
 * being told to (issue 14). The column default gives every existing row `primary` without
 * rewriting it; only rows whose recorded checksum is that of a definition served by another
 * source (an overlay's template installed since layering) get that source's origin, a handful
 * of rows at most.
 */
export class Migration20261208130000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table "workspace_template" add column "origin" text not null default 'primary';`,
    );
    this.addSql(
      `update "workspace_template" wt set "origin" = d."origin" from "definition" d
        where d."kind" = 'template' and d."key" = wt."template_key" and d."source" = 'MANIFEST'
          and d."checksum" = wt."checksum" and d."origin" <> 'primary';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "workspace_template" drop column "origin";`);
  }
}
